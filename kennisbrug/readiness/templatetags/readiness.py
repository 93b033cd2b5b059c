"""``{% readiness_link product %}``: on a method's page, the way to its readiness check."""

from django import template

from kennisbrug.products.models import Product

register = template.Library()


@register.inclusion_tag("readiness/_link.html")
def readiness_link(product: Product) -> dict:
    show = product.kind == Product.Kind.METHODE or hasattr(product, "readiness_check")
    return {"product": product, "show": show}
