from django.apps import AppConfig


class ProductsConfig(AppConfig):
    name = "kennisbrug.products"
    verbose_name = "Kennisproducten"
