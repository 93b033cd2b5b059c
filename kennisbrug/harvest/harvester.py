"""Harvest one OAI-PMH source into products: incremental, resumable, idempotent.

1. A run resumes from the source's saved resumption token if the last run broke off;
   otherwise it asks for everything changed since the last complete harvest (``from``).
2. Each page is written in one transaction together with the token for the next page, so a
   broken connection loses at most the page in flight and a rerun goes on from there.
3. Records are matched on their OAI identifier, so harvesting twice changes nothing.
4. Each field remembers the element it came from and the value written; a field an editor
   changed here since is left alone (its origin becomes local).
5. When the list is complete, the server's responseDate of its first page becomes the
   ``from`` of the next run.
"""

from __future__ import annotations

import datetime
import urllib.parse
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from kennisbrug.audit.context import acting_as
from kennisbrug.harvest import client
from kennisbrug.harvest.mapping import fields_from_dc
from kennisbrug.harvest.models import HarvestedRecord, HarvestRun, HarvestSource
from kennisbrug.interchange.extras import Authors
from kennisbrug.products.models import Product
from kennisbrug.registry.models import Werkplaats

LOCAL = "lokaal bewerkt"
AUTHORS = Authors("authors")


def source_for(
    url: str,
    set_spec: str = "",
    metadata_prefix: str = "oai_dc",
    werkplaats: Werkplaats | None = None,
    publish: bool = True,
) -> HarvestSource:
    """The registered source for this address and set, registered now if new."""
    source = HarvestSource.objects.filter(url=url, set_spec=set_spec).first()
    if source is not None:
        return source
    parts = urllib.parse.urlsplit(url)
    base = slugify(f"oai {parts.hostname} {parts.path} {set_spec}")[:90] or "oai"
    slug, number = base, 1
    while HarvestSource.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return HarvestSource.objects.create(
        url=url,
        set_spec=set_spec,
        metadata_prefix=metadata_prefix,
        slug=slug,
        werkplaats=werkplaats,
        publish=publish,
    )


# --- one record -------------------------------------------------------------------------------


def current_value(product: Product, name: str) -> Any:
    if name == "authors":
        return AUTHORS.dump(product) if product.pk else []
    if name == "published_on":
        return product.published_on.isoformat() if product.published_on else None
    if name == "keywords":
        return list(product.keywords or [])
    return getattr(product, name)


def set_value(product: Product, name: str, value: Any) -> None:
    if name == "published_on":
        value = datetime.date.fromisoformat(value) if value else None
    setattr(product, name, value)


def _save(product: Product) -> None:
    """Save after validation; a value the model refuses (a bad link) is dropped, not fatal."""
    try:
        product.full_clean(validate_unique=False)
    except ValidationError as exc:
        for name in exc.message_dict:
            if name in ("url", "licence", "summary", "year", "published_on"):
                set_value(product, name, None if name in ("year", "published_on") else "")
        product.full_clean(validate_unique=False)
    product.save()


