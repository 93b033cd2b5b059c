from django.urls import path

from kennisbrug.harvest import views

app_name = "harvest"

urlpatterns = [
    path("", views.log, name="log"),
]
