"""A repository that is not ours: pyoai's OAI-PMH server, on loopback, with records we give it.

pyoai 2.5 needs two patches on today's Python: its resumption tokens call ``cgi.parse_qs``
(removed in Python 3.8), and it imports ``pkg_resources`` (gone from new setuptools) for a
version string we switch off.
"""

from __future__ import annotations

import datetime
import sys
import threading
import types
import urllib.parse
import warnings
from dataclasses import dataclass, field
from wsgiref.simple_server import WSGIRequestHandler, make_server

if "pkg_resources" not in sys.modules:
    try:
        import pkg_resources  # noqa: F401
    except ImportError:
        sys.modules["pkg_resources"] = types.ModuleType("pkg_resources")

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)  # cgi: pyoai imports it too
    import cgi

from oaipmh import common, error, metadata, server  # noqa: E402

cgi.parse_qs = urllib.parse.parse_qs  # what pyoai's decodeResumptionToken expects


@dataclass
class Item:
    identifier: str
    datestamp: datetime.datetime
    dc: dict[str, list[str]]
    deleted: bool = False
    sets: list[str] = field(default_factory=list)


class Repository:
    """The IBatchingOAIPMH interface pyoai's BatchingServer asks for."""

    def __init__(self, items: list[Item]) -> None:
        self.items = {item.identifier: item for item in items}

    def identify(self):
        return common.Identify(
            "Repository Hogeschool Testland",
            "http://127.0.0.1/oai",
            "2.0",
            ["repository@example.org"],
            datetime.datetime(2015, 1, 1),
            "persistent",
            "YYYY-MM-DDThh:mm:ssZ",
            ["identity"],
            toolkit_description=False,
        )

    def listMetadataFormats(self, identifier=None):
        return [
            (
                "oai_dc",
                "http://www.openarchives.org/OAI/2.0/oai_dc.xsd",
                "http://www.openarchives.org/OAI/2.0/oai_dc/",
            )
        ]

    def listSets(self, cursor=0, batch_size=10):
        raise error.NoSetHierarchyError("geen sets")

    def _select(self, metadataPrefix, set=None, from_=None, until=None):
        if metadataPrefix != "oai_dc":
            raise error.CannotDisseminateFormatError(metadataPrefix)
        chosen = [
            item
            for item in sorted(self.items.values(), key=lambda i: (i.datestamp, i.identifier))
            if (from_ is None or item.datestamp >= from_)
            and (until is None or item.datestamp <= until)
            and (set is None or set in item.sets)
        ]
        if not chosen:
            raise error.NoRecordsMatchError("niets")
        return chosen

    def _record(self, item: Item):
        header = common.Header(None, item.identifier, item.datestamp, item.sets, item.deleted)
        return header, None if item.deleted else common.Metadata(None, item.dc), None

    def listRecords(
        self, metadataPrefix, set=None, from_=None, until=None, cursor=0, batch_size=10
    ):
        items = self._select(metadataPrefix, set, from_, until)[cursor : cursor + batch_size]
        return [self._record(item) for item in items]

    def listIdentifiers(
        self, metadataPrefix, set=None, from_=None, until=None, cursor=0, batch_size=10
    ):
        return [
            r[0] for r in self.listRecords(metadataPrefix, set, from_, until, cursor, batch_size)
        ]

    def getRecord(self, metadataPrefix, identifier):
        if identifier not in self.items:
            raise error.IdDoesNotExistError(identifier)
        return self._record(self.items[identifier])


class _Quiet(WSGIRequestHandler):
    def log_message(self, format, *args):
        pass


class RemoteServer:
    """Serves a Repository over HTTP in a background thread; can break one response halfway."""

    def __init__(self, repository: Repository, page_size: int = 10) -> None:
        registry = metadata.MetadataRegistry()
        registry.registerWriter("oai_dc", server.oai_dc_writer)
        self.repository = repository
        self.oai = server.BatchingServer(repository, registry, resumption_batch_size=page_size)
        self.requests: list[dict[str, str]] = []
        self.break_request: int | None = None  # the n-th request (1-based) breaks halfway
        self.httpd = make_server("127.0.0.1", 0, self.app, handler_class=_Quiet)
        self.url = f"http://127.0.0.1:{self.httpd.server_port}/oai"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def app(self, environ, start_response):
        params = dict(urllib.parse.parse_qsl(environ.get("QUERY_STRING", "")))
        self.requests.append(params)
        body = self.oai.handleRequest(params)
        start_response(
            "200 OK",
            [("Content-Type", "text/xml; charset=utf-8"), ("Content-Length", str(len(body)))],
        )
        if self.break_request == len(self.requests):
            return self._broken(body)
        return [body]

    @staticmethod
    def _broken(body: bytes):
        yield body[: len(body) // 2]
        raise ConnectionResetError("the line went dead")  # wsgiref drops the connection

    def __enter__(self) -> RemoteServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
