from django.urls import path

from kennisbrug.network import views

app_name = "network"

urlpatterns = [
    path("netwerk/", views.network, name="graph"),
    path("kaart/", views.netherlands_map, name="map"),
]
