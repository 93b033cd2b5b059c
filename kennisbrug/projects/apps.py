from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    name = "kennisbrug.projects"
    verbose_name = "Projecten en leergemeenschappen"
