from django.urls import path

from clientela.core.routing import record_patterns

from . import views

app_name = "accounts"
urlpatterns = record_patterns("account", views, "Account", extra=[
    path("merge/", views.AccountMergeView.as_view(), name="account_merge"),
])
