"""The bulk write path: the same checks and the same result as writing row by row
(``importer.write_row``), in a fixed number of queries per file instead of some twenty per row.

It serves entities whose rows have only simple relations (``Entity.bulk``: products and
interventions, the large files of harvests and databanks). Per file it reads the stored rows,
their many-to-many links and authors once; checks every changed row with the model's own
``full_clean`` (foreign keys checked for the whole file in one query each, the (source,
source_id) constraint by the key match itself); then writes with ``bulk_create``/``bulk_update``
and through-table inserts.

Rows are written without their save signals, so this module does what those receivers do:
  - audit: the very entries the audit signals would write (one per created or changed record,
    per many-to-many addition or removal, per author line), built here and written with one
    ``bulk_create``, so a record's history reads the same whichever path wrote it;
  - search: the records go into the set ``indexer.deferred()`` indexes at the end of the
    import's transaction, so their index entries commit with them;
  - OAI-PMH (products): tombstones of republished products go, unpublished ones get one.
``test_bulk`` fails when another receiver starts listening to these models, so a new side
effect cannot be skipped unnoticed.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Model, UniqueConstraint
from django.utils import timezone

from kennisbrug.audit.context import current_actor
from kennisbrug.audit.models import AuditEntry
from kennisbrug.audit.signals import IGNORED_FIELDS, _plain, is_audited
from kennisbrug.interchange import extras as x
from kennisbrug.search import indexer as search_indexer

if TYPE_CHECKING:
    from kennisbrug.interchange.entities import Entity
    from kennisbrug.interchange.importer import ParsedRow
    from kennisbrug.interchange.lookups import Lookups

CHUNK = 500  # rows per IN (…) list and per INSERT: well inside SQLite's variable limit
BULK_EXTRAS = (x.TargetGroups, x.Authors)


def check_bulk_entity(entity: Entity) -> None:
    """Refuse (at start-up) an entity the bulk path cannot write exactly like the row path."""
    model = entity.model
    problems = []
    if entity.key != ("source", "source_id"):
        problems.append("key is not (source, source_id)")
    if entity.self_ref or entity.lookup_kind:
        problems.append("rows refer to each other")
    for fl in entity.fields:
        if fl.kind == "extra" and not isinstance(fl, BULK_EXTRAS):
            problems.append(f"extra field {fl.name}")
        if (
            fl.kind == "m2m"
            and not model._meta.get_field(fl.attr).remote_field.through._meta.auto_created
        ):
            problems.append(f"{fl.name} has its own through model")
    if any(f.is_relation and f.remote_field.limit_choices_to for f in model._meta.concrete_fields):
        problems.append("a foreign key limits its choices")
    for constraint in model._meta.constraints:
        if not _is_key_constraint(constraint):
            problems.append(f"constraint {constraint.name} is checked per row")
    if model.clean is not Model.clean:
        problems.append("model.clean may look at other rows")
    if problems:
        raise TypeError(f"{entity.name} cannot use the bulk import path: {'; '.join(problems)}")


def _is_key_constraint(constraint: Any) -> bool:
    return isinstance(constraint, UniqueConstraint) and set(constraint.fields) == {
        "source",
        "source_id",
    }


def chunks(items: list, size: int = CHUNK) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def snapshot(obj: Model) -> dict[str, Any]:
    """What the audit signal records of a row (audit.signals._snapshot)."""
    return {
        f.attname: _plain(getattr(obj, f.attname))
        for f in obj._meta.concrete_fields
        if f.attname not in IGNORED_FIELDS
    }


@dataclass
class Plan:
    """One row's way through the bulk path."""

    item: ParsedRow
    obj: Model
    created: bool
    before: dict[str, Any] | None = None  # the stored row's audit snapshot (updates)
    was_public: bool = False
    saved: bool = False  # the row itself is inserted or updated
    changed: bool = False  # anything of it changes (row, links, authors)
    audit: list[tuple[str, Model | None, dict]] = field(default_factory=list)


class Links:
    """A many-to-many field of the entity's model: its through table, read once per file."""

    def __init__(self, model: type[Model], attr: str) -> None:
        self.field = model._meta.get_field(attr)
        self.through = self.field.remote_field.through
        self.target = self.field.related_model
        self.own = f"{self.field.m2m_field_name()}_id"
        self.other = f"{self.field.m2m_reverse_field_name()}_id"
        self.current: dict[int, dict[int, int]] = defaultdict(dict)  # pk -> target -> link id

    def read(self, pks: list[int]) -> None:
        for part in chunks(pks):
            rows = self.through.objects.filter(**{f"{self.own}__in": part})
            for link_id, own, other in rows.values_list("id", self.own, self.other):
                self.current[own][other] = link_id


