"""Language codes accepted in suites: ISO 639-1, optionally with a BCP 47 script or region subtag."""

from __future__ import annotations

import re

__all__ = ["is_known_language", "primary_language"]

# ISO 639-1 two-letter codes (the 183 living assignments plus 'sh'); a typo such as 'eng' or 'jp'
# should fail validation rather than silently open a new language cell.
ISO_639_1 = frozenset(
    """
    aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da
    de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz
    ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln
    lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi
    pl ps pt qu rm rn ro ru rw sa sc sd se sg sh si sk sl sm sn so sq sr ss st su sv sw ta te tg th
    ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu
    """.split()
)

_TAG = re.compile(r"^(?P<lang>[a-z]{2})(?:-(?P<script>[A-Z][a-z]{3}))?(?:-(?P<region>[A-Z]{2}|[0-9]{3}))?$")


def is_known_language(code: str) -> bool:
    """``en``, ``zh-Hant``, ``pt-BR`` and ``es-419`` are known; ``eng``, ``jp`` and ``EN`` are not."""
    match = _TAG.fullmatch(code)
    return match is not None and match.group("lang") in ISO_639_1


def primary_language(code: str) -> str:
    """The ISO 639-1 part of a tag: ``pt-BR`` -> ``pt``."""
    return code.split("-", 1)[0]
