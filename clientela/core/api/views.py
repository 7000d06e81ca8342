"""The API's own endpoints: sign-in for a token, the OpenAPI schema and its documentation."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, inline_serializer
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework import permissions, serializers
from rest_framework.authtoken.models import Token
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from clientela.users.auth import sign_in_check

from .parsers import JSONParser


class TokenSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=4096, trim_whitespace=False)


class TokenView(APIView):
    """Exchange a username and password for the user's API token (rate limited)."""

    authentication_classes: list = []
    permission_classes = [permissions.AllowAny]
    parser_classes = [JSONParser]
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "login"

    @extend_schema(
        request=TokenSerializer,
        responses=inline_serializer("Token", {"token": serializers.CharField()}),
        auth=[],
    )
    def post(self, request):
        """Return `{"token": key}` for valid credentials of an active user.

        Wrong credentials are a 400; too many failures for the username or address a 429 with
        Retry-After, exactly as on the sign-in page.
        """
        serializer = TokenSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = sign_in_check(request._request, **serializer.validated_data)
        token, _created = Token.objects.get_or_create(user=user)
        return Response({"token": token.key})


class SchemaView(SpectacularAPIView):
    """The OpenAPI 3 schema of the whole API."""

    permission_classes = [permissions.AllowAny]


class DocsView(SpectacularSwaggerView):
    """Swagger UI over the schema, with its assets served locally."""

    permission_classes = [permissions.AllowAny]