def write_bulk(entity: Entity, parsed: list[ParsedRow], lookups: Lookups) -> Counter[str]:
    """Write the checked rows of one file; returns the counts (created, updated, unchanged).

    Runs inside the import's transaction and its ``deferred()`` search block. A bad row
    raises ValidationError (with ``error_line`` set) or LineError, as ``write_row`` does.
    """
    model = entity.model
    plans = _match_stored(entity, parsed)
    _apply_scalars(entity, plans)
    _check_foreign_keys(model, plans)
    # Target groups and people named in the file, found or created once per name.
    groups = _resolve_names(plans, entity, x.TargetGroups)
    authors = _resolve_names(plans, entity, x.Authors)

    _save_rows(model, plans)
    if model._meta.label == "products.Product":
        _keep_tombstones(plans)
    for fl in entity.fields:
        if fl.kind == "m2m" or isinstance(fl, x.TargetGroups):
            _sync_links(model, fl, plans, groups.get(fl.name))
        elif isinstance(fl, x.Authors):
            _sync_authors(plans, authors[fl.name])

    _write_audit(model, plans)
    touched = {(model, p.obj.pk) for p in plans if p.changed}
    waiting = search_indexer.pending()
    if waiting is not None:
        waiting.update(touched)
    elif touched:
        search_indexer.index_records(touched)
    return Counter(
        "created" if p.created else "updated" if p.changed else "unchanged" for p in plans
    )


def _match_stored(entity: Entity, parsed: list[ParsedRow]) -> list[Plan]:
    model = entity.model
    ids_by_source: dict[str, list[str]] = defaultdict(list)
    for item in parsed:
        ids_by_source[item.values["source"]].append(item.values["source_id"])
    stored: dict[tuple[str, str], Model] = {}
    for source, ids in ids_by_source.items():
        for part in chunks(ids):
            for obj in model._default_manager.filter(source=source, source_id__in=part):
                stored[(obj.source, obj.source_id)] = obj
    plans = []
    for item in parsed:
        key = (item.values["source"], item.values["source_id"])
        obj = stored.get(key)
        if obj is None:
            plans.append(Plan(item, model(source=key[0], source_id=key[1]), created=True))
        else:
            plans.append(Plan(item, obj, created=False, before=snapshot(obj)))
    return plans


def _apply_scalars(entity: Entity, plans: list[Plan]) -> None:
    """Set the file's values; check each changed row with the model's own full_clean.

    Foreign keys that point somewhere are left to _check_foreign_keys (one query per field
    for the whole file instead of one per row); the (source, source_id) constraint holds
    because rows were matched on it. Everything else is Django's full_clean, unchanged.
    """
    model = entity.model
    scalar_fields = [
        fl for fl in entity.fields if fl.kind == "scalar" and fl.name not in entity.key
    ]
    foreign_keys = [f for f in model._meta.concrete_fields if f.is_relation]
    published = getattr(getattr(model, "Status", None), "PUBLISHED", None)
    for p in plans:
        obj = p.obj
        scalars = {fl.attr: p.item.values[fl.name] for fl in scalar_fields}
        scalars.update(p.item.derived)
        if not p.created and published is not None:
            p.was_public = obj.status == published
        changed = p.created
        for attr, value in scalars.items():
            if getattr(obj, attr) != value:
                setattr(obj, attr, value)
                changed = True
        if not changed:
            continue
        exclude = [f.name for f in foreign_keys if getattr(obj, f.attname) is not None]
        try:
            obj.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
        except Exception as exc:
            exc.error_line = p.item.line
            raise
        p.saved = p.changed = True


def _check_foreign_keys(model: type[Model], plans: list[Plan]) -> None:
    saved = [p for p in plans if p.saved]
    for f in model._meta.concrete_fields:
        if not f.is_relation:
            continue
        wanted = sorted({getattr(p.obj, f.attname) for p in saved} - {None})
        found: set = set()
        target = f.remote_field.model._base_manager
        for part in chunks(wanted):
            lookup = {f"{f.remote_field.field_name}__in": part}
            found.update(target.filter(**lookup).values_list(f.remote_field.field_name, flat=True))
        for p in saved:
            if getattr(p.obj, f.attname) not in found | {None}:
                # Django's own check on this row gives the usual message.
                try:
                    p.obj.full_clean(validate_unique=False)
                except Exception as exc:
                    exc.error_line = p.item.line
                    raise


