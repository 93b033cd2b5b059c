from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from kennisbrug.audit.context import acting_as


class AuditActorMiddleware:
    """Attribute every change made during a request to the logged-in user."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return self.get_response(request)
        with acting_as(user.get_username(), user):
            return self.get_response(request)
