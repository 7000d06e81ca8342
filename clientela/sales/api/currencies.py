"""The currencies collections of the API: currencies and their exchange rates."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django_filters import rest_framework as filters
from rest_framework import filters as drf_filters
from rest_framework import serializers

from clientela.core.api.exceptions import django_errors
from clientela.core.api.registry import register_viewset
from clientela.users.api.views import PlatformViewSet

from ..models import Currency, ExchangeRate
from ..models.currencies import ISO_CODE
from ..selectors import currency_list
from ..services import currency_delete, currency_save


class ModelCleanSerializer(serializers.ModelSerializer):
    """A platform object validated by its model's `full_clean()`, errors naming the field."""

    def run_model_clean(self, instance) -> None:
        try:
            instance.full_clean()
        except DjangoValidationError as error:
            raise serializers.ValidationError(django_errors(error)) from error

    def create(self, validated_data):
        instance = self.Meta.model(**validated_data)
        self.run_model_clean(instance)
        instance.save()
        return instance

    def update(self, instance, validated_data):
        for name, value in validated_data.items():
            setattr(instance, name, value)
        self.run_model_clean(instance)
        instance.save()
        return instance


class CurrencySerializer(ModelCleanSerializer):
    """A currency; `code` is fixed once created; marking another currency base moves the base."""

    code = serializers.CharField(max_length=3, help_text="ISO 4217 code, e.g. EUR.")
    is_base = serializers.BooleanField(
        required=False, help_text="Marking a currency base moves the base to it and "
                                  "re-expresses every exchange rate against it.")
    latest_rate = serializers.SerializerMethodField()

    class Meta:
        model = Currency
        fields = ["code", "name", "symbol", "decimal_places", "is_active", "is_base",
                  "latest_rate"]
        validators = []

    def get_fields(self):
        fields = super().get_fields()
        if self.instance is not None and not isinstance(self.instance, list | tuple):
            fields["code"].read_only = True
        return fields

    def validate_code(self, value: str) -> str:
        value = value.strip().upper()
        try:
            ISO_CODE(value)
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.messages) from error
        if Currency.objects.filter(pk=value).exists():
            raise serializers.ValidationError("A currency with this code already exists.")
        return value

    def get_latest_rate(self, currency: Currency) -> str | None:
        """Return the latest rate to the base currency as a decimal string ("1" for the base)."""
        if currency.is_base:
            return "1"
        rate = getattr(currency, "latest_rate", None)
        return None if rate is None else str(rate)

    def save_currency(self, currency: Currency) -> Currency:
        try:
            return currency_save(currency=currency)
        except DjangoValidationError as error:
            raise serializers.ValidationError(django_errors(error)) from error

    def create(self, validated_data):
        return self.save_currency(Currency(**validated_data))

    def update(self, instance, validated_data):
        for name, value in validated_data.items():
            setattr(instance, name, value)
        return self.save_currency(instance)


class ExchangeRateSerializer(ModelCleanSerializer):
    rate = serializers.DecimalField(max_digits=20, decimal_places=10)

    class Meta:
        model = ExchangeRate
        fields = ["id", "currency", "date", "rate"]
        validators = []


class CurrencyViewSet(PlatformViewSet):
    """Currencies, base first; everyone signed in reads, administrators write."""

    queryset = currency_list().order_by("-is_base", "code")
    serializer_class = CurrencySerializer
    lookup_value_regex = "[A-Za-z]{3}"

    def get_object(self):
        self.kwargs[self.lookup_field] = self.kwargs[self.lookup_field].upper()
        return super().get_object()

    def perform_destroy(self, instance) -> None:
        currency_delete(currency=instance)


class ExchangeRateFilterSet(filters.FilterSet):
    class Meta:
        model = ExchangeRate
        fields = {"currency": ["exact"], "date": ["exact", "gte", "lte"]}


class ExchangeRateViewSet(PlatformViewSet):
    """Exchange rates to the base currency, newest first; filter by `currency` and `date`."""

    queryset = ExchangeRate.objects.order_by("currency", "-date", "id")
    serializer_class = ExchangeRateSerializer
    filter_backends = [filters.DjangoFilterBackend, drf_filters.OrderingFilter]
    filterset_class = ExchangeRateFilterSet
    ordering_fields = ["date", "currency", "rate"]


register_viewset("currencies", CurrencyViewSet)
register_viewset("exchange-rates", ExchangeRateViewSet)
