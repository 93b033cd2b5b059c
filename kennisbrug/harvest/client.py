"""A small OAI-PMH client: one request, one parsed page. Network and XML trouble both raise
HarvestError, so the harvester can stop cleanly and resume later."""

from __future__ import annotations

import http.client
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

OAI = "{http://www.openarchives.org/OAI/2.0/}"
DC = "{http://purl.org/dc/elements/1.1/}"
TIMEOUT = 60
USER_AGENT = "Kennisbrug-harvester/1"


class HarvestError(Exception):
    pass


@dataclass
class RemoteRecord:
    identifier: str
    datestamp: str
    deleted: bool
    sets: list[str] = field(default_factory=list)
    #: Dublin Core element name (title, creator …) → its values, in order.
    dc: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class Page:
    response_date: str
    records: list[RemoteRecord]
    token: str | None
    error_code: str | None = None
    error_message: str = ""
    root: ET.Element | None = None


def request(url: str, params: dict[str, str]) -> ET.Element:
    address = f"{url}{'&' if '?' in url else '?'}{urllib.parse.urlencode(params)}"
    req = urllib.request.Request(address, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(req, timeout=TIMEOUT) as response:
            body = response.read()
    except (urllib.error.URLError, http.client.HTTPException, OSError) as exc:
        raise HarvestError(f"verbinding met {url} mislukt: {exc}") from None
    try:
        return ET.fromstring(body)
    except ET.ParseError as exc:
        raise HarvestError(f"antwoord van {url} is geen volledige XML: {exc}") from None


def _text(node: ET.Element | None) -> str:
    return (node.text or "").strip() if node is not None else ""


def parse_page(root: ET.Element, verb: str) -> Page:
    error = root.find(f"{OAI}error")
    page = Page(_text(root.find(f"{OAI}responseDate")), [], None, root=root)
    if error is not None:
        page.error_code = error.get("code", "")
        page.error_message = _text(error)
        return page
    container = root.find(f"{OAI}{verb}")
    if container is None:
        raise HarvestError(f"antwoord zonder {verb}-element")
    for node in container.findall(f"{OAI}record"):
        header = node.find(f"{OAI}header")
        if header is None:
            continue
        record = RemoteRecord(
            identifier=_text(header.find(f"{OAI}identifier")),
            datestamp=_text(header.find(f"{OAI}datestamp")),
            deleted=header.get("status") == "deleted",
            sets=[_text(s) for s in header.findall(f"{OAI}setSpec")],
        )
        metadata = node.find(f"{OAI}metadata")
        if metadata is not None:
            for element in metadata.iter():
                if element.tag.startswith(DC) and _text(element):
                    record.dc.setdefault(element.tag[len(DC) :], []).append(_text(element))
        page.records.append(record)
    token = container.find(f"{OAI}resumptionToken")
    page.token = _text(token) or None
    return page


def identify(url: str) -> dict[str, str]:
    root = request(url, {"verb": "Identify"})
    node = root.find(f"{OAI}Identify")
    if node is None:
        raise HarvestError(f"{url} antwoordt niet als OAI-PMH-bron op Identify")
    return {child.tag.removeprefix(OAI): _text(child) for child in node}
