"""Pages of customization: the admins' custom fields and recycle bin."""

from django.urls import path

from . import views

app_name = "customization"
urlpatterns = [
    path("custom-fields/", views.custom_field_list, name="custom_field_list"),
    path("custom-fields/new/", views.custom_field_edit, name="custom_field_create"),
    path("custom-fields/<int:pk>/", views.custom_field_edit, name="custom_field_edit"),
    path("custom-fields/<int:pk>/delete/", views.custom_field_delete, name="custom_field_delete"),
    path("recycle-bin/", views.recycle_bin, name="recycle_bin"),
    path("recycle-bin/empty/", views.recycle_bin_empty, name="recycle_bin_empty"),
]
