from django.urls import path

from . import views

app_name = "leads"
urlpatterns = [
    path("", views.LeadListView.as_view(), name="lead_list"),
    path("add/", views.LeadEditView.as_view(), name="lead_add"),
    path("bulk-edit/", views.LeadBulkEditView.as_view(), name="lead_bulk_edit"),
    path("bulk-delete/", views.LeadBulkDeleteView.as_view(), name="lead_bulk_delete"),
    path("export/", views.LeadExportView.as_view(), name="lead_export"),
    path("<int:pk>/", views.LeadView.as_view(), name="lead"),
    path("<int:pk>/edit/", views.LeadEditView.as_view(), name="lead_edit"),
    path("<int:pk>/delete/", views.LeadDeleteView.as_view(), name="lead_delete"),
    path("<int:pk>/history/", views.LeadHistoryView.as_view(), name="lead_history"),
    path("<int:pk>/convert/", views.LeadConvertView.as_view(), name="lead_convert"),
]
