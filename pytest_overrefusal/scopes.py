"""Rate scopes: the one place that knows which groupings of prompts get a rate.

A scope is a ``(suite, language, category)`` triple in which ``ALL`` (``"*"``) stands for "every
one". A prompt counts toward one scope per entry of ``SCOPES``:

* ``cell``: its own suite x language x category,
* ``language``: its language across suites and categories,
* ``category``: its category across suites and languages,
* ``overall``: everything.

Cells, rate items, thresholds, paired regressions, stratified sampling, the terminal summary and the
HTML report all ask this module, so a new scope is one entry in ``SCOPES`` (and, where thresholds
should address it, one line in ``limit_keys``). ``tests/test_scopes.py`` adds one and watches it arrive
everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "ALL",
    "SCOPES",
    "Scope",
    "ScopeKind",
    "describe",
    "display",
    "is_cell",
    "item_name",
    "kind_of",
    "limit_keys",
    "rank",
    "scopes_of",
    "shared_scopes_of",
]

ALL = "*"
Scope = tuple[str, str, str]


@dataclass(frozen=True)
class ScopeKind:
    """One way of grouping prompts: which of suite, language and category the scope keeps."""

    name: str
    suite: bool
    language: bool
    category: bool

    def of(self, suite: str, language: str, category: str) -> Scope:
        return (suite if self.suite else ALL, language if self.language else ALL, category if self.category else ALL)

    def matches(self, scope: Scope) -> bool:
        kept = (self.suite, self.language, self.category)
        return all((value != ALL) == keep for value, keep in zip(scope, kept, strict=True))


# Order matters: cells are listed (and ranked in reports) in this order, the per-suite cell first.
SCOPES: tuple[ScopeKind, ...] = (
    ScopeKind("cell", suite=True, language=True, category=True),
    ScopeKind("language", suite=False, language=True, category=False),
    ScopeKind("category", suite=False, language=False, category=True),
    ScopeKind("overall", suite=False, language=False, category=False),
)


def scopes_of(suite: str, language: str, category: str) -> tuple[Scope, ...]:
    """Every scope a prompt counts toward, in ``SCOPES`` order (its own cell first)."""
    return tuple(kind.of(suite, language, category) for kind in SCOPES)


def shared_scopes_of(suite: str, language: str, category: str) -> tuple[Scope, ...]:
    """The scopes other than the prompt's own cell: their rate items are made once for the whole session."""
    return tuple(kind.of(suite, language, category) for kind in SCOPES if kind.name != "cell")


def kind_of(scope: Scope) -> ScopeKind:
    for kind in SCOPES:
        if kind.matches(scope):
            return kind
    raise ValueError(f"{scope!r} is not a rate scope")


def is_cell(scope: Scope) -> bool:
    """A per-suite cell (suite x language x category), the squares of the report's heatmaps."""
    return kind_of(scope).name == "cell"


def rank(scope: Scope) -> int:
    """Position of the scope's kind in ``SCOPES``: the order cells are listed in."""
    kind = kind_of(scope)
    return SCOPES.index(kind)


def item_name(scope: Scope) -> str:
    """The pytest item name of a scope's rate item (``rates[en/violence]``, ``rates[*/*]``)."""
    suite, language, category = scope
    kind = kind_of(scope)
    if kind.suite and not (kind.language or kind.category):
        return f"rates[{suite}]"
    return f"rates[{language}/{category}]"


def describe(suite: str) -> str:
    return "across all suites" if suite == ALL else f"of suite {suite}"


def display(value: str) -> str:
    """How a scope coordinate is shown to people: ``all`` for the wildcard."""
    return "all" if value == ALL else value


def limit_keys(language: str, category: str) -> tuple[tuple[str, str], ...]:
    """Where a threshold file's limits for a scope are looked up, most specific first.

    Each entry is ``(table, key)`` in a kind's limits (``cells`` keyed ``language/category``,
    ``categories``, ``languages``); the kind's ``default`` applies when none has the key.
    """
    keys: list[tuple[str, str]] = []
    if language != ALL and category != ALL:
        keys.append(("cells", f"{language}/{category}"))
    if category != ALL:
        keys.append(("categories", category))
    if language != ALL:
        keys.append(("languages", language))
    return tuple(keys)
