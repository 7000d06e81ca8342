from django.urls import path

from . import api

urlpatterns = [
    path("jobs/", api.JobListView.as_view(), name="job-list"),
    path("jobs/<int:pk>/", api.JobDetailView.as_view(), name="job-detail"),
    path("jobs/<int:pk>/download/", api.JobDownloadView.as_view(), name="job-download"),
    path("<slug:module>/export/", api.ModuleExportView.as_view(), name="module-export"),
    path("<slug:module>/import/", api.ModuleImportView.as_view(), name="module-import"),
]
