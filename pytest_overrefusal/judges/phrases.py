"""Phrase files of the ``keywords`` judge: loading, merging, validation and the phrase syntax.

One YAML file per language holds lists of phrases by category (schema and syntax in docs/judges.md).
This module owns reading them (with ``file:line`` errors), merging team directories over the built-in
files, the text normalisation that phrases and responses share, and parsing a phrase into its
variants. Compiling phrases into regular expressions belongs to the judge (keywords.py); other
components read phrases too (the logprob judge takes the opening words of refusal phrases).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import ConfigError, SourceError
from ..languages import is_known_language
from ..yamlsource import load_yaml

__all__ = [
    "CATEGORIES",
    "REPLACEMENTS",
    "Group",
    "LanguagePhrases",
    "LiteralText",
    "ParsedPhrase",
    "PhraseFileError",
    "builtin_phrase_dir",
    "fold",
    "load_phrase_dirs",
    "opening_words",
    "parse_phrase",
    "unify",
]

CATEGORIES = (
    "refusal",
    "not_refusal",
    "moralising",
    "disclaimer",
    "premise",
    "principle",
    "unanswerable",
    "partial",
    "compliance",
)
_FILE_KEYS = frozenset({"language", "name", "mode", "word_boundaries", "fold_diacritics", "exclude", *CATEGORIES})


class PhraseFileError(SourceError):
    """A phrase file that does not parse or validate."""


# ==================================================================================================
# Phrase files


@dataclass
class LanguagePhrases:
    """One language's phrase lists; each phrase keeps the file and line it came from."""

    language: str
    name: str
    word_boundaries: bool = True
    fold_diacritics: bool = False
    phrases: dict[str, list[tuple[str, str, int]]] = field(default_factory=dict)

    def canonical(self) -> dict[str, Any]:
        return {
            "language": self.language,
            "word_boundaries": self.word_boundaries,
            "fold_diacritics": self.fold_diacritics,
            "phrases": {c: sorted(p for p, _, _ in self.phrases.get(c, [])) for c in CATEGORIES},
        }


@dataclass
class _PhraseFile:
    phrases: LanguagePhrases
    mode: str
    exclude: dict[str, set[str]]
    explicit: set[str]  # top-level keys present in the file


def builtin_phrase_dir() -> Path:
    return Path(str(resources.files("pytest_overrefusal.judges") / "data"))


def _read_phrase_file(path: Path) -> _PhraseFile:
    """Parse one file, validating everything with ``file:line`` errors."""
    doc = load_yaml(path, PhraseFileError)
    data = doc.data
    if not isinstance(data, dict):
        raise PhraseFileError(path, 1, "a phrase file must be a mapping with 'language' and phrase lists")
    for key in data:
        if key not in _FILE_KEYS:
            allowed = ", ".join(sorted(_FILE_KEYS))
            raise PhraseFileError(path, doc.line_of((str(key),)), f"unknown field {key!r} (allowed: {allowed})")
    lang = data.get("language")
    if not isinstance(lang, str) or not is_known_language(lang):
        raise PhraseFileError(path, doc.line_of(("language",)), "'language' must be an ISO 639-1 code such as 'en'")
    if path.stem != lang:
        raise PhraseFileError(
            path, doc.line_of(("language",)), f"language {lang!r} does not match the file name {path.name!r}"
        )
    mode = data.get("mode", "extend")
    if mode not in ("extend", "replace"):
        raise PhraseFileError(path, doc.line_of(("mode",)), "'mode' must be 'extend' or 'replace'")
    flags: dict[str, bool] = {}
    for flag, default in (("word_boundaries", True), ("fold_diacritics", False)):
        value = data.get(flag, default)
        if not isinstance(value, bool):
            raise PhraseFileError(path, doc.line_of((flag,)), f"'{flag}' must be true or false")
        flags[flag] = value
    name = data.get("name", lang)
    if not isinstance(name, str):
        raise PhraseFileError(path, doc.line_of(("name",)), "'name' must be a string")
    out = LanguagePhrases(lang, name, flags["word_boundaries"], flags["fold_diacritics"])
    for category in CATEGORIES:
        items = data.get(category, [])
        if not isinstance(items, list):
            raise PhraseFileError(path, doc.line_of((category,)), f"'{category}' must be a list of phrases")
        entries: list[tuple[str, str, int]] = []
        for i, item in enumerate(items):
            line = doc.line_of((category, i))
            if not isinstance(item, str) or not item.strip():
                raise PhraseFileError(path, line, f"each entry of '{category}' must be a non-empty string")
            try:
                parse_phrase(item)
            except ValueError as exc:
                raise PhraseFileError(path, line, f"bad phrase {item!r}: {exc}") from None
            entries.append((item, str(path), line))
        out.phrases[category] = entries
    exclude_raw = data.get("exclude", {})
    if not isinstance(exclude_raw, dict):
        raise PhraseFileError(path, doc.line_of(("exclude",)), "'exclude' must map categories to phrase lists")
    exclude: dict[str, set[str]] = {}
    for category, items in exclude_raw.items():
        where = doc.line_of(("exclude", str(category)))
        if category not in CATEGORIES:
            raise PhraseFileError(path, where, f"unknown category {category!r} in 'exclude'")
        if not isinstance(items, list) or not all(isinstance(x, str) for x in items):
            raise PhraseFileError(path, where, f"'exclude.{category}' must be a list of phrases")
        exclude[category] = set(items)
    return _PhraseFile(out, mode, exclude, {str(k) for k in data})


