"""The OpenAPI 3.1 description, generated from the resources and the import fields, so the
document cannot drift from what the views do (the schemathesis test checks the two agree)."""

from __future__ import annotations

from functools import lru_cache

from kennisbrug.api.resources import RESOURCES, Resource
from kennisbrug.interchange import extras as x
from kennisbrug.interchange import fields as f
from kennisbrug.search.engine import FACETS, SORTS
from kennisbrug.search.state import EVIDENCE, KINDS

NULL = {"type": "null"}


def _nullable(schema: dict) -> dict:
    return {"anyOf": [schema, NULL]}


def field_schema(fl: f.Field, for_input: bool) -> dict:
    """The JSON Schema of one import field, as exported (or as accepted when ``for_input``)."""
    strings = {"type": "array", "items": {"type": "string"}}
    if isinstance(fl, x.Participants):
        return {"type": "object", "additionalProperties": {"type": "integer", "minimum": 0}}
    if isinstance(fl, x.NamedParticipants):
        person = {
            "type": "object",
            "properties": {
                "name": {"type": "string"},
                "role": {"type": "string", "enum": x.Participants.ROLES},
                "lead": {"type": "boolean"},
            },
            "required": ["name", "role"],
        }
        return {"type": "array", "items": person}
    if isinstance(fl, f.StringList):  # also RefList and the list-like extras
        return strings
    if isinstance(fl, f.Choice):
        values = [v for v in fl.values]
        return {"type": "string", "enum": values if for_input and fl.required else ["", *values]}
    if isinstance(fl, f.Integer):
        number = {"type": "integer", "minimum": fl.minimum, "maximum": fl.maximum}
        return number if for_input and fl.required else _nullable(number)
    if isinstance(fl, f.Boolean):
        return {"type": "boolean"}
    if isinstance(fl, f.Date):
        return _nullable({"type": "string", "format": "date"})
    if isinstance(fl, f.Constant):
        return {"type": "string", "enum": [fl.value]}
    text: dict = {"type": "string"}
    if for_input and getattr(fl, "max_length", None):
        text["maxLength"] = fl.max_length
    if isinstance(fl, f.Url) and for_input:
        text["format"] = "uri"
    if isinstance(fl, f.Ref | f.SelfRef | f.SourcedRef):
        return _nullable(text)
    return text


_TYPES = {
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "array": lambda v: isinstance(v, list),
    "object": lambda v: isinstance(v, dict),
    "null": lambda v: v is None,
}


def matches(value, schema: dict) -> bool:
    """Does ``value`` fit ``schema``? Only the keywords ``field_schema`` writes."""
    if "anyOf" in schema:
        return any(matches(value, option) for option in schema["anyOf"])
    if not _TYPES[schema["type"]](value):
        return False
    if "enum" in schema and value not in schema["enum"]:
        return False
    if "maxLength" in schema and len(value) > schema["maxLength"]:
        return False
    if "minimum" in schema and value < schema["minimum"]:
        return False
    if "maximum" in schema and value > schema["maximum"]:
        return False
    if "items" in schema and not all(matches(item, schema["items"]) for item in value):
        return False
    if schema["type"] == "object":
        for name in schema.get("required", []):
            if name not in value:
                return False
        for name, item in value.items():
            inner = schema.get("properties", {}).get(name, schema.get("additionalProperties"))
            if isinstance(inner, dict) and not matches(item, inner):
                return False
    return True


def record_schema(resource: Resource) -> dict:
    properties = {fl.name: field_schema(fl, False) for fl in resource.entity.fields}
    properties["links"] = {
        "type": "object",
        "properties": {
            "self": {"type": "string", "format": "uri"},
            "html": _nullable({"type": "string", "format": "uri"}),
        },
        "required": ["self", "html"],
    }
    return {
        "type": "object",
        "title": resource.label,
        "properties": properties,
        "required": list(properties),
    }


def input_schema(resource: Resource) -> dict:
    properties = {fl.name: field_schema(fl, True) for fl in resource.entity.fields}
    required = [fl.name for fl in resource.entity.fields if fl.required and fl.name != "source_id"]
    return {
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


ERROR = {
    "type": "object",
    "properties": {
        "error": {"type": "string"},
        "status": {"type": "integer"},
        "fields": {"type": "object", "additionalProperties": {"type": "string"}},
    },
    "required": ["error", "status"],
}


def _error(description: str) -> dict:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/error"}}},
    }


def _ok(description: str, ref: str) -> dict:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{ref}"}}},
    }


