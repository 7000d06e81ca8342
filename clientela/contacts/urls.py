from django.urls import path

from clientela.core.routing import record_patterns

from . import views

app_name = "contacts"
urlpatterns = record_patterns("contact", views, "Contact", extra=[
    path("merge/", views.ContactMergeView.as_view(), name="contact_merge"),
])
