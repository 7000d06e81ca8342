from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("", views.AccountListView.as_view(), name="account_list"),
    path("add/", views.AccountEditView.as_view(), name="account_add"),
    path("bulk-edit/", views.AccountBulkEditView.as_view(), name="account_bulk_edit"),
    path("bulk-delete/", views.AccountBulkDeleteView.as_view(), name="account_bulk_delete"),
    path("export/", views.AccountExportView.as_view(), name="account_export"),
    path("merge/", views.AccountMergeView.as_view(), name="account_merge"),
    path("<int:pk>/", views.AccountView.as_view(), name="account"),
    path("<int:pk>/edit/", views.AccountEditView.as_view(), name="account_edit"),
    path("<int:pk>/delete/", views.AccountDeleteView.as_view(), name="account_delete"),
    path("<int:pk>/history/", views.AccountHistoryView.as_view(), name="account_history"),
]
