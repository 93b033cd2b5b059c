"""Serve the site over real HTTP on loopback while a client library talks to it.

The server runs in the test's own thread, so it sees the test's transaction (the demo data
and whatever the test changed); the client runs in a second thread and touches no database.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, make_server

from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from kennisbrug.wsgi import application


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def over_http(client: Callable[[str], Any], timeout: float = 120) -> Any:
    """Run ``client(base_url)`` in a thread while this thread answers its requests."""
    server = make_server("127.0.0.1", 0, application, handler_class=_QuietHandler)
    server.timeout = 0.05
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["value"] = client(f"http://127.0.0.1:{server.server_port}")
        except BaseException as exc:  # handed to the test thread below
            outcome["error"] = exc

    # A request must not close the connection that holds the test's transaction.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    try:
        waited = 0.0
        while thread.is_alive() and waited < timeout:
            server.handle_request()
            waited += server.timeout
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
        server.server_close()
    thread.join(1)
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]
