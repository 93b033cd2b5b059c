"""Make a large search index out of a small one, to measure serving without a long build.

Usage: python bench/search_replicate.py SRC_DIR DEST_DIR FACTOR

SRC_DIR is a SQLite database directory kept by ``bench/search_speed.py --keep`` (for example
``KEEP/sqlite-50000``); DEST_DIR gets a copy whose index holds every entry FACTOR times
(entries, full-text rows and heads, with new ids and record ids; the corpus model is the
source's). ``bench/search_speed.py --sizes N --reuse KEEP`` then searches it when DEST_DIR is
``KEEP/sqlite-N``. Every term then occurs in FACTOR times as many rows, as in a corpus that
many times larger drawn from the same words; what is not like a real corpus: each text and
vector occurs FACTOR times (so semantic neighbours come in identical groups), and rare words
stay as few. The build figures in DEST_DIR/build.json are the source's, marked as such.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import sys
import time
from pathlib import Path


def replicate(source: Path, dest: Path, factor: int) -> int:
    dest.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(source / "bench.db") as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copyfile(source / "bench.db", dest / "bench.db")
    for name in ("secret_key",):
        if (source / name).exists():
            shutil.copyfile(source / name, dest / name)
    db = sqlite3.connect(dest / "bench.db", isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    columns = [row[1] for row in db.execute("PRAGMA table_info(search_searchentry)")]
    n, top_id, top_object = db.execute(
        "SELECT count(*), max(id), max(object_id) FROM search_searchentry"
    ).fetchone()
    fts = [row[1] for row in db.execute("PRAGMA table_info(search_fts)")]
    head = [row[1] for row in db.execute("PRAGMA table_info(search_fts_head)")]
    db.execute("BEGIN")
    for copy in range(1, factor):
        shift = {"id": f"id + {copy * top_id}", "object_id": f"object_id + {copy * top_object}"}
        select = ", ".join(shift.get(c, c) for c in columns)
        db.execute(
            f"INSERT INTO search_searchentry ({', '.join(columns)})"
            f" SELECT {select} FROM search_searchentry WHERE id <= {top_id}"
        )
        for table, names in (("search_fts", fts), ("search_fts_head", head)):
            db.execute(
                f"INSERT INTO {table} (rowid, {', '.join(names)})"
                f" SELECT rowid + {copy * top_id}, {', '.join(names)} FROM {table}"
                f" WHERE rowid <= {top_id}"
            )
        print(
            f"[{time.strftime('%H:%M:%S', time.gmtime())}] copy {copy + 1} of {factor}", flush=True
        )
    db.execute("COMMIT")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    built = json.loads((source / "build.json").read_text())
    built["mode"] = f"replicated x{factor} from {n:,} built items (build figures are those)"
    (dest / "build.json").write_text(json.dumps(built))
    return n * factor


def main() -> None:
    source, dest, factor = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
    print(f"{replicate(source, dest, factor):,} entries in {dest}")


if __name__ == "__main__":
    main()
