"""``scripted:rules.yaml``: a deterministic backend for tests, examples and demos.

The rules file::

    default: "Sure. Here is how ..."        # response when no rule matches (required)
    rules:
      - match: "(?i)\\bkill\\b"               # regex searched in the last user turn
        response: "I'm sorry, but I can't help with that."
      - match: "outage"
        error: "HTTP 503 from upstream"      # simulate a backend failure for this prompt
      - match: "(?i)\\bshoot\\b"
        response: "I can't help with that."
        probability: 0.4                     # sampled answers: this rule fires in 40% of samples

Rules are tried in order; the first match wins. ``error`` rules produce a per-prompt backend error,
which the plugin reports as an item error (never as a compliance).

A rule with ``probability`` answers like a sampling model: with ``temperature > 0`` it fires when a
uniform draw, seeded by the request's seed, sample index and prompt, falls below the probability (so
each sample is reproducible and cached like any answer), and otherwise the next rules are tried; with
``temperature = 0`` it fires when its probability is at least one half (the greedy, most likely answer).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import ConfigError, SourceError
from ..yamlsource import load_yaml
from ._early_stop import check_for, should_stop
from .base import Generation, GenerationRequest, StopCheck

__all__ = ["OPTIONS", "ScriptedBackend", "create", "validate"]

OPTIONS = ("batch_size",)


class RulesError(SourceError):
    """A scripted rules file that does not parse or validate."""


@dataclass(frozen=True)
class Rule:
    pattern: re.Pattern[str]
    response: str | None
    error: str | None
    probability: float | None = None

    def fires(self, request: GenerationRequest) -> bool:
        if self.probability is None:
            return True
        if request.settings.temperature <= 0:
            return self.probability >= 0.5
        seed = f"{request.settings.seed}\x1f{request.sample}\x1f{self.pattern.pattern}\x1f{request.last_user_turn}"
        draw = int.from_bytes(hashlib.sha256(seed.encode()).digest()[:8], "big") / 2**64
        return draw < self.probability


class ScriptedBackend:
    name = "scripted"
    can_sample = True  # rules with a probability answer differently per seed (see the module docstring)
    # Early stopping: an answer is "generated" a word at a time (a word and the spaces after it is a
    # token here) and cut where the runner's judge says its verdict is settled, like a real decoder.
    stops_early = True

    def __init__(self, rules: Sequence[Rule], default: str, source: str, *, batch_size: int = 64) -> None:
        self.rules = tuple(rules)
        self.default = default
        self.source = source
        self.batch_size = batch_size
        self.calls = 0  # how many requests reached generate(): lets tests prove caching works

    @classmethod
    def from_file(cls, path: str | Path) -> ScriptedBackend:
        doc = load_yaml(path, RulesError)
        data = doc.data
        if not isinstance(data, dict):
            raise RulesError(doc.path, 1, "a scripted rules file must be a mapping with 'default' and 'rules'")
        unknown = sorted(set(data) - {"default", "rules"}, key=str)
        if unknown:
            raise RulesError(
                doc.path, doc.line_of((str(unknown[0]),)), f"unknown field {unknown[0]!r} (allowed: default, rules)"
            )
        default = data.get("default")
        if not isinstance(default, str):
            raise RulesError(doc.path, doc.line_of(("default",)), "'default' must be a string response")
        rules: list[Rule] = []
        raw_rules = data.get("rules", [])
        if not isinstance(raw_rules, list):
            raise RulesError(doc.path, doc.line_of(("rules",)), "'rules' must be a list")
        for i, raw in enumerate(raw_rules):
            line = doc.line_of(("rules", i))
            if not isinstance(raw, dict) or not isinstance(raw.get("match"), str):
                raise RulesError(doc.path, line, "each rule needs a 'match' regex string")
            extra = sorted(set(raw) - {"match", "response", "error", "probability"}, key=str)
            if extra:
                raise RulesError(
                    doc.path,
                    doc.line_of(("rules", i, str(extra[0]))),
                    f"unknown field {extra[0]!r} in rule (allowed: match, response, error, probability)",
                )
            probability = raw.get("probability")
            if probability is not None and (
                isinstance(probability, bool) or not isinstance(probability, (int, float)) or not 0 <= probability <= 1
            ):
                raise RulesError(
                    doc.path, doc.line_of(("rules", i, "probability")), "'probability' must be a number from 0 to 1"
                )
            if ("response" in raw) == ("error" in raw):
                raise RulesError(doc.path, line, "each rule needs exactly one of 'response' or 'error'")
            for key in ("response", "error"):
                if key in raw and not isinstance(raw[key], str):
                    raise RulesError(
                        doc.path,
                        doc.line_of(("rules", i, key)),
                        f"'{key}' must be a string, got {type(raw[key]).__name__} (quote it)",
                    )
            try:
                pattern = re.compile(raw["match"])
            except re.error as exc:
                raise RulesError(
                    doc.path, doc.line_of(("rules", i, "match")), f"invalid regex {raw['match']!r}: {exc}"
                ) from None
            rules.append(
                Rule(
                    pattern, raw.get("response"), raw.get("error"), None if probability is None else float(probability)
                )
            )
        digest = hashlib.sha256(doc.path.read_bytes()).hexdigest()[:16]
        return cls(rules, default, f"{doc.path.name}@{digest}")

    def fingerprint(self) -> str:
        return f"scripted:{self.source}"

    def _one(self, request: GenerationRequest) -> Generation:
        text = request.last_user_turn
        for rule in self.rules:
            if rule.pattern.search(text) and rule.fires(request):
                if rule.error is not None:
                    return Generation(error=rule.error)
                return Generation(text=rule.response or "", tokens=len((rule.response or "").split()), finish="stop")
        return Generation(text=self.default, tokens=len(self.default.split()), finish="stop")

    def generate(
        self,
        requests: Sequence[GenerationRequest],
        *,
        settled: Sequence[StopCheck | None] | None = None,
    ) -> list[Generation]:
        self.calls += len(requests)
        out = [self._one(r) for r in requests]
        return [_stop_early(g, check_for(settled, i)) for i, g in enumerate(out)]

    def close(self) -> None:
        return None


_WORD = re.compile(r"\s*\S+\s*")


def _stop_early(generation: Generation, check: StopCheck | None) -> Generation:
    """The answer cut at the first word where ``check`` says it is settled (checked as a decoder would)."""
    if check is None or not generation.ok:
        return generation
    text = generation.text
    for produced, match in enumerate(_WORD.finditer(text), start=1):
        end = match.end()
        if end < len(text) and should_stop(check, text[:end].encode(), produced):
            return Generation(text=text[:end], tokens=produced, finish="settled")
    return generation


def _batch_size(options: Mapping[str, str]) -> int:
    from ._options import OptionReader

    return OptionReader("scripted backend", options, OPTIONS).integer("batch_size", 64, minimum=1)


def _rules_path(arg: str | None) -> Path:
    if not arg:
        raise ConfigError("the scripted backend needs a rules file: --overrefusal-model=scripted:rules.yaml")
    path = Path(arg)
    if path.is_dir():
        raise ConfigError(f"scripted backend: rules file {arg!r} is a directory")
    if not path.is_file():
        raise ConfigError(f"scripted backend: rules file {arg!r} not found")
    return path


def validate(arg: str | None, options: Mapping[str, str]) -> None:
    """Check the spec and options without building anything (the plugin calls this before a run)."""
    _batch_size(options)
    ScriptedBackend.from_file(_rules_path(arg))


def create(arg: str | None, options: Mapping[str, str]) -> ScriptedBackend:
    batch_size = _batch_size(options)
    backend = ScriptedBackend.from_file(_rules_path(arg))
    backend.batch_size = batch_size
    return backend
