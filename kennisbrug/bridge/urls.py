from django.urls import path

from kennisbrug.bridge import views

app_name = "bridge"

urlpatterns = [
    path("verbanden/oordeel/", views.judge, name="judge"),
    path("verbanden/<str:kind>/<int:pk>.json", views.related_json, name="related-json"),
]
