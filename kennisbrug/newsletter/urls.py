from django.urls import path

from kennisbrug.newsletter import views

app_name = "newsletter"

urlpatterns = [
    path("", views.subscribe, name="subscribe"),
    path("bevestigen/<str:token>/", views.confirm, name="confirm"),
    path("voorkeuren/<str:token>/", views.preferences, name="preferences"),
    path("afmelden/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("archief/", views.archive, name="archive"),
    path("archief/<slug:slug>/", views.issue_detail, name="issue"),
]
