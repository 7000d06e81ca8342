"""The order pages, declared on the generic record views, with their lines."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from clientela.core import views as generic

from .. import filtersets, tables
from ..forms import orders as forms
from ..models import Order
from ..selectors.invoices import order_invoicing
from ..services.orders import order_save
from .documents import DocumentLinesMixin

RELATED = ("owner", "team", "account", "contact", "opportunity", "quote", "currency",
           "price_book")

FIELDSETS = (
    (_("Order"), ("subject", "account", "contact", "opportunity", "quote", "order_date",
                  "owner", "team")),
    (_("Prices"), ("currency", "price_book")),
    (_("Shipping"), ("shipping_status", "shipped_on")),
    (_("Billing address"), ("billing_street", "billing_city", "billing_region",
                            "billing_postal_code", "billing_country")),
    (_("Shipping address"), ("shipping_street", "shipping_city", "shipping_region",
                             "shipping_postal_code", "shipping_country")),
    (_("Description"), ("description",)),
)


class OrderListView(generic.ObjectListView):
    queryset = Order.objects.select_related(*RELATED)
    filterset = filtersets.OrderFilterSet
    filter_fields = ("q", "shipping_status", "owner", "team", "account", "order_date__gte",
                     "order_date__lte")
    table = tables.OrderTable


class OrderView(generic.ObjectView):
    queryset = Order.objects.select_related(*RELATED, "created_by")
    template_name = "sales/order.html"
    fieldsets = FIELDSETS

    def get_extra_context(self, obj):
        return {"lines": obj.lines.select_related("product"),
                **order_invoicing(self.request.user, obj)}


class OrderHistoryView(OrderView):
    tab = "history"


class OrderEditView(DocumentLinesMixin, generic.ObjectEditView):
    """Edit an order with its lines, saved and priced through `order_save`."""

    queryset = Order.objects.all()
    form = forms.OrderForm

    def save_object(self, form):
        order = form.save(commit=False)
        order_save(order=order, user=self.request.user, lines=self.lines_from_formset(),
                   expected_version=form.cleaned_data.get("version"))
        form.save_m2m()
        return order


class OrderDeleteView(generic.ObjectDeleteView):
    queryset = Order.objects.all()


class OrderBulkEditView(generic.BulkEditView):
    queryset = Order.objects.all()
    form = forms.OrderBulkEditForm


class OrderBulkDeleteView(generic.BulkDeleteView):
    queryset = Order.objects.all()


class OrderExportView(generic.ObjectExportView, OrderListView):
    pass