COMMON_ERRORS = {
    "400": _error("Ongeldige parameter of ongeldig record"),
    "401": _error("Onbekende of ingetrokken token"),
    "404": _error("Niet gevonden"),
    "429": _error("Te veel verzoeken; zie de kop Retry-After"),
}
WRITE_ERRORS = {
    "403": _error("De token mag dit record niet schrijven"),
    "413": _error("Verzoek te groot"),
    "415": _error("Geen JSON"),
}


def _query(name: str, schema: dict, description: str) -> dict:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "schema": schema,
        "description": description,
    }


def _paging(default: int) -> list[dict]:
    return [
        _query(
            "page",
            {"type": "integer", "minimum": 1, "maximum": 1_000_000, "default": 1},
            "Paginanummer.",
        ),
        _query(
            "per_page",
            {"type": "integer", "minimum": 1, "maximum": 100, "default": default},
            "Records per pagina (hoogstens 100).",
        ),
    ]


TEXT_PARAM = {"type": "string", "maxLength": 200, "pattern": r"^[^\u0000-\u001f]*$"}
KEY_PARAMS = [
    {
        "name": "source",
        "in": "path",
        "required": True,
        "description": "Bron van het record.",
        "schema": {
            "type": "string",
            "minLength": 1,
            "maxLength": 100,
            "pattern": r"^[^/\u0000-\u001f]+$",
        },
    },
    {
        "name": "source_id",
        "in": "path",
        "required": True,
        "description": "Id van het record in zijn bron.",
        "schema": {
            "type": "string",
            "minLength": 1,
            "maxLength": 200,
            "pattern": r"^[^\u0000-\u001f]+$",
        },
    },
]


def _resource_paths(resource: Resource) -> dict:
    name = resource.name
    filters = [
        _query(
            flt.name, {"type": "integer"} if flt.type == "integer" else TEXT_PARAM, flt.description
        )
        for flt in resource.filters
    ]
    filters.append(
        _query(
            "modified_since",
            {"type": "string", "format": "date-time"},
            "Alleen records gewijzigd op of na dit tijdstip (ISO 8601).",
        )
    )
    listing = {
        "get": {
            "operationId": f"list-{name}",
            "summary": f"{resource.label}: lijst",
            "tags": [name],
            "parameters": [*filters, *_paging(25)],
            "responses": {"200": _ok("Eén pagina records", f"{name}-page"), **COMMON_ERRORS},
        }
    }
    one = {
        "get": {
            "operationId": f"get-{name}",
            "summary": f"{resource.label}: één record",
            "tags": [name],
            "parameters": KEY_PARAMS,
            "responses": {"200": _ok("Het record", f"{name}-record"), **COMMON_ERRORS},
        }
    }
    if resource.writable:
        body = {
            "required": True,
            "content": {
                "application/json": {"schema": {"$ref": f"#/components/schemas/{name}-input"}}
            },
        }
        secured = [{"token": []}]
        listing["post"] = {
            "operationId": f"create-{name}",
            "summary": f"{resource.label}: toevoegen of bijwerken (op source en source_id)",
            "tags": [name],
            "security": secured,
            "requestBody": body,
            "responses": {
                "201": _ok("Nieuw record", f"{name}-record"),
                "200": _ok("Bestaand record bijgewerkt", f"{name}-record"),
                **COMMON_ERRORS,
                **WRITE_ERRORS,
            },
        }
        one["put"] = {
            "operationId": f"put-{name}",
            "summary": f"{resource.label}: record vervangen of aanmaken",
            "tags": [name],
            "security": secured,
            "parameters": KEY_PARAMS,
            "requestBody": body,
            "responses": {
                "201": _ok("Nieuw record", f"{name}-record"),
                "200": _ok("Bestaand record bijgewerkt", f"{name}-record"),
                **COMMON_ERRORS,
                **WRITE_ERRORS,
            },
        }
        one["delete"] = {
            "operationId": f"delete-{name}",
            "summary": f"{resource.label}: verwijderen",
            "tags": [name],
            "security": secured,
            "parameters": KEY_PARAMS,
            "responses": {
                "204": {"description": "Verwijderd"},
                "409": _error("Andere records verwijzen nog naar dit record"),
                **COMMON_ERRORS,
                "403": WRITE_ERRORS["403"],
            },
        }
    return {f"/api/v1/{name}": listing, f"/api/v1/{name}/{{source}}/{{source_id}}": one}


