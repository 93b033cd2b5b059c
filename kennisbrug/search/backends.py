"""The full-text index on each database: FTS5 on SQLite, tsvector + GIN on PostgreSQL.

Both receive the terms of our own analysis, so they index the same words. Each ranks with
what it has: FTS5's ``bm25()`` with per-column weights; on PostgreSQL (whose ``ts_rank``
knows no document frequencies) the sum over query terms of idf × ``ts_rank`` with the same
field weights, the idf coming from the corpus model. Writes run on the caller's connection,
inside the caller's transaction: an index entry commits with its record.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import connection

COLUMNS = ("title", "keywords", "summary", "body", "attachments", "concepts")
# How much a match counts per field: a word in the title says more than one in an appendix.
# Chosen on the dev half of the evaluation set (docs/search.md).
WEIGHTS = {
    "title": 5.0,
    "keywords": 3.0,
    "summary": 2.0,
    "body": 1.0,
    "attachments": 0.5,
    "concepts": 2.5,
}


# The head of a document: the fields that say what it is about. Terms common in the corpus
# are looked for only there when a query's terms together match too many rows
# (see engine.rank): a small second index answers that without touching the bodies.
HEAD_COLUMNS = ("title", "keywords", "concepts")

# Lexical candidates per query group. Ranking, facets and filters work on these; for the
# network's own corpus (thousands of items) that is every match, for a very large one the
# facet counts are those of the best matches.
MAX_CANDIDATES = 5000


@dataclass
class IndexRow:
    entry_id: int
    columns: dict[str, str]  # column → space-separated terms


class SQLiteIndex:
    vendor = "sqlite"

    def create(self, cursor) -> None:
        cursor.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5("
            + ", ".join(COLUMNS)
            + ", tokenize = 'unicode61 remove_diacritics 0')"
        )

    def drop(self, cursor) -> None:
        cursor.execute("DROP TABLE IF EXISTS search_fts")

    def create_head(self, cursor) -> None:
        cursor.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts_head USING fts5("
            + ", ".join(HEAD_COLUMNS)
            + ", tokenize = 'unicode61 remove_diacritics 0')"
        )
        cursor.execute(
            f"INSERT INTO search_fts_head (rowid, {', '.join(HEAD_COLUMNS)})"
            f" SELECT rowid, {', '.join(HEAD_COLUMNS)} FROM search_fts"
        )

    def drop_head(self, cursor) -> None:
        cursor.execute("DROP TABLE IF EXISTS search_fts_head")

    def write(self, rows: Sequence[IndexRow]) -> None:
        with connection.cursor() as cursor:
            self.delete([row.entry_id for row in rows], cursor)
            cursor.executemany(
                f"INSERT INTO search_fts (rowid, {', '.join(COLUMNS)}) "
                f"VALUES (%s{', %s' * len(COLUMNS)})",
                [(row.entry_id, *(row.columns.get(c, "") for c in COLUMNS)) for row in rows],
            )
            cursor.executemany(
                f"INSERT INTO search_fts_head (rowid, {', '.join(HEAD_COLUMNS)}) "
                f"VALUES (%s{', %s' * len(HEAD_COLUMNS)})",
                [(row.entry_id, *(row.columns.get(c, "") for c in HEAD_COLUMNS)) for row in rows],
            )

    def insert(self, entries: Sequence, columns: Sequence[dict[str, str]]) -> None:
        """Create new ``SearchEntry`` rows and their full-text rows, with ids given here
        (one ``executemany`` each: the ORM's bulk_create spends more time building SQL
        than SQLite spends writing). The caller's transaction already holds SQLite's write
        lock (it bumped the index sequence), so no other writer can take these ids."""
        if not entries:
            return
        fields = _entry_fields()
        adapters = _adapters(fields)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT MAX(COALESCE((SELECT MAX(id) FROM search_searchentry), 0),"
                " COALESCE((SELECT seq FROM sqlite_sequence"
                " WHERE name = 'search_searchentry'), 0))"
            )
            next_id = cursor.fetchone()[0] + 1
            rows = []
            for pk, entry in enumerate(entries, start=next_id):
                entry.pk = pk
                rows.append((pk, *_db_values(entry, adapters)))
            names = ", ".join(connection.ops.quote_name(f.column) for f in fields)
            cursor.executemany(
                f"INSERT INTO search_searchentry (id, {names}) VALUES (%s{', %s' * len(fields)})",
                rows,
            )
        self.write([IndexRow(e.pk, c) for e, c in zip(entries, columns, strict=True)])

    def delete(self, entry_ids: Sequence[int], cursor=None) -> None:
        if not entry_ids:
            return
        if cursor is None:
            with connection.cursor() as cursor:
                return self.delete(entry_ids, cursor)
        for start in range(0, len(entry_ids), 500):
            chunk = list(entry_ids[start : start + 500])
            for table in ("search_fts", "search_fts_head"):
                cursor.execute(
                    f"DELETE FROM {table} WHERE rowid IN ({', '.join(['%s'] * len(chunk))})",
                    chunk,
                )

    def clear(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_fts")
            cursor.execute("DELETE FROM search_fts_head")

    def head_rows(self, terms: Sequence[str]) -> dict[str, int]:
        """How many entries have each term in their head: counting matches costs a tenth
        of ranking them (no bm25), so the engine can budget before it ranks."""
        counts = ", ".join(
            "(SELECT count(*) FROM search_fts_head WHERE search_fts_head MATCH %s)" for _ in terms
        )
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {counts}", [f'"{t}"' for t in terms])
            return dict(zip(terms, cursor.fetchone(), strict=True))

    def match(
        self, terms: dict[str, float], idf=None, *, head: bool = False, limit: int = MAX_CANDIDATES
    ) -> list[tuple[int, float]]:
        """Every entry with any of the terms, with its score (higher is better); with
        ``head``, looked for in the title, keywords and concepts only.

        FTS5 weighs query terms by their idf itself; the given term weights are used to
        split the query into groups of equal weight, each ranked on its own and summed.
        """
        if not terms:
            return []
        groups: dict[float, list[str]] = {}
        for term, weight in terms.items():
            groups.setdefault(round(weight, 2), []).append(term)
        table, columns = ("search_fts_head", HEAD_COLUMNS) if head else ("search_fts", COLUMNS)
        weights = ", ".join(str(WEIGHTS[c]) for c in columns)
        scores: dict[int, float] = {}
        with connection.cursor() as cursor:
            for weight, group in groups.items():
                expression = " OR ".join(f'"{t}"' for t in group)
                # The best ``limit`` by FTS5's own ranking: fetching every match of a
                # common word into Python would cost more than the ranking itself.
                cursor.execute(
                    f"SELECT rowid, -bm25({table}, {weights}) AS score FROM {table} "
                    f"WHERE {table} MATCH %s ORDER BY score DESC LIMIT %s",
                    [expression, limit],
                )
                for rowid, score in cursor.fetchall():
                    scores[rowid] = scores.get(rowid, 0.0) + weight * score
        return list(scores.items())


class PostgresIndex:
    vendor = "postgresql"
    # ts_rank's weight array runs D, C, B, A.
    RANK_WEIGHTS = "{0.1, 0.2, 0.6, 1.0}"

    def create(self, cursor) -> None:
        cursor.execute("ALTER TABLE search_searchentry ADD COLUMN IF NOT EXISTS tsv tsvector")
        cursor.execute(
            "CREATE INDEX IF NOT EXISTS search_entry_tsv ON search_searchentry USING GIN (tsv)"
        )

    def drop(self, cursor) -> None:
        cursor.execute("DROP INDEX IF EXISTS search_entry_tsv")
        cursor.execute("ALTER TABLE search_searchentry DROP COLUMN IF EXISTS tsv")

    def create_head(self, cursor) -> None:
        # Small (a title and some keywords), so it stays in the row, not in TOAST.
        cursor.execute("ALTER TABLE search_searchentry ADD COLUMN IF NOT EXISTS tsv_head tsvector")
        cursor.execute("UPDATE search_searchentry SET tsv_head = ts_filter(tsv, '{a,b}')")
        cursor.execute(
            "CREATE INDEX IF NOT EXISTS search_entry_tsv_head ON search_searchentry"
            " USING GIN (tsv_head)"
        )

    def drop_head(self, cursor) -> None:
        cursor.execute("DROP INDEX IF EXISTS search_entry_tsv_head")
        cursor.execute("ALTER TABLE search_searchentry DROP COLUMN IF EXISTS tsv_head")

    # Four weight classes for six fields: title A; keywords and concepts B; summary C;
    # body and attachments D.
    TSVECTOR = (
        "setweight(to_tsvector('simple', %s), 'A') ||"
        " setweight(to_tsvector('simple', %s), 'B') ||"
        " setweight(to_tsvector('simple', %s), 'C') ||"
        " setweight(to_tsvector('simple', %s), 'D')"
    )
    TSVECTOR_HEAD = (
        "setweight(to_tsvector('simple', %s), 'A') || setweight(to_tsvector('simple', %s), 'B')"
    )
    INSERT_CHUNK = 250

    @staticmethod
    def _classes(c: dict[str, str]) -> tuple[str, str, str, str]:
        return (
            c.get("title", ""),
            f"{c.get('keywords', '')} {c.get('concepts', '')}",
            c.get("summary", ""),
            f"{c.get('body', '')} {c.get('attachments', '')}",
        )

    def write(self, rows: Sequence[IndexRow]) -> None:
        sql = (
            f"UPDATE search_searchentry SET tsv = {self.TSVECTOR},"
            f" tsv_head = {self.TSVECTOR_HEAD} WHERE id = %s"
        )
        params = []
        for row in rows:
            classes = self._classes(row.columns)
            params.append((*classes, *classes[:2], row.entry_id))
        with connection.cursor() as cursor:
            cursor.executemany(sql, params)

    def insert(self, entries: Sequence, columns: Sequence[dict[str, str]]) -> None:
        """Create new ``SearchEntry`` rows with their tsvector in the same INSERT: an insert
        followed by an update would write every row (and its TOASTed text) twice."""
        fields = _entry_fields()
        adapters = _adapters(fields)
        names = ", ".join(connection.ops.quote_name(f.column) for f in fields)
        one = "(" + ", ".join(["%s"] * len(fields)) + f", {self.TSVECTOR}, {self.TSVECTOR_HEAD})"
        with connection.cursor() as cursor:
            for start in range(0, len(entries), self.INSERT_CHUNK):
                chunk = entries[start : start + self.INSERT_CHUNK]
                params: list = []
                for entry, c in zip(chunk, columns[start : start + self.INSERT_CHUNK], strict=True):
                    params.extend(_db_values(entry, adapters))
                    classes = self._classes(c)
                    params.extend(classes)
                    params.extend(classes[:2])  # the head: title, keywords and concepts
                cursor.execute(
                    f"INSERT INTO search_searchentry ({names}, tsv, tsv_head) VALUES "
                    + ", ".join([one] * len(chunk))
                    + " RETURNING id",
                    params,
                )
                # PostgreSQL returns the rows of a multi-row VALUES in order (as Django's
                # own bulk_create relies on).
                for entry, (pk,) in zip(chunk, cursor.fetchall(), strict=True):
                    entry.pk = entry.id = pk

    def delete(self, entry_ids: Sequence[int], cursor=None) -> None:
        pass  # the terms live in the entry's own row and go with it

    def clear(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("UPDATE search_searchentry SET tsv = NULL, tsv_head = NULL")

    # Rows ranked per query, at most (see match). In the full index each costs ~10 µs to
    # de-TOAST its tsvector (~3 kB, out of line) plus ~1–5 µs per query term; a head is
    # small and stays in the row, so ranking it costs a fifth of that.
    RANK_ROWS = 2500
    HEAD_RANK_ROWS = 4000
    HEAD_LIMIT = 1000  # best head matches kept, as engine.HEAD_CANDIDATES

    def match(
        self, terms: dict[str, float], idf=None, *, head: bool = False, limit: int = MAX_CANDIDATES
    ) -> list[tuple[int, float]]:
        """Entries with any of the terms and their score: Σ weight × idf × ts_rank.

        The rows ranked are bounded, as the engine bounds them (engine.split_terms), but
        tighter, since reading a row's tsvector costs more here than a posting in FTS5:
        the rarest terms, together expected in at most ``RANK_ROWS`` rows, are matched
        everywhere, the others in the heads only. There, the rarest head terms (expected
        in at most ``HEAD_RANK_ROWS`` rows) pick the candidates and every term adds its
        rank to them. A table within these bounds is ranked exactly as it matches.
        """
        if not terms:
            return []
        if head:
            finders, bounded = self._finders(terms, idf, self.HEAD_RANK_ROWS, at_least_one=True)
            return self._rank(terms, finders, idf, "tsv_head", limit, bounded)
        finders, bounded = self._finders(terms, idf, self.RANK_ROWS)
        if not bounded:
            return self._rank(terms, finders, idf, "tsv", limit, False)
        everywhere = {t: terms[t] for t in finders}
        scores = dict(self._rank(everywhere, finders, idf, "tsv", limit, True))
        common = {t: w for t, w in terms.items() if t not in everywhere}
        if common:
            for entry_id, score in self.match(common, idf, head=True, limit=self.HEAD_LIMIT):
                scores[entry_id] = scores.get(entry_id, 0.0) + score
        return list(scores.items())

    def _rank(
        self, terms: dict[str, float], finders, idf, column: str, limit: int, bounded: bool
    ) -> list[tuple[int, float]]:
        """Rows where any of ``finders`` occurs, scored by all ``terms``."""
        if not finders:
            return []
        idf = idf or (lambda term: 1.0)
        # The tsvector is read (and de-TOASTed) once per row in the subquery; each term's
        # ts_rank then works on that copy instead of fetching it again.
        parts, params = [], []
        for term, weight in terms.items():
            # Normalisation 32, rank / (rank + 1): each term saturates, as in BM25, so a
            # long text that repeats one word does not outrank one that has them all
            # (dev nDCG@10 0.793 → 0.823 against 1, the length-only normalisation).
            parts.append("%s * ts_rank(%s::float4[], v, to_tsquery('simple', %s), 32)")
            params.extend([weight * idf(term), self.RANK_WEIGHTS, _quote(term)])
        # Should the estimate be off (a stale corpus model, or the rarest head term alone
        # over budget), LIMIT still bounds the rows read: the first ones found are ranked.
        budget = self.HEAD_RANK_ROWS if column == "tsv_head" else self.RANK_ROWS
        cap = f" LIMIT {budget}" if bounded else ""
        sql = (
            f"SELECT id, {' + '.join(parts)} AS score FROM ("
            f"SELECT id, {column} || ''::tsvector AS v FROM search_searchentry"
            f" WHERE {column} @@ to_tsquery('simple', %s){cap} OFFSET 0) AS matched"
            " ORDER BY score DESC LIMIT %s"
        )
        query = " | ".join(_quote(t) for t in finders)
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, query, limit])
            # ts_rank is below 1 where bm25 is ~10: scale so fusion weights mean the same.
            return [(row_id, 100.0 * score) for row_id, score in cursor.fetchall()]

    @staticmethod
    def _finders(
        terms: dict[str, float], idf, budget: int, at_least_one: bool = False
    ) -> tuple[list[str], bool]:
        """The rarest terms, as many as are expected in ``budget`` rows together (or the
        rarest one, over budget, ``at_least_one``), and whether that bound applies (not
        when the whole table is within it). In the heads
        the estimate is an upper bound (a word's share of whole texts); for concepts, which
        only the heads hold, it is exact."""
        if idf is None:
            return list(terms), False
        with connection.cursor() as cursor:
            # The planner's row count: no scan, and current enough for a bound.
            cursor.execute(
                "SELECT reltuples FROM pg_class WHERE oid = 'search_searchentry'::regclass"
            )
            rows = max(cursor.fetchone()[0], 0.0)
        if rows <= budget:
            return list(terms), False
        # idf = ln(1 + (N − df + ½) / (df + ½)), so a term's share of the rows is ≈ e^−idf.
        expected = {t: rows * math.exp(-idf(t)) for t in terms}
        finders, total = [], 0.0
        for term in sorted(terms, key=lambda t: (expected[t], t)):
            if total + expected[term] > budget and (finders or not at_least_one):
                break
            finders.append(term)
            total += expected[term]
        return finders, True


def _entry_fields() -> list:
    from kennisbrug.search.models import SearchEntry

    return [f for f in SearchEntry._meta.concrete_fields if not f.primary_key]


def _db_values(entry, adapters: list) -> list:
    """A ``SearchEntry``'s values as the database takes them (it has no auto fields).
    What ``get_db_prep_save`` does for these field types, at a tenth of the cost."""
    values = []
    for attname, adapt in adapters:
        value = getattr(entry, attname)
        values.append(value if value is None or adapt is None else adapt(value))
    return values


def _adapters(fields) -> list:
    """(attribute, adapter or None) per field, worked out once per batch rather than with
    type checks for every value of every entry."""
    from django.db import models

    ops = connection.ops
    out = []
    for f in fields:
        if isinstance(f, models.JSONField):
            out.append((f.attname, lambda v, encoder=f.encoder: ops.adapt_json_value(v, encoder)))
        elif isinstance(f, models.DateField):
            out.append((f.attname, ops.adapt_datefield_value))
        elif isinstance(f, models.BinaryField):
            out.append((f.attname, bytes))
        else:
            out.append((f.attname, None))
    return out


def _quote(term: str) -> str:
    # Our terms are [a-z0-9] only; quoting keeps tsquery syntax out even so.
    return "'" + term.replace("'", "") + "'"


def current() -> SQLiteIndex | PostgresIndex:
    return PostgresIndex() if connection.vendor == "postgresql" else SQLiteIndex()
