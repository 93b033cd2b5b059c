"""Import fields that write related rows rather than one column.

An Extra parses its raw cell like a Field, then ``write`` brings the related rows in line with
the parsed value and answers whether anything changed, so a re-import stays a no-op.
"""

from __future__ import annotations

import re
from typing import Any

from django.utils.text import slugify

from kennisbrug.interchange.fields import FieldError, StringList, is_empty
from kennisbrug.interchange.lookups import Lookups
from kennisbrug.projects.models import ParticipantCount, ProjectPerson
from kennisbrug.registry.models import Person, WerkplaatsName
from kennisbrug.themes.models import TargetGroup


class Extra(StringList):
    kind = "extra"

    def write(self, obj: Any, value: Any, source: str) -> bool:
        raise NotImplementedError

    def dump_csv(self, value: Any) -> str:
        return "|".join(value)


def person_by_name(name: str, source: str) -> Person:
    """The person with this name (preferring one from the same source), created when new."""
    people = list(Person.objects.filter(name=name))
    for person in people:
        if person.source == source:
            return person
    if people:
        return people[0]
    return Person.objects.create(name=name, source=source, source_id=f"naam:{slugify(name)}")


def target_group_by_name(name: str) -> TargetGroup:
    """The target group with this name (any case), or with its slug; created when new."""
    group = TargetGroup.objects.filter(name__iexact=name).first()
    if group is None:
        slug = slugify(name)[:80] or "doelgroep"
        group = TargetGroup.objects.filter(slug=slug).first() or TargetGroup.objects.create(
            slug=slug, name=name
        )
    return group


class TargetGroups(Extra):
    """Target groups are an open vocabulary: new names are added as they come."""

    def write(self, obj: Any, value: list[str], source: str) -> bool:
        groups = [target_group_by_name(name).pk for name in value]
        manager = getattr(obj, self.attr)
        if set(manager.values_list("pk", flat=True)) == set(groups):
            return False
        manager.set(groups)
        return True

    def dump(self, obj: Any) -> list[str]:
        return [group.name for group in getattr(obj, self.attr).all()]


class Authors(Extra):
    """Ordered author names; people are matched by name and created when new."""

    def write(self, obj: Any, value: list[str], source: str) -> bool:
        wanted = [person_by_name(name, source).pk for name in value]
        current = list(obj.authorship_set.order_by("position").values_list("person_id", flat=True))
        if current == wanted:
            return False
        obj.authorship_set.all().delete()
        for position, pk in enumerate(wanted):
            obj.authorship_set.create(person_id=pk, position=position)
        return True

    def dump(self, obj: Any) -> list[str]:
        return [a.person.name for a in obj.authorship_set.select_related("person")]


FORMER = re.compile(r"^(?P<name>.+?)\s*\((?P<start>\d{4})?\s*[-–]\s*(?P<end>\d{4})?\)$")


class WerkplaatsNames(Extra):
    """``aliases`` and ``former_names`` ("Naam (2009-2015)") of a werkplaats."""

    def __init__(self, name: str, kind: str) -> None:
        super().__init__(name)
        self.name_kind = kind

    def convert(self, raw: Any, csv: bool, lookups: Lookups) -> list[tuple]:
        parsed = []
        for item in self.items(raw, csv):
            match = FORMER.match(item)
            if match:
                start, end = match["start"], match["end"]
                parsed.append(
                    (match["name"], int(start) if start else None, int(end) if end else None)
                )
            else:
                parsed.append((item, None, None))
        return parsed

    def write(self, obj: Any, value: list[tuple], source: str) -> bool:
        current = obj.names.filter(kind=self.name_kind)
        if sorted(current.values_list("name", "used_from", "used_until")) == sorted(value):
            return False
        current.delete()
        for name, start, end in value:
            clash = WerkplaatsName.objects.filter(name=name).first()
            if clash is not None:
                raise FieldError(f"de naam {name!r} hoort al bij {clash.werkplaats}")
            obj.names.create(name=name, kind=self.name_kind, used_from=start, used_until=end)
        return True

    def dump(self, obj: Any) -> list[str]:
        out = []
        for other in obj.names.all():
            if other.kind != self.name_kind:
                continue
            if other.used_from or other.used_until:
                out.append(f"{other.name} ({other.used_from or ''}-{other.used_until or ''})")
            else:
                out.append(other.name)
        return out