def _resolve_names(plans: list[Plan], entity: Entity, kind: type) -> dict[str, list[list[int]]]:
    """Per field of this kind, per row: the pks of the named target groups or people.

    Each distinct name is looked up (and made when new) once, by the same rules as the row
    path (extras.target_group_by_name, extras.person_by_name); rows in file order, so the
    first row to name a new person makes it, as before.
    """
    out: dict[str, list[list[int]]] = {}
    for fl in entity.fields:
        if not isinstance(fl, kind):
            continue
        cache: dict[Any, int] = {}
        per_row = []
        for p in plans:
            source = p.item.values.get("source")
            pks = []
            for name in p.item.values[fl.name]:
                key = name if kind is x.TargetGroups else (name, source)
                if key not in cache:
                    try:
                        if kind is x.TargetGroups:
                            cache[key] = x.target_group_by_name(name).pk
                        else:
                            cache[key] = x.person_by_name(name, source).pk
                    except Exception as exc:  # e.g. IntegrityError: reported on this line
                        exc.error_line = p.item.line
                        raise
                pks.append(cache[key])
            per_row.append(pks)
        out[fl.name] = per_row
    return out


def _save_rows(model: type[Model], plans: list[Plan]) -> None:
    new = [p.obj for p in plans if p.created]
    for part in chunks(new):
        model._default_manager.bulk_create(part)
    # Changed rows, grouped by the columns that changed: small UPDATEs, not every column.
    now = timezone.now()
    by_columns: dict[tuple[str, ...], list[Model]] = defaultdict(list)
    for p in plans:
        if p.saved and not p.created:
            after = snapshot(p.obj)
            columns = tuple(sorted(k for k, v in after.items() if p.before.get(k) != v))
            p.obj.updated_at = now
            by_columns[columns].append(p.obj)
    for columns, objs in by_columns.items():
        names = [_field_name(model, c) for c in columns] + ["updated_at"]
        model._default_manager.bulk_update(objs, names, batch_size=CHUNK)
    for p in plans:
        if p.saved:
            after = snapshot(p.obj)
            if p.created:
                p.audit.append(("create", None, {k: [None, v] for k, v in after.items()}))
            else:
                changes = {
                    k: [p.before.get(k), v] for k, v in after.items() if p.before.get(k) != v
                }
                if changes:
                    p.audit.append(("update", None, changes))


def _field_name(model: type[Model], attname: str) -> str:
    for f in model._meta.concrete_fields:
        if f.attname == attname:
            return f.name
    raise KeyError(attname)  # pragma: no cover


def _keep_tombstones(plans: list[Plan]) -> None:
    """What oai.signals does on a product's save: a published product loses its tombstone,
    one that stops being public gets one (after the row, before its themes change)."""
    from kennisbrug.oai import signals as oai
    from kennisbrug.oai.models import Tombstone
    from kennisbrug.products.models import Product

    published: dict[str, list[str]] = defaultdict(list)
    for p in plans:
        if not p.saved:
            continue
        if p.obj.status == Product.Status.PUBLISHED:
            published[p.obj.source].append(p.obj.source_id)
        elif p.was_public:
            p.obj._kb_was_public = True
            oai.after_save(Product, p.obj)
    for source, ids in published.items():
        for part in chunks(ids):
            Tombstone.objects.filter(source=source, source_id__in=part).delete()


def _sync_links(
    model: type[Model], fl: Any, plans: list[Plan], resolved: list[list[int]] | None
) -> None:
    """Bring one many-to-many field in line, as ``manager.set()`` would: remove, then add."""
    links = Links(model, fl.attr)
    links.read([p.obj.pk for p in plans if not p.created])
    to_add, to_remove = [], []
    for index, p in enumerate(plans):
        wanted = set(resolved[index] if resolved is not None else p.item.values[fl.name])
        current = links.current.get(p.obj.pk, {})
        if set(current) == wanted:
            continue
        p.changed = True
        removed = sorted(set(current) - wanted)
        added = sorted(wanted - set(current))
        to_remove.extend(current[t] for t in removed)
        to_add.extend((p.obj.pk, t) for t in added)
        # Names are filled in below, once for the whole file.
        if removed:
            p.audit.append(("m2m", links, {"removed": removed}))
        if added:
            p.audit.append(("m2m", links, {"added": added}))
    delete_plain(links.through, to_remove)
    insert_plain(links.through, [links.own, links.other], to_add)


