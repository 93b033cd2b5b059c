from django.urls import path

from kennisbrug.radar import views

app_name = "radar"

urlpatterns = [
    path("", views.network, name="network"),
    path("werkplaatsen/<slug:slug>/", views.werkplaats_radar, name="werkplaats"),
    path("naast-elkaar/", views.side_by_side, name="side-by-side"),
    path("mijn/", views.dashboard, name="dashboard"),
    path("volgen/", views.follow, name="follow"),
    path("signalen/<int:pk>/", views.open_alert, name="alert"),
]
