"""The articles a validation set aside, and what a person does with them: remove an article with everything
derived from it, or restore it to be validated again. `claimhouse articles` calls these.

An article is named by its id, or by its source file (as `raw.articles` has it, relative to the landing folder,
or as a path into the landing folder): a JSON Lines file names every article it held.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from claimhouse.config import Settings
from claimhouse.pipeline import AUDIT_SCHEMA, SET_ASIDE
from claimhouse.warehouse import connect, transaction

# The schemas whose tables hold what an article is and what was derived from it (every table of theirs with
# an `article_id` column); dbt builds the rest from them on the next run.
ARTICLE_SCHEMAS = ("raw", "extract")


@dataclass(frozen=True)
class Article:
    article_id: str
    source_file: str
    record_index: int | None
    content_hash: str
    title: str | None

    def __str__(self) -> str:
        record = f" record {self.record_index}" if self.record_index is not None else ""
        return f"{self.article_id} ({self.source_file}{record}: {self.title or 'no title'})"


def find_articles(settings: Settings, references: list[str]) -> list[Article]:
    """The articles `references` name (ids or source files); a reference that names none is an error."""
    names = {reference: {reference, _in_landing_folder(settings, reference)} for reference in references}
    with connect(settings.build_db_path, read_only=True) as con:
        rows = con.execute("""select article_id, source_file, record_index, content_hash, title from raw.articles
                              where article_id in (select unnest(?)) or source_file in (select unnest(?))
                              order by source_file, record_index, article_id""",
                           [list(references), [n for ns in names.values() for n in ns]]).fetchall()
    found = [Article(*row) for row in rows]
    unknown = [r for r, ns in names.items() if not any({a.article_id, a.source_file} & ns for a in found)]
    if unknown:
        raise ValueError(f"no article has the id or source file {', '.join(map(repr, unknown))} in "
                         f"{settings.build_db_path} (`claimhouse articles list` shows those set aside)")
    return found


def _in_landing_folder(settings: Settings, reference: str) -> str:
    """A path into the landing folder as `raw.articles.source_file` writes it (relative to the folder)."""
    path = Path(reference).resolve()
    return str(path.relative_to(settings.input_dir.resolve())) if path.is_relative_to(settings.input_dir.resolve()) \
        else reference


def remove_articles(settings: Settings, references: list[str]) -> list[Article]:
    """Delete the articles and every row derived from them from the build database, in one transaction, and
    record each removal in `audit.removed_articles`. The input files stay marked as read, so the next run
    does not load them again unless their bytes change; it builds and publishes the warehouse without them."""
    articles = find_articles(settings, references)
    ids = [a.article_id for a in articles]
    removed_at = datetime.now(UTC).replace(tzinfo=None)
    with connect(settings.build_db_path) as con, transaction(con):
        con.execute(AUDIT_SCHEMA)
        tables = con.execute("""select table_schema || '.' || table_name from information_schema.columns c
                                join information_schema.tables t using (table_schema, table_name)
                                where column_name = 'article_id' and table_type = 'BASE TABLE'
                                  and (table_schema in (select unnest(?)) or table_schema || '.' || table_name = ?)
                                order by all""", [list(ARTICLE_SCHEMAS), SET_ASIDE]).fetchall()
        for (table,) in tables:
            con.execute(f"delete from {table} where article_id in (select unnest(?))", [ids])
        con.executemany("insert into audit.removed_articles values (?, ?, ?, ?, ?, ?)",
                        [[a.article_id, a.source_file, a.record_index, a.content_hash, a.title, removed_at]
                         for a in articles])
    return articles


def restore_articles(settings: Settings, references: list[str]) -> list[Article]:
    """Take the articles off the set-aside list, and have every validation run again on the next run: an
    article whose rows still break an expectation is set aside again."""
    articles = find_articles(settings, references)
    with connect(settings.build_db_path) as con, transaction(con):
        con.execute(AUDIT_SCHEMA)
        con.execute(f"delete from {SET_ASIDE} where article_id in (select unnest(?))",
                    [[a.article_id for a in articles]])
        con.execute("delete from audit.stage_inputs where stage like 'validate\\_%' escape '\\'")
    return articles
