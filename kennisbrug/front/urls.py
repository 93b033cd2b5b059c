from django.urls import path

from kennisbrug.front import views

app_name = "front"

urlpatterns = [
    path("", views.home, name="home"),
    path("werkplaatsen/", views.werkplaats_list, name="werkplaatsen"),
    path("werkplaatsen/<slug:slug>/", views.werkplaats_detail, name="werkplaats"),
    path("producten/<int:pk>/", views.product_detail, name="product"),
    path("projecten/<int:pk>/", views.project_detail, name="project"),
    path("interventies/<int:pk>/", views.intervention_detail, name="intervention"),
    path("themas/", views.theme_list, name="themes"),
    path("themas/<slug:slug>/", views.theme_detail, name="theme"),
    path("agendas/", views.agenda_comparison, name="agendas"),
    path("sitemap.xml", views.sitemap_index, name="sitemap"),
    path("sitemap-<slug:section>.xml", views.sitemap, name="sitemap-section"),
    path("robots.txt", views.robots_txt, name="robots"),
]
