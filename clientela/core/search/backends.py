"""The database side of search: one query that matches, restricts and ranks in SQL.

Each backend answers `search(terms, scopes, limit)` with the best hits first. A scope is one
module the user may view: its restricted queryset becomes a correlated `EXISTS`, so hits are
intersected with `restrict(user, "view")` inside the database, row by row, without loading the
ids the user may see. When the user's role hides some of the module's search fields, every
term must also occur within one of the visible fields, so a hit never comes from a hidden one.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

from .indexing import field_key
from .text import Term, has_cjk


@dataclass(frozen=True)
class Scope:
    """A module to search: its slug, the records the user may see, the fields they may see.

    `visible_fields` is None when the user sees every search field of the module.
    """

    slug: str
    records: QuerySet
    visible_fields: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Hit:
    """One matching record, with its rank score (higher is better)."""

    module: str
    object_id: int
    label: str
    score: float


class SearchBackend:
    """Shared SQL building; subclasses supply the full-text match and the rank."""

    def search(self, terms: list[Term], scopes: list[Scope], limit: int) -> list[Hit]:
        """Return at most `limit` hits for all of `terms`, best first."""
        if not terms or not scopes:
            return []
        scope_sql, scope_params = self._scopes(terms, scopes)
        sql, params = self.query(terms, scope_sql, scope_params, limit)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        return [Hit(module, int(object_id), label, float(score or 0))
                for module, object_id, label, score in rows]

    def query(self, terms: list[Term], scope_sql: str, scope_params: list,
              limit: int) -> tuple[str, list]:
        raise NotImplementedError

    def field_text_sql(self) -> str:
        """Return SQL for one key of `e.fields`, the key path as a parameter."""
        raise NotImplementedError

    def field_key_param(self, key: str) -> str:
        return key

    def _scopes(self, terms: list[Term], scopes: list[Scope]) -> tuple[str, list]:
        clauses, params = [], []
        for scope in scopes:
            records = scope.records.filter(pk=RawSQL("e.object_id", ())).values("pk")
            records_sql, records_params = records.query.sql_with_params()
            clause = f"(e.module = %s AND EXISTS ({records_sql})"
            params.extend([scope.slug, *records_params])
            if scope.visible_fields is not None:
                recheck, recheck_params = self._visible_match(terms, scope.visible_fields)
                clause += f" AND {recheck}"
                params.extend(recheck_params)
            clauses.append(clause + ")")
        return "(" + " OR ".join(clauses) + ")", params

    def _visible_match(self, terms: list[Term], fields: tuple[str, ...]) -> tuple[str, list]:
        if not fields:
            return "1 = 0", []
        conditions, params = [], []
        for term in terms:
            either = []
            for path in fields:
                either.append(f"{self.field_text_sql()} LIKE %s")
                params.extend([self.field_key_param(field_key(path)), f"%{term.text}%"])
            conditions.append("(" + " OR ".join(either) + ")")
        return "(" + " AND ".join(conditions) + ")", params


class SqliteBackend(SearchBackend):
    """FTS5 with prefix queries, ranked by bm25 with a bonus for whole-word matches."""

    def field_text_sql(self) -> str:
        return "json_extract(e.fields, %s)"

    def field_key_param(self, key: str) -> str:
        return '$."' + key + '"'

    @staticmethod
    def match_expression(terms: list[Term]) -> str:
        """Return the FTS5 query: every term as a prefix; an exact word also counts again."""
        parts = []
        for term in terms:
            phrase = '"' + term.text + '"'
            parts.append(f"({phrase} * OR {phrase})")
        return " AND ".join(parts)

    def query(self, terms, scope_sql, scope_params, limit):
        sql = (
            "SELECT e.module, e.object_id, e.label, -bm25(core_searchentry_fts) AS score "
            "FROM core_searchentry_fts JOIN core_searchentry e "
            "ON e.id = core_searchentry_fts.rowid "
            f"WHERE core_searchentry_fts MATCH %s AND {scope_sql} "
            "ORDER BY score DESC, e.updated_at DESC, e.id DESC LIMIT %s"
        )
        return sql, [self.match_expression(terms), *scope_params, limit]


class PostgresBackend(SearchBackend):
    """`tsvector` prefix matching plus `pg_trgm` word similarity for misspelt words."""

    FUZZY_BELOW = 5
    FUZZY_MIN_LENGTH = 4

    def field_text_sql(self) -> str:
        return "(e.fields ->> %s)"

    @staticmethod
    def prefix_query(terms: list[Term]) -> str:
        """Return the tsquery matching every term, its last token as a prefix."""
        parts = []
        for term in terms:
            words = [f"'{token}'" for token in term.tokens]
            words[-1] += ":*"
            parts.append("(" + " <-> ".join(words) + ")")
        return " & ".join(parts)

    @staticmethod
    def exact_query(terms: list[Term]) -> str:
        """Return the tsquery of any whole token, which ranks exact words above prefixes."""
        return " | ".join(f"'{token}'" for term in terms for token in term.tokens)

    def search(self, terms: list[Term], scopes: list[Scope], limit: int) -> list[Hit]:
        """Return full-text hits first; only when they are very few, misspelt-word matches.

        Trigram similarity over every candidate is the expensive part, so it runs only for
        queries that found next to nothing (a likely misspelling), not merely fewer hits than
        a long page could show.
        """
        self.fuzzy = False
        hits = super().search(terms, scopes, limit)
        text = " ".join(term.text for term in terms)
        few = len(hits) < min(limit, self.FUZZY_BELOW)
        if few and len(text) >= self.FUZZY_MIN_LENGTH and not has_cjk(text):
            self.fuzzy = True
            hits += super().search(terms, scopes, limit - len(hits))
        return hits

    def query(self, terms, scope_sql, scope_params, limit):
        prefix, exact = self.prefix_query(terms), self.exact_query(terms)
        if self.fuzzy:
            text = " ".join(term.text for term in terms)
            sql = (
                "SELECT e.module, e.object_id, e.label, word_similarity(%s, e.text) AS score "
                "FROM core_searchentry e WHERE %s <%% e.text "
                "AND NOT e.document @@ to_tsquery('simple', %s) "
                f"AND {scope_sql} ORDER BY score DESC, e.updated_at DESC, e.id DESC LIMIT %s"
            )
            return sql, [text, text, prefix, *scope_params, limit]
        rank = (
            "ts_rank(e.document, to_tsquery('simple', %s), 1)"
            " + ts_rank(e.document, to_tsquery('simple', %s), 1)"
        )
        sql = (
            f"SELECT e.module, e.object_id, e.label, {rank} AS score "
            "FROM core_searchentry e WHERE e.document @@ to_tsquery('simple', %s) "
            f"AND {scope_sql} ORDER BY score DESC, e.updated_at DESC, e.id DESC LIMIT %s"
        )
        return sql, [prefix, exact, prefix, *scope_params, limit]


def get_backend() -> SearchBackend:
    """Return the backend for the default database."""
    if connection.vendor == "postgresql":
        return PostgresBackend()
    if connection.vendor == "sqlite":
        return SqliteBackend()
    raise NotImplementedError(f"Search does not support {connection.vendor}.")