def apply_record(source: HarvestSource, record: client.RemoteRecord) -> str:
    link = HarvestedRecord.objects.filter(source=source, identifier=record.identifier).first()
    if record.deleted:
        if link is None:
            HarvestedRecord.objects.create(
                source=source,
                identifier=record.identifier,
                datestamp=record.datestamp,
                deleted=True,
            )
            return "unchanged"
        outcome = "unchanged"
        if link.product and link.product.status == Product.Status.PUBLISHED:
            link.product.status = Product.Status.CONCEPT  # withdrawn at the source
            link.product.save()
            outcome = "withdrawn"
        link.deleted, link.datestamp = True, record.datestamp
        link.save()
        return outcome

    values = fields_from_dc(record.dc)
    values.setdefault("title", ("header:identifier", record.identifier[:300]))
    product = link.product if link else None
    if product is None:
        product = Product.objects.filter(source=source.slug, source_id=record.identifier).first()
    created = product is None
    if created:
        product = Product(
            source=source.slug,
            source_id=record.identifier[:200],
            werkplaats=source.werkplaats,
            status=Product.Status.PUBLISHED if source.publish else Product.Status.REVIEW,
        )
    origins = dict(link.origins) if link else {}
    changed = created
    if link is not None and link.deleted and source.publish:
        product.status = Product.Status.PUBLISHED  # back at the source
        changed = True
    new_authors = None
    for name, (element, value) in values.items():
        known = origins.get(name)
        edited_here = known is not None and (
            known.get("element") == LOCAL or current_value(product, name) != known["value"]
        )
        if not created and edited_here:
            # An editor changed this field here: theirs wins from now on.
            origins[name] = {"element": LOCAL, "value": None}
            continue
        if current_value(product, name) != value:
            changed = True
            if name == "authors":
                new_authors = value
            else:
                set_value(product, name, value)
        origins[name] = {"element": element, "value": value}
    if changed:
        _save(product)
    if new_authors is not None:
        AUTHORS.write(product, new_authors, source.slug)
    if link is None:
        link = HarvestedRecord(source=source, identifier=record.identifier)
    link.product, link.datestamp, link.deleted, link.origins = (
        product,
        record.datestamp,
        False,
        origins,
    )
    link.save()
    return "created" if created else "updated" if changed else "unchanged"


# --- one run ----------------------------------------------------------------------------------


def _fresh_params(source: HarvestSource, start: str) -> dict[str, str]:
    params = {"verb": "ListRecords", "metadataPrefix": source.metadata_prefix}
    if source.set_spec:
        params["set"] = source.set_spec
    if start:
        params["from"] = start
    return params


def _granular(moment: str, granularity: str) -> str:
    return moment[:10] if moment and granularity == "YYYY-MM-DD" else moment


def harvest(source: HarvestSource, start: str | None = None) -> HarvestRun:
    """Run one harvest of ``source``; failures are recorded on the run, never raised."""
    run = HarvestRun.objects.create(source=source)
    try:
        with acting_as(f"oogst {source.slug}"):
            _harvest(source, run, start)
    except client.HarvestError as exc:
        run.status, run.error = HarvestRun.Status.FAILED, str(exc)
    run.finished_at = timezone.now()
    run.save()
    return run


def _harvest(source: HarvestSource, run: HarvestRun, start: str | None) -> None:
    restarted = False
    if source.resumption_token and not start:
        run.resumed = True
        run.requested_from = source.pending_from
        params = {"verb": "ListRecords", "resumptionToken": source.resumption_token}
    else:
        info = client.identify(source.url)
        source.name = source.name or info.get("repositoryName", "")[:300]
        begin = _granular(start or source.harvested_until, info.get("granularity", ""))
        source.resumption_token, source.pending_from, source.pending_until = "", begin, ""
        source.save()
        run.requested_from = begin
        params = _fresh_params(source, begin)
    run.save()
    while True:
        page = client.parse_page(client.request(source.url, params), "ListRecords")
        if page.error_code == "badResumptionToken" and run.resumed and not restarted:
            # The server forgot our place: start the interrupted list again (idempotent).
            restarted = True
            params = _fresh_params(source, source.pending_from)
            continue
        if page.error_code == "noRecordsMatch":
            if not source.pending_until:
                source.pending_until = page.response_date
            break
        if page.error_code:
            raise client.HarvestError(f"{page.error_code}: {page.error_message}")
        with transaction.atomic():
            if not source.pending_until:
                source.pending_until = page.response_date
            for record in page.records:
                outcome = apply_record(source, record)
                setattr(run, outcome, getattr(run, outcome) + 1)
            source.resumption_token = page.token or ""
            source.save()
            run.pages += 1
            run.save()
        if not page.token:
            break
        params = {"verb": "ListRecords", "resumptionToken": page.token}
    with transaction.atomic():
        # Kept at full precision; a run truncates it to the server's granularity when used.
        source.harvested_until = source.pending_until or source.harvested_until
        source.resumption_token = source.pending_from = source.pending_until = ""
        source.save()
        run.status = HarvestRun.Status.DONE
