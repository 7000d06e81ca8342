"""The administrators' page of the company details."""

from django.urls import path

from . import views

app_name = "company"
urlpatterns = [
    path("company/", views.company_edit, name="company_edit"),
]
