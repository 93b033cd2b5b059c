from django.urls import path

from kennisbrug.feeds.feeds import ProductsAtom, ProductsRss

app_name = "feeds"

rss, atom = ProductsRss(), ProductsAtom()

urlpatterns = [
    path("producten.rss", rss, name="all-rss"),
    path("producten.atom", atom, name="all-atom"),
    path("<str:kind>/<slug:value>.rss", rss, name="rss"),
    path("<str:kind>/<slug:value>.atom", atom, name="atom"),
]
