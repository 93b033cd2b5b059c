"""Schemathesis writes products with a network admin's token: whatever it sends, the answer is
no server error and keeps to the description (a record the schema allows may still name a
werkplaats that does not exist, so "valid data accepted" is not asked here)."""

import pytest
import schemathesis
from django.contrib.auth.models import User
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from kennisbrug.api.models import ApiToken
from kennisbrug.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application).include(
    path_regex="^/api/v1/products", method=["POST", "PUT", "DELETE"]
)


@pytest.fixture
def admin_token(db):
    user = User.objects.create_superuser("api-schrijver", "s@example.org", "x-lang-wachtwoord")
    return ApiToken.issue(user, "schemathesis")[1]


@pytest.fixture
def wsgi_keeps_the_test_transaction():
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=15,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_writes_with_a_token_keep_to_the_openapi_description(
    case, admin_token, settings, wsgi_keeps_the_test_transaction
):
    settings.API_RATE_LIMIT_TOKEN = 0
    case.call_and_validate(
        headers={"Authorization": f"Bearer {admin_token}"},
        excluded_checks=[positive_data_acceptance],
    )
