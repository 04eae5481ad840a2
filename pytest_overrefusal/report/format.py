"""Formatting shared by the report's page and its sections: jinja2 environment and filters, escaping helpers.

Prompts, responses, evidence and ids come from suites and from model output, so all of them are
treated as untrusted: templates autoescape, focus words are wrapped in ``<mark>`` only around
already-escaped segments, and JSON for the page's script is written with ``<``, ``>`` and ``&`` as
``\\u003c`` escapes. A section provider renders its own template through ``render_template``; a
template named ``package:name`` is read from ``package``'s ``templates/`` folder, so a plugin's
section template lives with the plugin.
"""

from __future__ import annotations

import functools
import itertools
import json
import re
from collections.abc import Iterable, Mapping
from html import escape as html_escape
from importlib import resources
from typing import Any

from markupsafe import Markup, escape

from ..scopes import ALL, display

__all__ = [
    "EXCERPT_CHARS",
    "colour",
    "embed_json",
    "excerpt",
    "gradient",
    "highlight",
    "pct",
    "render_template",
    "template_text",
]

EXCERPT_CHARS = 320
# A sequential scale (pale green through yellow and orange to dark red) keyed by rate.
_STOPS: tuple[tuple[float, tuple[int, int, int]], ...] = (
    (0.0, (237, 248, 233)),
    (0.05, (255, 245, 190)),
    (0.15, (254, 217, 118)),
    (0.30, (253, 141, 60)),
    (0.55, (227, 26, 28)),
    (1.0, (128, 0, 38)),
)


def template_text(name: str) -> str:
    """A template by name: ``report.html.j2`` from this package, ``some.package:name`` from that package."""
    package, _, base = name.rpartition(":")
    return (
        resources.files(package or "pytest_overrefusal.report")
        .joinpath("templates")
        .joinpath(base)
        .read_text(encoding="utf-8")
    )


@functools.lru_cache(maxsize=1)
def _environment() -> Any:
    import jinja2  # only when a report is rendered: the pytest plugin loads this module at start-up

    env = jinja2.Environment(
        loader=jinja2.FunctionLoader(template_text),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["pct"] = pct
    env.filters["interval"] = _interval
    env.filters["scope"] = display
    env.filters["filter_value"] = _filter_value
    env.filters["wbr"] = _wbr
    env.filters["fixed"] = _fixed
    return env


def render_template(name: str, context: Mapping[str, Any]) -> Markup:
    """Render a template (see ``template_text`` for names) with the report's filters and macros."""
    return Markup(_environment().get_template(name).render(context))


def pct(value: float | None, digits: int = 1) -> str:
    return "–" if value is None else f"{value * 100:.{digits}f}%"


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    """The start of a long response, cut at a space where one is near, so rows stay a readable height."""
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", limit - 40, limit)
    return text[: cut if cut > 0 else limit].rstrip() + " …"


def _fixed(value: float | None, digits: int = 3, signed: bool = False) -> str:
    if value is None:
        return "–"
    return f"{value:+.{digits}f}" if signed else f"{value:.{digits}f}"


def _interval(cell: Mapping[str, Any]) -> str:
    low, high = cell.get("low"), cell.get("high")
    if low is None or high is None:
        return "–"
    return f"{low * 100:.1f}–{high * 100:.1f}%"


def _filter_value(value: str) -> str:
    """A scope coordinate as the page's filter script matches it: the wildcard matches every filter."""
    return "" if value == ALL else value


def _wbr(value: str) -> Markup:
    """Escaped text that may wrap after underscores and slashes (long category names in narrow headers)."""
    return escape(value).replace("_", Markup("_<wbr>")).replace("/", Markup("/<wbr>"))


def embed_json(data: Any) -> Markup:
    """JSON that is safe inside a ``<script>`` element: no ``</script>``, comment or entity can form."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return Markup(text)


def _continuous_script(ch: str) -> bool:
    """Scripts written without spaces between words, where a focus word may sit inside a longer run."""
    code = ord(ch)
    return code >= 0x2E80 or 0x0E00 <= code <= 0x0EFF or 0x1000 <= code <= 0x109F or 0x1780 <= code <= 0x17FF


def highlight(text: str, focus: Iterable[str], *, whole_words: bool = False, css_class: str = "") -> Markup:
    """``text`` escaped, with each occurrence of a focus word (case-insensitive) wrapped in ``<mark>``.

    A match must start a word (``kill`` marks "killing" but not "skill"), except in scripts written
    without spaces, where words have no visible start. With ``whole_words`` it must also end one, so a
    placeholder such as ``X`` does not mark the start of "Xbox".
    """
    words = sorted({w for w in focus if w.strip()}, key=len, reverse=True)
    if not words or not text:
        return escape(text)
    pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)
    opening = f'<mark class="{html_escape(css_class)}">' if css_class else "<mark>"
    # Plain strings escaped with the stdlib and wrapped once: a Markup per segment costs more than the matching.
    parts: list[str] = []
    pos = 0
    for match in pattern.finditer(text):
        start, end = match.start(), match.end()
        inside_word = start > 0 and text[start - 1].isalnum() and match.group()[0].isalnum()
        if inside_word and not _continuous_script(text[start]):
            continue
        runs_on = end < len(text) and text[end].isalnum() and match.group()[-1].isalnum()
        if whole_words and runs_on and not _continuous_script(text[end - 1]):
            continue
        parts.append(html_escape(text[pos:start]))
        parts.append(f"{opening}{html_escape(match.group())}</mark>")
        pos = end
    parts.append(html_escape(text[pos:]))
    return Markup("".join(parts))


def colour(rate: float) -> tuple[str, str]:
    """Background and text colour for a rate."""
    rate = min(1.0, max(0.0, rate))
    for (x0, c0), (x1, c1) in itertools.pairwise(_STOPS):
        if rate <= x1:
            t = 0.0 if x1 == x0 else (rate - x0) / (x1 - x0)
            rgb = tuple(round(a + (b - a) * t) for a, b in zip(c0, c1, strict=True))
            break
    else:
        rgb = _STOPS[-1][1]
    luminance = 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2]
    return f"rgb({rgb[0]},{rgb[1]},{rgb[2]})", ("#111" if luminance > 140 else "#fff")


def gradient() -> str:
    return ", ".join(f"rgb({c[0]},{c[1]},{c[2]}) {x * 100:g}%" for x, c in _STOPS)
