"""Keep tombstones in step with products: made when a public product goes, removed when it
comes back."""

from __future__ import annotations

from django.db.models.signals import post_save, pre_delete, pre_save
from django.utils import timezone

from kennisbrug.oai.models import Tombstone
from kennisbrug.products.models import Product


def set_specs(product: Product) -> list[str]:
    specs = [f"soort:{product.kind}"]
    if product.werkplaats_id:
        specs.append(f"werkplaats:{product.werkplaats.slug}")
    specs += [f"thema:{slug}" for slug in product.themes.values_list("slug", flat=True)]
    return specs


def _bury(product: Product) -> None:
    Tombstone.objects.update_or_create(
        source=product.source,
        source_id=product.source_id,
        defaults={"set_specs": set_specs(product), "withdrawn_at": timezone.now()},
    )


def remember_status(sender, instance: Product, **kwargs) -> None:
    if instance.pk:
        old = Product.objects.filter(pk=instance.pk).values_list("status", flat=True).first()
        instance._kb_was_public = old == Product.Status.PUBLISHED


def after_save(sender, instance: Product, **kwargs) -> None:
    if instance.status == Product.Status.PUBLISHED:
        Tombstone.objects.filter(source=instance.source, source_id=instance.source_id).delete()
    elif getattr(instance, "_kb_was_public", False):
        _bury(instance)


def before_delete(sender, instance: Product, **kwargs) -> None:
    if instance.status == Product.Status.PUBLISHED:
        _bury(instance)


def connect() -> None:
    pre_save.connect(remember_status, sender=Product, dispatch_uid="oai-remember-status")
    post_save.connect(after_save, sender=Product, dispatch_uid="oai-after-save")
    pre_delete.connect(before_delete, sender=Product, dispatch_uid="oai-before-delete")