def _search_path() -> dict:
    facet_params = []
    for name in FACETS:
        if name == "soort":
            item = {"type": "string", "enum": [k for k in KINDS if k]}
        elif name == "niveau":
            item = {"type": "string", "enum": [e for e in EVIDENCE if e]}
        else:
            item = {"type": "string", "pattern": "^[0-9]{1,9}$"}
        facet_params.append(
            {
                "name": name,
                "in": "query",
                "required": False,
                "description": f"Filter op {name}; waarden staan in de facetten van het antwoord.",
                "schema": {"type": "array", "items": item, "maxItems": 30},
                "style": "form",
                "explode": True,
            }
        )
    return {
        "/api/v1/search": {
            "get": {
                "operationId": "search",
                "summary": "Zoeken in alles, met dezelfde zoekmachine en facetten als de site",
                "tags": ["search"],
                "parameters": [
                    _query(
                        "q",
                        {"type": "string", "maxLength": 1000, "pattern": r"^[^\u0000-\u001f]*$"},
                        "Zoekvraag.",
                    ),
                    _query("sort", {"type": "string", "enum": list(SORTS)}, "Volgorde."),
                    *facet_params,
                    *_paging(10),
                ],
                "responses": {"200": _ok("Zoekresultaten", "search-results"), **COMMON_ERRORS},
            }
        }
    }


SEARCH_RESULTS = {
    "type": "object",
    "properties": {
        "query": {"type": "string"},
        "total": {"type": "integer"},
        "page": {"type": "integer"},
        "pages": {"type": "integer"},
        "per_page": {"type": "integer"},
        "sort": {"type": "string", "enum": list(SORTS)},
        "corrections": {"type": "object", "additionalProperties": {"type": "string"}},
        "concepts": {"type": "array", "items": {"type": "string"}},
        "hits": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "source": {"type": "string"},
                    "source_id": {"type": "string"},
                    "kind": {"type": "string"},
                    "subtype": {"type": "string"},
                    "title": {"type": "string"},
                    "url": {"type": "string", "format": "uri"},
                    "score": {"type": "number"},
                    "werkplaats": {"type": "string"},
                    "year": _nullable({"type": "integer"}),
                    "snippet": {"type": "string"},
                },
                "required": ["source", "source_id", "kind", "title", "url", "score"],
            },
        },
        "facets": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "name": {"type": "string", "enum": list(FACETS)},
                    "label": {"type": "string"},
                    "values": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "properties": {
                                "value": {"type": "string"},
                                "label": {"type": "string"},
                                "count": {"type": "integer"},
                                "selected": {"type": "boolean"},
                            },
                            "required": ["value", "label", "count", "selected"],
                        },
                    },
                },
                "required": ["name", "label", "values"],
            },
        },
    },
    "required": ["query", "total", "page", "pages", "per_page", "hits", "facets"],
}


def _page_schema(name: str) -> dict:
    link = _nullable({"type": "string", "format": "uri"})
    return {
        "type": "object",
        "properties": {
            "count": {"type": "integer", "minimum": 0},
            "page": {"type": "integer", "minimum": 1},
            "per_page": {"type": "integer", "minimum": 1},
            "pages": {"type": "integer", "minimum": 1},
            "next": link,
            "previous": link,
            "results": {"type": "array", "items": {"$ref": f"#/components/schemas/{name}-record"}},
        },
        "required": ["count", "page", "per_page", "pages", "next", "previous", "results"],
    }


@lru_cache(maxsize=8)
def openapi_document(server: str) -> dict:
    paths: dict = {}
    schemas: dict = {"error": ERROR, "search-results": SEARCH_RESULTS}
    for resource in RESOURCES.values():
        paths |= _resource_paths(resource)
        schemas[f"{resource.name}-record"] = record_schema(resource)
        schemas[f"{resource.name}-page"] = _page_schema(resource.name)
        if resource.writable:
            schemas[f"{resource.name}-input"] = input_schema(resource)
    paths |= _search_path()
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Kennisbrug API",
            "version": "1",
            "description": (
                "Lezen voor iedereen: gepubliceerde records van de Werkplaatsen Sociaal Domein "
                "en zoeken met dezelfde zoekmachine als de site. Schrijven met een persoonlijke "
                "token, binnen de eigen werkplaats en rol. Records hebben de vorm van de "
                "import- en exportbestanden en worden aangeduid met source en source_id."
            ),
            "license": {"name": "EUPL-1.2", "identifier": "EUPL-1.2"},
        },
        "servers": [{"url": server}],
        "paths": paths,
        "components": {
            "schemas": schemas,
            "securitySchemes": {
                "token": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "Persoonlijke token, uit te geven met `kennisbrug apitoken`.",
                }
            },
        },
    }
