from django.urls import path

from kennisbrug.programmes import views

app_name = "programmes"

urlpatterns = [
    path("", views.programme_list, name="programmes"),
    path("projecten/<int:pk>/", views.project_detail, name="project"),
    path("<slug:slug>/", views.programme_detail, name="programme"),
]
