from django.urls import path

from kennisbrug.events import views

app_name = "events"

urlpatterns = [
    path("", views.event_list, name="list"),
    path("agenda.ics", views.calendar_feed, name="feed"),
    path("aanmelding/<str:token>/", views.registration_detail, name="registration"),
    path("aanmelding/<str:token>/afmelden/", views.registration_cancel, name="cancel"),
    path("<slug:slug>/", views.event_detail, name="detail"),
    path("<slug:slug>/agenda.ics", views.event_ics, name="ics"),
]
