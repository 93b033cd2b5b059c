"""The OAI-PMH 2.0 protocol over products: arguments, sets, selective harvesting, paging.

Lists are paged by a keyset (datestamp, kind of item, id), not by offset, so a record that
changes during a harvest is never skipped; at worst it comes again on a later page.
"""

from __future__ import annotations

import base64
import datetime
import json
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import Min, Q, QuerySet

from kennisbrug.oai.formats import formats
from kennisbrug.oai.models import Tombstone
from kennisbrug.products.models import Product
from kennisbrug.registry.models import Werkplaats
from kennisbrug.themes.models import Theme

VERBS = {
    "Identify": (set(), set()),
    "ListMetadataFormats": (set(), {"identifier"}),
    "ListSets": (set(), {"resumptionToken"}),
    "GetRecord": ({"identifier", "metadataPrefix"}, set()),
    "ListIdentifiers": ({"metadataPrefix"}, {"from", "until", "set", "resumptionToken"}),
    "ListRecords": ({"metadataPrefix"}, {"from", "until", "set", "resumptionToken"}),
}
SET_KINDS = ("werkplaats", "thema", "soort")


class OaiError(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def repository_id() -> str:
    return (
        settings.OAI_REPOSITORY_IDENTIFIER or urlsplit(settings.SITE_URL).hostname or "kennisbrug"
    )


def identifier(source: str, source_id: str) -> str:
    return f"oai:{repository_id()}:{source}/{source_id}"


def parse_identifier(value: str) -> tuple[str, str]:
    prefix = f"oai:{repository_id()}:"
    source, sep, source_id = value.removeprefix(prefix).partition("/")
    if not value.startswith(prefix) or not sep or not source or not source_id:
        raise OaiError("idDoesNotExist", f"Onbekende identifier: {value}")
    return source, source_id


def datestamp(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_datestamp(value: str, name: str, end: bool) -> tuple[datetime.datetime, str]:
    """A from/until bound and its granularity; ``until`` takes the whole day or second."""
    for fmt, granularity, step in (
        ("%Y-%m-%d", "day", datetime.timedelta(days=1)),
        ("%Y-%m-%dT%H:%M:%SZ", "seconds", datetime.timedelta(seconds=1)),
    ):
        try:
            moment = datetime.datetime.strptime(value, fmt).replace(tzinfo=datetime.UTC)
        except ValueError:
            continue
        return (moment + step if end else moment), granularity
    raise OaiError("badArgument", f"{name} is geen geldige datum: {value!r}")


# --- arguments ------------------------------------------------------------------------------


def check_arguments(args: dict[str, list[str]]) -> tuple[str, dict[str, str]]:
    verbs = args.get("verb", [])
    if len(verbs) != 1 or verbs[0] not in VERBS:
        raise OaiError("badVerb", "Ontbrekend, herhaald of onbekend verb.")
    verb = verbs[0]
    required, optional = VERBS[verb]
    single: dict[str, str] = {}
    for name, values in args.items():
        if name == "verb":
            continue
        if name not in required | optional:
            raise OaiError("badArgument", f"Onbekend argument voor {verb}: {name}")
        if len(values) != 1:
            raise OaiError("badArgument", f"Argument {name} staat er meer dan eens.")
        single[name] = values[0]
    if "resumptionToken" in single:
        if len(single) > 1:
            raise OaiError("badArgument", "resumptionToken gaat niet samen met andere argumenten.")
        return verb, single
    missing = required - set(single)
    if missing:
        raise OaiError("badArgument", f"Verplicht argument ontbreekt: {', '.join(sorted(missing))}")
    return verb, single


# --- selective harvesting -------------------------------------------------------------------


@dataclass
class Query:
    prefix: str
    set_spec: str | None = None
    start: str | None = None  # from, as given
    until: str | None = None
    after: tuple[str, int, int] | None = None  # keyset: (iso moment, 0 live/1 deleted, pk)
    delivered: int = 0

    def token(self) -> str:
        data = {
            "m": self.prefix,
            "s": self.set_spec,
            "f": self.start,
            "u": self.until,
            "a": list(self.after) if self.after else None,
            "n": self.delivered,
        }
        raw = json.dumps(data, separators=(",", ":")).encode()
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    @classmethod
    def from_token(cls, token: str) -> Query:
        try:
            padded = token + "=" * (-len(token) % 4)
            data = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
            after = data["a"]
            query = cls(
                data["m"],
                data["s"],
                data["f"],
                data["u"],
                (str(after[0]), int(after[1]), int(after[2])) if after else None,
                int(data["n"]),
            )
            datetime.datetime.fromisoformat(query.after[0]) if query.after else None
        except (ValueError, KeyError, TypeError, IndexError, UnicodeError, AttributeError):
            raise OaiError("badResumptionToken", "Ongeldige resumptionToken.") from None
        query.validate()
        return query

    def validate(self) -> None:
        if self.prefix not in formats():
            raise OaiError("cannotDisseminateFormat", f"Onbekend formaat: {self.prefix}")
        bounds = []
        if self.start:
            bounds.append(parse_datestamp(self.start, "from", end=False))
        if self.until:
            bounds.append(parse_datestamp(self.until, "until", end=True))
        if len(bounds) == 2:
            if bounds[0][1] != bounds[1][1]:
                raise OaiError("badArgument", "from en until hebben een andere granulariteit.")
            if bounds[0][0] >= bounds[1][0]:
                raise OaiError("badArgument", "from ligt na until.")
        if self.set_spec is not None:
            kind, _sep, value = self.set_spec.partition(":")
            if kind not in SET_KINDS or not value:
                raise OaiError("badArgument", f"Onbekende set: {self.set_spec}")

    def _bounds(self) -> tuple[datetime.datetime | None, datetime.datetime | None]:
        start = parse_datestamp(self.start, "from", False)[0] if self.start else None
        until = parse_datestamp(self.until, "until", True)[0] if self.until else None
        return start, until

    def live(self) -> QuerySet:
        qs = Product.objects.published()
        start, until = self._bounds()
        if start:
            qs = qs.filter(updated_at__gte=start)
        if until:
            qs = qs.filter(updated_at__lt=until)
        if self.set_spec:
            kind, _sep, value = self.set_spec.partition(":")
            if kind == "werkplaats":
                qs = qs.filter(werkplaats__slug=value)
            elif kind == "soort":
                qs = qs.filter(kind=value)
            else:
                qs = qs.filter(pk__in=Product.objects.filter(themes__slug=value).values("pk"))
        return qs

    def dead(self) -> QuerySet:
        qs = Tombstone.objects.all()
        start, until = self._bounds()
        if start:
            qs = qs.filter(withdrawn_at__gte=start)
        if until:
            qs = qs.filter(withdrawn_at__lt=until)
        return qs

    def _in_set(self, tombstone: Tombstone) -> bool:
        return self.set_spec is None or self.set_spec in tombstone.set_specs

    def count(self) -> int:
        dead = sum(1 for t in self.dead().only("set_specs") if self._in_set(t))
        return self.live().count() + dead

    def page(self, size: int) -> tuple[list[Product | Tombstone], Query | None]:
        """One page of items in keyset order, and the query for the next page (or None)."""
        live, dead = self.live(), self.dead()
        if self.after:
            moment = datetime.datetime.fromisoformat(self.after[0])
            rank, pk = self.after[1], self.after[2]
            if rank == 0:
                live = live.filter(Q(updated_at__gt=moment) | Q(updated_at=moment, pk__gt=pk))
                dead = dead.filter(withdrawn_at__gte=moment)
            else:
                live = live.filter(updated_at__gt=moment)
                dead = dead.filter(Q(withdrawn_at__gt=moment) | Q(withdrawn_at=moment, pk__gt=pk))
        live_items = [
            (p.updated_at, 0, p.pk, p)
            for p in live.order_by("updated_at", "pk")
            .select_related("werkplaats", "project")
            .prefetch_related("themes", "target_groups", "authorship_set__person")[: size + 1]
        ]
        dead_items = []
        for t in dead.order_by("withdrawn_at", "pk").iterator():
            if self._in_set(t):
                dead_items.append((t.withdrawn_at, 1, t.pk, t))
                if len(dead_items) > size:
                    break
        merged = sorted(live_items + dead_items, key=lambda item: item[:3])
        chosen, more = merged[:size], len(merged) > size
        if not more:
            return [item[3] for item in chosen], None
        last = chosen[-1]
        following = Query(
            self.prefix,
            self.set_spec,
            self.start,
            self.until,
            (last[0].isoformat(), last[1], last[2]),
            self.delivered + len(chosen),
        )
        return [item[3] for item in chosen], following


def all_sets() -> list[tuple[str, str]]:
    sets = [(f"werkplaats:{w.slug}", w.name) for w in Werkplaats.objects.order_by("slug")]
    sets += [(f"thema:{t.slug}", f"Thema: {t.name}") for t in Theme.objects.order_by("slug")]
    sets += [(f"soort:{value}", f"Soort: {label}") for value, label in Product.Kind.choices]
    return sets


def earliest() -> datetime.datetime:
    stamps = [
        Product.objects.published().aggregate(m=Min("updated_at"))["m"],
        Tombstone.objects.aggregate(m=Min("withdrawn_at"))["m"],
    ]
    stamps = [s for s in stamps if s]
    return min(stamps) if stamps else datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
