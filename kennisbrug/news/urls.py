from django.urls import path

from kennisbrug.news import views

app_name = "news"

urlpatterns = [
    path("", views.article_list, name="list"),
    path("feed/", views.ArticleFeed(), name="feed"),
    path("<slug:slug>/", views.article_detail, name="detail"),
]