def _sync_authors(plans: list[Plan], resolved: list[list[int]]) -> None:
    """Ordered authors: when the order or the people differ, the lines are replaced."""
    from kennisbrug.products.models import Authorship

    current: dict[int, list[Authorship]] = defaultdict(list)
    stored = [p.obj.pk for p in plans if not p.created]
    for part in chunks(stored):
        for line in Authorship.objects.filter(product_id__in=part).order_by("position"):
            current[line.product_id].append(line)
    gone, new, replaced = [], [], []
    for index, p in enumerate(plans):
        wanted = resolved[index]
        lines = current.get(p.obj.pk, [])
        if [line.person_id for line in lines] == wanted:
            continue
        p.changed = True
        gone.extend(lines)
        for line in lines:
            p.audit.append(("delete-part", line, {}))
        new.extend((p.obj.pk, pk, position) for position, pk in enumerate(wanted))
        replaced.append(p)
    delete_plain(Authorship, [line.pk for line in gone])
    insert_plain(Authorship, ["product", "person", "position"], new)
    # Read the new lines back (their ids go into the audit entries), in position order.
    made: dict[int, list[Authorship]] = defaultdict(list)
    for part in chunks([p.obj.pk for p in replaced]):
        for line in Authorship.objects.filter(product_id__in=part).order_by("position"):
            made[line.product_id].append(line)
    for p in replaced:
        for line in made[p.obj.pk]:
            p.audit.append(("create-part", line, {}))


def _write_audit(model: type[Model], plans: list[Plan]) -> None:
    """The entries audit.signals would have written, in the order it would have written them
    per row (the row, then each relation in field order); written in one go."""
    if not is_audited(model):
        return
    actor = current_actor()
    names = _names_of_linked(plans)
    people = _people_of_authors(plans)
    entries = []
    opts = AuditEntry._meta
    at = opts.get_field("at").get_db_prep_save(timezone.now(), connection)
    as_json = opts.get_field("changes").get_db_prep_save
    user_id = actor.user.pk if actor.user is not None else None

    def entry(obj: Model, action: str, changes: dict, repr_: str, werkplaats_id: Any) -> None:
        content_type = ContentType.objects.get_for_model(type(obj)).pk
        entries.append(
            (at, user_id, actor.label, action, content_type, str(obj.pk), repr_[:300])
            + (werkplaats_id, as_json(changes, connection))
        )

    for p in plans:
        obj = p.obj
        for action, part, changes in p.audit:
            if action in ("create", "update"):
                entry(obj, action, changes, str(obj), obj.werkplaats_id)
            elif action == "m2m":
                ((key, pks),) = changes.items()
                listed = sorted(names[part.target][pk] for pk in pks)
                entry(obj, "update", {part.field.name: {key: listed}}, str(obj), obj.werkplaats_id)
            elif action == "create-part":
                entry(
                    part,
                    "create",
                    {k: [None, v] for k, v in snapshot(part).items()},
                    people[part.person_id],
                    obj.werkplaats_id,
                )
            else:  # delete-part
                entry(part, "delete", {}, people[part.person_id], obj.werkplaats_id)
    columns = ["at", "user", "actor", "action", "content_type", "object_id", "object_repr"]
    insert_plain(AuditEntry, [*columns, "werkplaats", "changes"], entries)


def insert_plain(model: type[Model], fields: list[str], rows: list[tuple]) -> None:
    """INSERT rows of values already in database form with one executemany per chunk: no
    model instances, for the link and audit rows that nobody needs back as objects."""
    if not rows:
        return
    quote = connection.ops.quote_name
    columns = ", ".join(quote(model._meta.get_field(name).column) for name in fields)
    marks = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({marks})"
    with connection.cursor() as cursor:
        for part in chunks(rows):
            cursor.executemany(sql, part)


def _names_of_linked(plans: list[Plan]) -> dict[type[Model], dict[int, str]]:
    wanted: dict[type[Model], set[int]] = defaultdict(set)
    for p in plans:
        for action, part, changes in p.audit:
            if action == "m2m":
                for pks in changes.values():
                    wanted[part.target].update(pks)
    return {target: _str_by_pk(target, pks) for target, pks in wanted.items()}


def _people_of_authors(plans: list[Plan]) -> dict[int, str]:
    from kennisbrug.registry.models import Person

    pks = {part.person_id for p in plans for action, part, _ in p.audit if action.endswith("-part")}
    return _str_by_pk(Person, pks)


def _str_by_pk(model: type[Model], pks: Iterable[int]) -> dict[int, str]:
    out = {}
    pks = sorted(pks)
    for part in chunks(pks):
        for obj in model._default_manager.filter(pk__in=part):
            out[obj.pk] = str(obj)
    return out


def delete_plain(model: type[Model], pks: list[int]) -> None:
    """DELETE rows by id without delete signals: their audit entries are written above."""
    quote = connection.ops.quote_name
    table, pk = quote(model._meta.db_table), quote(model._meta.pk.column)
    with connection.cursor() as cursor:
        for part in chunks(pks):
            cursor.execute(
                f"DELETE FROM {table} WHERE {pk} IN ({', '.join(['%s'] * len(part))})", part
            )
