from django.urls import path

from kennisbrug.experts import views

app_name = "experts"

urlpatterns = [
    path("wie-weet-meer/", views.experts, name="experts"),
]
