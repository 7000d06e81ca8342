"""The search endpoint, mounted at /api/v1/search/."""

from django.urls import path

from .api import SearchAPIView

urlpatterns = [
    path("", SearchAPIView.as_view(), name="search-api"),
]
