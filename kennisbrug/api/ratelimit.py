"""A fixed-window rate limit in Django's cache: per token, or per address for anonymous calls."""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from kennisbrug.api.auth import Caller
from kennisbrug.api.errors import ApiError

WINDOW = 60  # seconds


def check(request: HttpRequest, caller: Caller) -> None:
    if caller.token:
        ident, limit = f"t{caller.token.pk}", settings.API_RATE_LIMIT_TOKEN
    else:
        ident, limit = f"a{request.META.get('REMOTE_ADDR', '')}", settings.API_RATE_LIMIT
    if limit <= 0:  # 0 switches the limit off
        return
    window = int(time.time() // WINDOW)
    key = f"kb-api-rate:{ident}:{window}"
    cache.add(key, 0, WINDOW + 5)
    try:
        used = cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, WINDOW + 5)
        used = 1
    if used > limit:
        retry = WINDOW - int(time.time()) % WINDOW
        raise ApiError(
            429,
            f"Te veel verzoeken: hoogstens {limit} per minuut. Probeer het over {retry} s opnieuw.",
            headers={"Retry-After": str(retry)},
        )
