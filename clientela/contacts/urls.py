from django.urls import path

from . import views

app_name = "contacts"
urlpatterns = [
    path("", views.ContactListView.as_view(), name="contact_list"),
    path("add/", views.ContactEditView.as_view(), name="contact_add"),
    path("bulk-edit/", views.ContactBulkEditView.as_view(), name="contact_bulk_edit"),
    path("bulk-delete/", views.ContactBulkDeleteView.as_view(), name="contact_bulk_delete"),
    path("export/", views.ContactExportView.as_view(), name="contact_export"),
    path("merge/", views.ContactMergeView.as_view(), name="contact_merge"),
    path("<int:pk>/", views.ContactView.as_view(), name="contact"),
    path("<int:pk>/edit/", views.ContactEditView.as_view(), name="contact_edit"),
    path("<int:pk>/delete/", views.ContactDeleteView.as_view(), name="contact_delete"),
    path("<int:pk>/history/", views.ContactHistoryView.as_view(), name="contact_history"),
]
