"""Pages of the users app: sign-in, preferences, sharing, and the admins' users/teams/roles."""

from django.urls import path

from . import admin_views, views

app_name = "users"
urlpatterns = [
    path("login/", views.sign_in, name="login"),
    path("logout/", views.sign_out, name="logout"),
    path("password/", views.password_change, name="password_change"),
    path("preferences/", views.preferences, name="preferences"),
    path("shares/<slug:module_slug>/<int:pk>/", views.record_shares, name="record_shares"),
    path("users/", admin_views.user_list, name="user_list"),
    path("users/new/", admin_views.user_edit, name="user_create"),
    path("users/<int:pk>/", admin_views.user_edit, name="user_edit"),
    path("teams/", admin_views.team_list, name="team_list"),
    path("teams/new/", admin_views.team_edit, name="team_create"),
    path("teams/<int:pk>/", admin_views.team_edit, name="team_edit"),
    path("teams/<int:pk>/delete/", admin_views.team_delete, name="team_delete"),
    path("roles/", admin_views.role_list, name="role_list"),
    path("roles/new/", admin_views.role_edit, name="role_create"),
    path("roles/<int:pk>/", admin_views.role_edit, name="role_edit"),
    path("roles/<int:pk>/delete/", admin_views.role_delete, name="role_delete"),
]
