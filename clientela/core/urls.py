from django.urls import path

from . import views
from .views.autocomplete import autocomplete

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("autocomplete/<slug:source>/", autocomplete, name="autocomplete"),
]
