from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "clientela.demo"
    label = "demo"
    verbose_name = "Demo company and benchmarks"
