from django.apps import AppConfig


class UsersConfig(AppConfig):
    name = "clientela.users"
    label = "users"
    verbose_name = "Users"