def load_phrase_dirs(dirs: Sequence[Path], languages: Iterable[str] | None = None) -> dict[str, LanguagePhrases]:
    """Merge phrase files: later directories extend (or, with ``mode: replace``, replace) earlier ones."""
    merged: dict[str, LanguagePhrases] = {}
    for directory in dirs:
        if not directory.is_dir():
            raise ConfigError(f"keywords judge: phrase directory {str(directory)!r} not found")
        for path in sorted([*directory.glob("*.yaml"), *directory.glob("*.yml")]):
            loaded = _read_phrase_file(path)
            base = merged.get(loaded.phrases.language)
            if base is None or loaded.mode == "replace":
                merged[loaded.phrases.language] = loaded.phrases
                continue
            for category in CATEGORIES:
                dropped = loaded.exclude.get(category, set())
                kept = [e for e in base.phrases.get(category, []) if e[0] not in dropped]
                base.phrases[category] = kept + loaded.phrases.phrases.get(category, [])
            for flag in ("word_boundaries", "fold_diacritics"):
                if flag in loaded.explicit:
                    setattr(base, flag, getattr(loaded.phrases, flag))
    if languages is not None:
        wanted = set(languages)
        missing = sorted(wanted - set(merged))
        if missing:
            raise ConfigError(f"keywords judge: no phrase file for language(s) {', '.join(missing)}")
        merged = {k: v for k, v in merged.items() if k in wanted}
    if not merged:
        raise ConfigError("keywords judge: no phrase files found")
    return merged


# ==================================================================================================
# Normalisation shared by phrases and responses
#
# Typographic quotes become ASCII, one character for one, so that positions in normalised text are
# positions in the response.

REPLACEMENTS = (
    ("\u2019", "'"),
    ("\u2018", "'"),
    ("\u02bc", "'"),
    ("\u00b4", "'"),
    ("\uff07", "'"),
    ("\u201c", '"'),
    ("\u201d", '"'),
    ("\u00a0", " "),
    ("\u202f", " "),
    ("\u0130", "i"),  # Turkish dotted capital I lowercases to two code points otherwise.
)


def unify(text: str, replacements: Sequence[tuple[str, str]]) -> str:
    # Chained str.replace is several times faster than str.translate with a mapping.
    for old, new in replacements:
        if old in text:
            text = text.replace(old, new)
    return text


# Every code point with a non-zero canonical combining class: accents, tone marks, harakat.
_COMBINING = re.compile(
    "[" + "".join(re.escape(chr(c)) for c in range(0x300, 0x10000) if unicodedata.combining(chr(c))) + "]"
)


def fold(text: str) -> str:
    """Drop accents and tone marks (for languages whose writers often omit them)."""
    return _COMBINING.sub("", unicodedata.normalize("NFD", text))


