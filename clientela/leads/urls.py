from django.urls import path

from clientela.core.routing import record_patterns

from . import views

app_name = "leads"
urlpatterns = record_patterns("lead", views, "Lead", extra=[
    path("<int:pk>/convert/", views.LeadConvertView.as_view(), name="lead_convert"),
])
