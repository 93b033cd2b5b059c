"""The full-text index on each database: FTS5 on SQLite, tsvector + GIN on PostgreSQL.

Both receive the terms of our own analysis, so they index the same words. Each ranks with
what it has: FTS5's ``bm25()`` with per-column weights; on PostgreSQL (whose ``ts_rank``
knows no document frequencies) the sum over query terms of idf × ``ts_rank`` with the same
field weights, the idf coming from the corpus model. Writes run on the caller's connection,
inside the caller's transaction: an index entry commits with its record.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import DatabaseError, connection, transaction

logger = logging.getLogger(__name__)

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

    def settle(self) -> None:
        """After a rebuild: nothing to do (FTS5 keeps its segments merged as it writes)."""

    def bulk(self) -> SQLiteIndex:
        """What takes a rebuild's writes (``insert``, ``set_vectors``, then ``finish``):
        here the tables themselves."""
        return self

    # The rebuild empties the tables before it writes (see _StagedLoad for the other way).
    replaces_table = False

    def finish(self) -> None:
        pass

    def set_vectors(self, rows: Sequence[tuple[bytes, int]]) -> None:
        """(vector, entry id) of entries written without one."""
        with connection.cursor() as cursor:
            cursor.executemany("UPDATE search_searchentry SET vector = %s WHERE id = %s", rows)

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

    def covering(self, groups: Sequence[set[str]], entry_ids: Sequence[int]) -> dict[int, int]:
        """For each of the entries, how many of the groups of terms it contains.

        Read from the stored rows (a rowid look-up each), not asked of the index: FTS5
        evaluates a MATCH with a rowid constraint once per rowid, reading a common term's
        doclist every time (0.4 s for six words and 50 rows at 10k entries)."""
        if not entry_ids:
            return {}
        text = " || ' ' || ".join(f"ifnull({c}, '')" for c in COLUMNS if c != "concepts")
        ids = ",".join(str(int(i)) for i in entry_ids)
        counts: dict[int, int] = {}
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT rowid, {text} FROM search_fts WHERE rowid IN ({ids})")
            for rowid, stored in cursor.fetchall():
                padded = f" {stored} "
                counts[rowid] = sum(1 for group in groups if any(f" {t} " in padded for t in group))
        return counts


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

    def settle(self) -> None:
        """After a rebuild, outside any transaction: ``VACUUM ANALYZE`` of the index table.
        Without it the first searches scan the GIN indexes' pending lists (every row written
        since, unsorted: a search of common words took over a second at 100k) and the planner
        plans with the old table's statistics until autovacuum comes round; a plain ANALYZE
        would leave the pending lists. Inside a transaction (a test, the demo load) VACUUM
        cannot run, and autovacuum does it later."""
        if connection.in_atomic_block:
            return
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE search_searchentry")
        PostgresIndex._head_stats = None  # new statistics: see head_rows

    # Seconds a process keeps the head statistics (they change at ANALYZE: after a rebuild,
    # and when autovacuum sees enough new rows).
    HEAD_STATS_TTL = 300.0
    _head_stats: tuple[float, float, dict[str, float], float] | None = None

    def head_rows(self, terms: Sequence[str]) -> dict[str, int]:
        """About how many entries have each term in their head, for the engine's head budget
        (engine.split_terms), as on SQLite. Counted, it cost as much as ranking: GIN's
        answers for a tsquery are rechecked on the rows, so a count reads a heap page per
        matching row (a search's counts took up to 200 ms at 100k). So it is estimated from
        the statistics ANALYZE keeps of ``tsv_head``: the most common lexemes (up to a
        thousand) with their share of the rows; any other term is rarer than the rarest of
        those. Without statistics (a table never analysed) the terms are counted."""
        stats = self._statistics()
        if stats is None:
            counts = ", ".join(
                "(SELECT count(*) FROM search_searchentry"
                " WHERE tsv_head @@ to_tsquery('simple', %s))"
                for _ in terms
            )
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT {counts}", [_quote(t) for t in terms])
                return dict(zip(terms, cursor.fetchone(), strict=True))
        rows, shares, rarest = stats
        return {t: round(rows * shares.get(t, rarest)) for t in terms}

    @classmethod
    def _statistics(cls) -> tuple[float, dict[str, float], float] | None:
        """(rows, lexeme → share of rows, the smallest share listed), kept for a while."""
        import time

        now = time.monotonic()
        cached = cls._head_stats
        if cached is not None and now - cached[0] < cls.HEAD_STATS_TTL:
            return cached[1:] if cached[1] else None
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT c.reltuples, s.most_common_elems::text::text[],"
                " s.most_common_elem_freqs FROM pg_class AS c"
                " LEFT JOIN pg_stats AS s ON s.schemaname = current_schema()"
                " AND s.tablename = c.relname AND s.attname = 'tsv_head'"
                " WHERE c.oid = 'search_searchentry'::regclass"
            )
            found = cursor.fetchone()
        rows, lexemes, freqs = found if found else (0.0, None, None)
        if not lexemes or rows <= 0:
            cls._head_stats = (now, 0.0, {}, 0.0)
            return None
        # After the shares per lexeme come the smallest and largest of them (and nulls').
        shares = dict(zip(lexemes, freqs[: len(lexemes)], strict=True))
        cls._head_stats = (now, float(rows), shares, float(freqs[len(lexemes)]))
        return cls._head_stats[1:]

    def bulk(self) -> _StagedLoad:
        """What takes a rebuild's writes (``insert``, ``set_vectors``, then ``finish``):
        temporary tables, see ``_StagedLoad``."""
        return _StagedLoad()

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

    def covering(self, groups: Sequence[set[str]], entry_ids: Sequence[int]) -> dict[int, int]:
        """For each of the entries, how many of the groups of terms it contains."""
        if not entry_ids:
            return {}
        tests = " + ".join("(tsv @@ to_tsquery('simple', %s))::int" for _ in groups)
        params = [" | ".join(_quote(t) for t in sorted(g)) for g in groups]
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT id, {tests} FROM search_searchentry WHERE id = ANY(%s)",
                [*params, list(entry_ids)],
            )
            return dict(cursor.fetchall())

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


class _StagedLoad:
    """A rebuild on PostgreSQL: the entries (with their texts for the tsvector) are copied
    into a temporary table as they are analysed, their vectors into another once the model
    is trained, and at the end every row is written once, with its vector. Written without
    one and updated later, every row was written twice, and as the update of a wide row
    cannot stay on its page, every index got a second entry for it, the GIN indexes all its
    terms again (the vector pass took half as long as analysing and writing everything).

    The temporary tables are the session's own (no WAL, no indexes) and go at commit.
    ``COPY`` sends the rows at a fraction of the cost of binding a multi-row ``INSERT``'s
    parameters. Ids come from the table's own sequence, taken in advance, so the caller
    knows them (as from ``insert``) and rows keep the order they were written in.

    ``finish`` writes the rows into a fresh table without indexes and builds the indexes
    afterwards, then swaps it for the old one (``_FreshTable``): inserting 100,000 rows one
    by one into a table with two GIN indexes took 51 of a 121 s rebuild at 100k, most of
    it keeping the GIN indexes. Until the swap the old table is untouched, so searches
    during a rebuild read the old index, and the old rows need not be deleted first
    (``replaces_table``). Where the table cannot be swapped safely (see
    ``_FreshTable.possible``) or the swap fails, the rows go into the old table after
    all, the old rows deleted first, as before."""

    TABLE = "search_stage"
    VECTORS = "search_stage_vectors"
    CLASSES = ("class_a", "class_b", "class_c", "class_d")
    # The rebuild leaves the old rows in place: finish() replaces the table (or deletes them).
    replaces_table = True

    def __init__(self) -> None:
        self.fields = _entry_fields()
        self.adapters = _adapters(self.fields)
        self.names = [connection.ops.quote_name(f.column) for f in self.fields]
        with connection.cursor() as cursor:
            cursor.execute(
                f"CREATE TEMP TABLE {self.TABLE} (LIKE search_searchentry) ON COMMIT DROP"
            )
            cursor.execute(
                f"ALTER TABLE {self.TABLE} DROP COLUMN tsv, DROP COLUMN tsv_head, "
                + ", ".join(f"ADD COLUMN {c} text" for c in self.CLASSES)
            )
            cursor.execute(
                f"CREATE TEMP TABLE {self.VECTORS} (id bigint, vector bytea) ON COMMIT DROP"
            )
            cursor.execute("SELECT pg_get_serial_sequence('search_searchentry', 'id')")
            self.sequence = cursor.fetchone()[0]

    def insert(self, entries: Sequence, columns: Sequence[dict[str, str]]) -> None:
        if not entries:
            return
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(%s) FROM generate_series(1, %s) ORDER BY 1",
                [self.sequence, len(entries)],
            )
            ids = [pk for (pk,) in cursor.fetchall()]
            copy_sql = (
                f"COPY {self.TABLE} (id, {', '.join(self.names)}, {', '.join(self.CLASSES)})"
                " FROM STDIN"
            )
            with cursor.cursor.copy(copy_sql) as copy:
                for pk, entry, c in zip(ids, entries, columns, strict=True):
                    entry.pk = entry.id = pk
                    copy.write_row(
                        (pk, *_db_values(entry, self.adapters), *PostgresIndex._classes(c))
                    )

    def set_vectors(self, rows: Sequence[tuple[bytes, int]]) -> None:
        copy_sql = f"COPY {self.VECTORS} (vector, id) FROM STDIN"
        with connection.cursor() as cursor, cursor.cursor.copy(copy_sql) as copy:
            for row in rows:
                copy.write_row(row)

    def finish(self) -> None:
        with connection.cursor() as cursor:
            fresh = _FreshTable(cursor, "search_searchentry")
            swapped = False
            if fresh.possible():
                try:
                    with transaction.atomic():  # a savepoint: a failed swap leaves no trace
                        self._copy_into(cursor, fresh.create())
                        fresh.index_and_swap()
                    swapped = True
                except DatabaseError as error:
                    logger.warning("search index: swap failed (%s), writing in place", error)
            if not swapped:
                cursor.execute("DELETE FROM search_searchentry")
                self._copy_into(cursor, "search_searchentry")
            cursor.execute(f"DROP TABLE {self.TABLE}, {self.VECTORS}")

    def _copy_into(self, cursor, table: str) -> None:
        a, b, c, d = self.CLASSES
        tsvector = PostgresIndex.TSVECTOR % (a, b, c, d)
        tsvector_head = PostgresIndex.TSVECTOR_HEAD % (a, b)
        names = [n for n in self.names if n != connection.ops.quote_name("vector")]
        cursor.execute(
            f"INSERT INTO {table} (id, {', '.join(names)}, vector, tsv, tsv_head)"
            f" SELECT s.id, {', '.join('s.' + n for n in names)},"
            f" COALESCE(v.vector, s.vector), {tsvector}, {tsvector_head}"
            f" FROM {self.TABLE} AS s LEFT JOIN {self.VECTORS} AS v ON v.id = s.id"
            " ORDER BY s.id"
        )


class _FreshTable:
    """A copy of a table's definition, filled without indexes, then indexed and swapped in
    for the original, inside the caller's transaction.

    Building an index over rows already in place sorts them once (GIN with
    ``maintenance_work_mem``), where inserting row by row updates the index for every row.
    The copy is made from the catalog — columns with defaults, storage and check
    constraints (``LIKE``), identity columns continuing the old sequence, every index and
    primary, unique and foreign key under its own name — so migrations find the same table
    afterwards. Only a plain table that nothing else depends on is swapped (no grants,
    triggers, row security, views, inheritance, foreign keys pointing at it, other owner):
    those would be lost or block the drop. The drop waits at most ``LOCK_TIMEOUT`` for
    searches still reading the old table; the caller falls back to writing in place."""

    NEW = "search_rebuild_new"
    LOCK_TIMEOUT = "3s"
    # For the index builds: GIN sorts its entries in memory up to this much (default 64 MB).
    MAINTENANCE_WORK_MEM = "256MB"

    def __init__(self, cursor, table: str):
        self.cursor, self.table = cursor, table

    def _rows(self, sql: str, params=()) -> list[tuple]:
        self.cursor.execute(sql, params)
        return self.cursor.fetchall()

    def possible(self) -> bool:
        (oid, relkind, acl, rls, owner_ok, partition), *_ = self._rows(
            "SELECT c.oid, c.relkind, c.relacl, c.relrowsecurity,"
            " c.relowner = (SELECT oid FROM pg_roles WHERE rolname = current_user),"
            " c.relispartition FROM pg_class AS c WHERE c.oid = %s::regclass",
            [self.table],
        )
        if relkind != "r" or acl is not None or rls or not owner_ok or partition:
            return False
        (dependents,) = self._rows(
            "SELECT (SELECT count(*) FROM pg_trigger WHERE tgrelid = %(t)s AND NOT tgisinternal)"
            " + (SELECT count(*) FROM pg_constraint WHERE confrelid = %(t)s)"
            " + (SELECT count(*) FROM pg_inherits WHERE inhrelid = %(t)s OR inhparent = %(t)s)"
            " + (SELECT count(*) FROM pg_depend AS d JOIN pg_rewrite AS r ON r.oid = d.objid"
            "    WHERE d.refobjid = %(t)s AND r.ev_class <> %(t)s)",
            {"t": oid},
        )[0]
        self.oid = oid
        return dependents == 0

    def create(self) -> str:
        self.cursor.execute(
            f"CREATE TABLE {self.NEW} (LIKE {self.table} INCLUDING DEFAULTS"
            " INCLUDING CONSTRAINTS INCLUDING STORAGE INCLUDING COMPRESSION)"
        )
        return self.NEW

    def index_and_swap(self) -> None:
        cursor, old = self.cursor, self.oid
        cursor.execute(f"SET LOCAL maintenance_work_mem = '{self.MAINTENANCE_WORK_MEM}'")
        # Schema-qualified, as pg_get_indexdef writes them.
        qualified = (
            "SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname) FROM pg_class AS c"
            " JOIN pg_namespace AS n ON n.oid = c.relnamespace WHERE c.oid = %s"
        )
        (qualified_old,), *_ = self._rows(qualified, [old])
        (qualified_new,), *_ = self._rows(qualified.replace("= %s", "= %s::regclass"), [self.NEW])
        renames: list[tuple[str, str, str]] = []  # (statement kind, temporary name, name)
        # Identity columns: a new sequence, continuing where the old one is.
        for column, kind, sequence in self._rows(
            "SELECT quote_ident(attname), attidentity, pg_get_serial_sequence(%s, attname)"
            " FROM pg_attribute WHERE attrelid = %s AND attidentity <> '' AND NOT attisdropped",
            [qualified_old, old],
        ):
            generated = "ALWAYS" if kind == "a" else "BY DEFAULT"
            cursor.execute(
                f"ALTER TABLE {self.NEW} ALTER COLUMN {column} ADD GENERATED {generated}"
                " AS IDENTITY"
            )
            (new_sequence,), *_ = self._rows(
                "SELECT pg_get_serial_sequence(%s, %s)", [self.NEW, column.strip('"')]
            )
            cursor.execute(
                f"SELECT setval(%s, last_value, is_called) FROM {sequence}", [new_sequence]
            )
            renames.append(("SEQUENCE", new_sequence, sequence.rsplit(".", 1)[-1]))
        # Indexes that no constraint owns, by their own definitions.
        for i, (name, definition) in enumerate(
            self._rows(
                "SELECT quote_ident(c.relname), pg_get_indexdef(c.oid) FROM pg_index AS x"
                " JOIN pg_class AS c ON c.oid = x.indexrelid WHERE x.indrelid = %s AND NOT"
                " EXISTS (SELECT 1 FROM pg_constraint WHERE conindid = x.indexrelid"
                " AND conrelid = %s) ORDER BY c.relname",
                [old, old],
            )
        ):
            temporary = f"{self.NEW}_i{i}"
            head = f" {name} ON {qualified_old} "
            if definition.count(head) != 1:
                raise DatabaseError(f"unexpected index definition: {definition}")
            cursor.execute(definition.replace(head, f" {temporary} ON {qualified_new} "))
            renames.append(("INDEX", temporary, name))
        # Primary key and unique constraints (with their indexes), then foreign keys (each
        # checked with one join rather than a trigger per row).
        for i, (name, definition) in enumerate(
            self._rows(
                "SELECT quote_ident(conname), pg_get_constraintdef(oid) FROM pg_constraint"
                " WHERE conrelid = %s AND contype IN ('p', 'u', 'x', 'f')"
                " ORDER BY contype = 'f', conname",
                [old],
            )
        ):
            temporary = f"{self.NEW}_c{i}"
            cursor.execute(f"ALTER TABLE {self.NEW} ADD CONSTRAINT {temporary} {definition}")
            renames.append(("CONSTRAINT", temporary, name))
        # The swap. The old table's lock waits for searches still reading it, not forever.
        (timeout,), *_ = self._rows("SELECT current_setting('lock_timeout')")
        cursor.execute(f"SET LOCAL lock_timeout = '{self.LOCK_TIMEOUT}'")
        cursor.execute(f"DROP TABLE {qualified_old}")
        cursor.execute("SELECT set_config('lock_timeout', %s, true)", [timeout])
        cursor.execute(f"ALTER TABLE {self.NEW} RENAME TO {self.table}")
        for kind, temporary, name in renames:
            if kind == "CONSTRAINT":
                cursor.execute(f"ALTER TABLE {self.table} RENAME CONSTRAINT {temporary} TO {name}")
            else:
                cursor.execute(f"ALTER {kind} {temporary} RENAME TO {name}")


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
