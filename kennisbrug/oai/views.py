"""The OAI-PMH endpoint: one address, six verbs, GET or POST."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from kennisbrug.oai import provider as p
from kennisbrug.oai.formats import WRITERS, XSD, formats
from kennisbrug.oai.models import Tombstone
from kennisbrug.oai.xml import attr, element, text
from kennisbrug.products.models import Product

ENVELOPE = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"'
    ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
    ' xsi:schemaLocation="http://www.openarchives.org/OAI/2.0/'
    ' http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd">'
    "<responseDate>{date}</responseDate>{request}{body}</OAI-PMH>\n"
)


def base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri(request.path)


def _header(item: Product | Tombstone) -> str:
    if isinstance(item, Tombstone):
        specs = item.set_specs
        stamp, status = item.withdrawn_at, ' status="deleted"'
    else:
        specs = [f"soort:{item.kind}"]
        if item.werkplaats_id:
            specs.append(f"werkplaats:{item.werkplaats.slug}")
        specs += [f"thema:{theme.slug}" for theme in item.themes.all()]
        stamp, status = item.updated_at, ""
    return (
        f"<header{status}>"
        + element("identifier", p.identifier(item.source, item.source_id))
        + element("datestamp", p.datestamp(stamp))
        + "".join(element("setSpec", spec) for spec in specs)
        + "</header>"
    )


def _record(item: Product | Tombstone, prefix: str) -> str:
    if isinstance(item, Tombstone):
        return f"<record>{_header(item)}</record>"
    return f"<record>{_header(item)}<metadata>{WRITERS[prefix](item)}</metadata></record>"


def identify(request: HttpRequest, args: dict[str, str]) -> str:
    return (
        "<Identify>"
        + element("repositoryName", "Kennisbrug – Werkplaatsen Sociaal Domein")
        + element("baseURL", base_url(request))
        + element("protocolVersion", "2.0")
        + element("adminEmail", settings.OAI_ADMIN_EMAIL)
        + element("earliestDatestamp", p.datestamp(p.earliest()))
        + element("deletedRecord", "persistent")
        + element("granularity", "YYYY-MM-DDThh:mm:ssZ")
        + "<description>"
        '<oai-identifier xmlns="http://www.openarchives.org/OAI/2.0/oai-identifier"'
        ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
        ' xsi:schemaLocation="http://www.openarchives.org/OAI/2.0/oai-identifier'
        ' http://www.openarchives.org/OAI/2.0/oai-identifier.xsd">'
        + element("scheme", "oai")
        + element("repositoryIdentifier", p.repository_id())
        + element("delimiter", ":")
        + element("sampleIdentifier", p.identifier("wsd-noord", "wsd-noord:prod-001"))
        + "</oai-identifier></description></Identify>"
    )


def _find(identifier: str) -> Product | Tombstone:
    source, source_id = p.parse_identifier(identifier)
    product = (
        Product.objects.published()
        .filter(source=source, source_id=source_id)
        .select_related("werkplaats", "project")
        .first()
    )
    if product is not None:
        return product
    tombstone = Tombstone.objects.filter(source=source, source_id=source_id).first()
    if tombstone is None:
        raise p.OaiError("idDoesNotExist", f"Onbekende identifier: {identifier}")
    return tombstone


def list_metadata_formats(request: HttpRequest, args: dict[str, str]) -> str:
    if "identifier" in args:
        _find(args["identifier"])  # every record is available in every format
    return (
        "<ListMetadataFormats>"
        + "".join(
            "<metadataFormat>"
            + element("metadataPrefix", f.prefix)
            + element("schema", f.schema)
            + element("metadataNamespace", f.namespace)
            + "</metadataFormat>"
            for f in formats().values()
        )
        + "</ListMetadataFormats>"
    )


def list_sets(request: HttpRequest, args: dict[str, str]) -> str:
    if "resumptionToken" in args:
        raise p.OaiError("badResumptionToken", "ListSets komt in één keer; er is geen vervolg.")
    return (
        "<ListSets>"
        + "".join(
            "<set>" + element("setSpec", spec) + element("setName", name) + "</set>"
            for spec, name in p.all_sets()
        )
        + "</ListSets>"
    )


def get_record(request: HttpRequest, args: dict[str, str]) -> str:
    prefix = args["metadataPrefix"]
    if prefix not in formats():
        raise p.OaiError("cannotDisseminateFormat", f"Onbekend formaat: {prefix}")
    return f"<GetRecord>{_record(_find(args['identifier']), prefix)}</GetRecord>"


def _list(request: HttpRequest, args: dict[str, str], verb: str) -> str:
    if "resumptionToken" in args:
        query = p.Query.from_token(args["resumptionToken"])
    else:
        query = p.Query(
            args["metadataPrefix"], args.get("set"), args.get("from"), args.get("until")
        )
        query.validate()
    items, following = query.page(settings.OAI_PAGE_SIZE)
    if not items:
        if query.after:  # a token whose list has since emptied
            raise p.OaiError("badResumptionToken", "Deze lijst is niet meer geldig.")
        raise p.OaiError("noRecordsMatch", "Geen records voor deze vraag.")
    if verb == "ListRecords":
        body = "".join(_record(item, query.prefix) for item in items)
    else:
        body = "".join(_header(item) for item in items)
    if following is not None or query.after:
        size = query.count() + query.delivered if query.after is None else None
        attrs = f" cursor={attr(query.delivered)}"
        if size is not None:
            attrs += f" completeListSize={attr(size)}"
        token = text(following.token()) if following else ""
        body += f"<resumptionToken{attrs}>{token}</resumptionToken>"
    return f"<{verb}>{body}</{verb}>"


HANDLERS = {
    "Identify": identify,
    "ListMetadataFormats": list_metadata_formats,
    "ListSets": list_sets,
    "GetRecord": get_record,
    "ListIdentifiers": lambda request, args: _list(request, args, "ListIdentifiers"),
    "ListRecords": lambda request, args: _list(request, args, "ListRecords"),
}


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def endpoint(request: HttpRequest) -> HttpResponse:
    source = request.POST if request.method == "POST" else request.GET
    args = {name: source.getlist(name) for name in source}
    request_attrs = ""
    try:
        verb, single = p.check_arguments(args)
        request_attrs = f" verb={attr(verb)}" + "".join(
            f" {name}={attr(value)}" for name, value in single.items()
        )
        body = HANDLERS[verb](request, single)
    except p.OaiError as exc:
        body = f"<error code={attr(exc.code)}>{text(exc.message)}</error>"
        if exc.code in ("badVerb", "badArgument"):
            request_attrs = ""  # the spec: echo no arguments when they are bad
    document = ENVELOPE.format(
        date=p.datestamp(timezone.now()),
        request=f"<request{request_attrs}>{text(base_url(request))}</request>",
        body=body,
    )
    return HttpResponse(document.encode("utf-8"), content_type="text/xml; charset=utf-8")


@require_safe
def schema(request: HttpRequest) -> HttpResponse:
    return HttpResponse(XSD.encode("utf-8"), content_type="application/xml; charset=utf-8")
