"""Schemathesis checks the API against its own OpenAPI description, in-process over WSGI:
no server errors, every status code, header and body as the document says."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from kennisbrug.wsgi import application

# Loading the description touches no database, so it can happen at collection time.
schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)


@pytest.fixture
def wsgi_keeps_the_test_transaction():
    # As Django's test client does: a request must not close the connection holding the
    # test's transaction.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=10,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_every_operation_keeps_to_the_openapi_description(
    case, db, settings, wsgi_keeps_the_test_transaction
):
    settings.API_RATE_LIMIT = 0  # hypothesis sends hundreds of requests in a burst
    case.call_and_validate()