class Participants(Extra):
    """Counts per role: {"professional": 12} (CSV: professional=12|student=6)."""

    ROLES = [value for value, _label in ParticipantCount.Role.choices]

    def empty(self) -> dict:
        return {}

    def convert(self, raw: Any, csv: bool, lookups: Lookups) -> dict[str, int]:
        if isinstance(raw, str) and csv:
            pairs = {}
            for item in raw.split("|"):
                role, _sep, count = item.partition("=")
                pairs[role.strip()] = count.strip()
            raw = pairs
        if not isinstance(raw, dict):
            raise FieldError('verwacht aantallen per rol, bijv. {"professional": 12}')
        counts = {}
        for role, count in raw.items():
            if role not in self.ROLES:
                raise FieldError(f"onbekende rol {role!r}; kies uit: {', '.join(self.ROLES)}")
            try:
                number = int(count)
            except (TypeError, ValueError):
                raise FieldError(f"aantal voor {role!r} is geen geheel getal") from None
            if number < 0:
                raise FieldError(f"aantal voor {role!r} is negatief")
            counts[role] = number
        return counts

    def write(self, obj: Any, value: dict[str, int], source: str) -> bool:
        current = dict(obj.participant_counts.values_list("role", "count"))
        if current == value:
            return False
        obj.participant_counts.all().delete()
        for role, count in value.items():
            obj.participant_counts.create(role=role, count=count)
        return True

    def dump(self, obj: Any) -> dict[str, int]:
        return dict(obj.participant_counts.values_list("role", "count"))

    def dump_csv(self, value: dict[str, int]) -> str:
        return "|".join(f"{role}={count}" for role, count in value.items())


class NamedParticipants(Extra):
    """[{"name": …, "role": …, "lead": true}] (CSV: Naam=rol|Naam=rol!, ! marks the lead)."""

    def convert(self, raw: Any, csv: bool, lookups: Lookups) -> list[tuple]:
        if isinstance(raw, str) and csv:
            raw = [
                {
                    "name": part.partition("=")[0],
                    "role": part.partition("=")[2].rstrip("!"),
                    "lead": part.endswith("!"),
                }
                for part in raw.split("|")
                if part.strip()
            ]
        if not isinstance(raw, list) or not all(isinstance(p, dict) for p in raw):
            raise FieldError('verwacht een lijst als [{"name": "…", "role": "professional"}]')
        roles = Participants.ROLES
        people = []
        for item in raw:
            name, role = str(item.get("name") or "").strip(), str(item.get("role") or "").strip()
            if is_empty(name):
                raise FieldError("een deelnemer zonder naam")
            if role not in roles:
                raise FieldError(f"onbekende rol {role!r} bij {name}; kies uit: {', '.join(roles)}")
            people.append((name, role, bool(item.get("lead", False))))
        return people

    def write(self, obj: Any, value: list[tuple], source: str) -> bool:
        wanted = sorted((person_by_name(n, source).pk, r, lead) for n, r, lead in value)
        current = sorted(obj.people.values_list("person_id", "role", "is_lead"))
        if current == wanted:
            return False
        obj.people.all().delete()
        for pk, role, lead in wanted:
            ProjectPerson.objects.create(project=obj, person_id=pk, role=role, is_lead=lead)
        return True

    def dump(self, obj: Any) -> list[dict]:
        return [
            {"name": p.person.name, "role": p.role, "lead": p.is_lead}
            for p in obj.people.select_related("person").order_by("-is_lead", "person__name")
        ]

    def dump_csv(self, value: list[dict]) -> str:
        return "|".join(f"{p['name']}={p['role']}{'!' if p['lead'] else ''}" for p in value)
