from django.urls import path

from kennisbrug.oai import views

app_name = "oai"

# Mounted at the site root: the endpoint is /oai, without a slash, as repositories expect.
urlpatterns = [
    path("oai", views.endpoint, name="endpoint"),
    path("oai/kennisbrug.xsd", views.schema, name="schema"),
]
