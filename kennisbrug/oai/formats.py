"""The metadata formats: ``oai_dc`` for everyone, and ``kennisbrug``, the full record in the
shape of the import format (every field, references by their stable keys)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings

from kennisbrug.interchange.entities import ENTITIES
from kennisbrug.oai.xml import element
from kennisbrug.products.models import Product

KENNISBRUG_NS = "urn:kennisbrug:oai:product:1"


@dataclass(frozen=True)
class Format:
    prefix: str
    schema: str
    namespace: str


def formats() -> dict[str, Format]:
    site = settings.SITE_URL.rstrip("/")
    return {
        "oai_dc": Format(
            "oai_dc",
            "http://www.openarchives.org/OAI/2.0/oai_dc.xsd",
            "http://www.openarchives.org/OAI/2.0/oai_dc/",
        ),
        "kennisbrug": Format("kennisbrug", f"{site}/oai/kennisbrug.xsd", KENNISBRUG_NS),
    }


def page_url(product: Product) -> str:
    return settings.SITE_URL.rstrip("/") + product.get_absolute_url()


def oai_dc(product: Product) -> str:
    parts = [element("dc:title", product.title, xml_lang="nl")]
    for authorship in product.authorship_set.all():
        parts.append(element("dc:creator", authorship.person.name))
    for keyword in product.keywords or []:
        parts.append(element("dc:subject", keyword))
    for theme in product.themes.all():
        parts.append(element("dc:subject", theme.name))
    if product.summary:
        parts.append(element("dc:description", product.summary))
    if product.werkplaats_id:
        parts.append(element("dc:publisher", product.werkplaats.name))
    if product.published_on:
        parts.append(element("dc:date", product.published_on.isoformat()))
    elif product.year:
        parts.append(element("dc:date", product.year))
    parts.append(element("dc:type", product.get_kind_display()))
    parts.append(element("dc:identifier", page_url(product)))
    if product.url:
        parts.append(element("dc:identifier", product.url))
    parts.append(element("dc:language", "nl"))
    if product.licence:
        parts.append(element("dc:rights", product.get_licence_display()))
    body = "".join(parts)
    return (
        '<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/"'
        ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
        ' xsi:schemaLocation="http://www.openarchives.org/OAI/2.0/oai_dc/'
        f' http://www.openarchives.org/OAI/2.0/oai_dc.xsd">{body}</oai_dc:dc>'
    )


def _kennisbrug_value(name: str, value: Any) -> str:
    if value is None or value == "" or value == [] or value == {}:
        return ""
    if isinstance(value, bool):
        return element(name, "true" if value else "false")
    if isinstance(value, list):
        return "".join(element(name, item) for item in value)
    return element(name, value)


def kennisbrug(product: Product) -> str:
    fields = ENTITIES["products"].fields
    body = "".join(_kennisbrug_value(fl.name, fl.dump(product)) for fl in fields)
    body += element("page", page_url(product))
    return f'<product xmlns="{KENNISBRUG_NS}">{body}</product>'


WRITERS = {"oai_dc": oai_dc, "kennisbrug": kennisbrug}

XSD = f"""<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="{KENNISBRUG_NS}"
  xmlns="{KENNISBRUG_NS}" elementFormDefault="qualified">
  <!-- One element per field of the import format (docs/import-formats.md, products);
       list fields repeat their element. -->
  <xs:element name="product">
    <xs:complexType>
      <xs:sequence>
        <xs:any namespace="##targetNamespace" processContents="lax" minOccurs="0"
          maxOccurs="unbounded"/>
      </xs:sequence>
    </xs:complexType>
  </xs:element>
</xs:schema>
"""
