"""The audit log in the beheer speaks Dutch in its column and filter headings too."""

from __future__ import annotations

from django.urls import reverse


def test_the_kind_of_record_is_named_in_dutch(admin_client_):
    html = admin_client_.get(reverse("admin:audit_auditentry_changelist")).content.decode()

    assert "Soort gegeven" in html  # column heading
    assert "Op soort gegeven" in html  # filter title
    assert "content type" not in html.lower()