# ==================================================================================================
# Phrase syntax
#
# Phrases are matched case-insensitively; a run of spaces matches any whitespace; ``{a|b}`` is a
# (nestable) alternation; ``...`` is a gap of up to 40 characters inside the sentence; a ``*`` after
# a word lets it go on ("provid*"); a leading ``^`` anchors the phrase at the start of a sentence.


@dataclass(frozen=True)
class LiteralText:
    text: str


@dataclass(frozen=True)
class Group:
    options: tuple[tuple[LiteralText | Group, ...], ...]


Element = LiteralText | Group


@dataclass(frozen=True)
class ParsedPhrase:
    anchored: bool
    variants: list[list[Element]]  # leading alternations expanded: every variant opens with text


def _norm_phrase(text: str, fold_marks: bool = False) -> str:
    # Phrases keep '*' (their own syntax) and contain no markdown, so only quotes are unified there.
    out = unify(unicodedata.normalize("NFC", text), REPLACEMENTS).lower()
    return fold(out) if fold_marks else out


def _parse_sequence(body: str, i: int, depth: int, fold_marks: bool) -> tuple[list[Element], int]:
    """Elements from ``body[i:]`` up to an unmatched '|' or '}' (the returned index points at it)."""
    elements: list[Element] = []
    while i < len(body):
        ch = body[i]
        if ch == "{":
            options: list[tuple[Element, ...]] = []
            i += 1
            while True:
                option, i = _parse_sequence(body, i, depth + 1, fold_marks)
                options.append(tuple(option))
                if i >= len(body):
                    raise ValueError("'{' without a closing '}'")
                i += 1
                if body[i - 1] == "}":
                    break
            elements.append(Group(tuple(options)))
        elif ch in "|}":
            if depth == 0:
                raise ValueError(f"'{ch}' outside an alternation")
            return elements, i
        else:
            stop = i
            while stop < len(body) and body[stop] not in "{|}":
                stop += 1
            elements.append(LiteralText(_norm_phrase(body[i:stop], fold_marks)))
            i = stop
    return elements, i


def parse_phrase(phrase: str, fold_marks: bool = False) -> ParsedPhrase:
    """Parse a phrase; raises ValueError on bad syntax."""
    body = phrase.strip()
    anchored = body.startswith("^")
    if anchored:
        body = body[1:].lstrip()
    if "^" in body:
        raise ValueError("'^' is only allowed at the start of a phrase")
    if not any(ch.isalnum() for ch in body):
        raise ValueError("a phrase needs at least one letter or digit")
    elements, _ = _parse_sequence(body, 0, 0, fold_marks)
    # Expand leading alternations so that the combined trie branches on each phrase's first character.
    done: list[list[Element]] = []
    pending: list[list[Element]] = [elements]
    while pending:
        rest = pending.pop()
        if not rest:
            raise ValueError("an alternative leaves the phrase empty")
        head = rest[0]
        if isinstance(head, Group):
            pending.extend(list(option) + rest[1:] for option in reversed(head.options))
        elif not head.text.strip():
            pending.append(rest[1:])
        else:
            text = head.text.lstrip()
            if text.startswith(("*", "...")):
                raise ValueError("a phrase cannot start with '*' or '...'")
            done.append([LiteralText(text), *rest[1:]])
            if len(done) > 2000:
                raise ValueError("leading alternations expand to more than 2000 variants")
    return ParsedPhrase(anchored, done)


def opening_words(phrase: str, max_words: int = 2) -> list[str]:
    """How each variant of ``phrase`` opens: its leading literal text, up to ``max_words`` words.

    Leading alternations are expanded, so ``{i'm|i am} sorry`` opens with ``i'm`` and ``i am``. The
    text stops at a gap (``...``) or a stem (``*``); it is lower-cased like every parsed phrase.
    """
    out: dict[str, None] = {}
    for variant in parse_phrase(phrase).variants:
        head = variant[0]
        assert isinstance(head, LiteralText)
        text = re.split(r"\.\.\.|\*", head.text, maxsplit=1)[0]
        words = text.split()
        if words:
            out[" ".join(words[:max_words])] = None
    return list(out)
