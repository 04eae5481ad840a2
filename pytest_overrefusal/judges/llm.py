"""``llm:BACKEND_SPEC``: any model backend acting as a judge, with XSTest's three classes as the rubric.

The judge model is built like the model under test, from a backend spec: ``llm:openai:http://host/v1``,
``llm:llamacpp`` (the embedded model), ``llm:llamacpp:judge.gguf``, ``llm:hf:DIR``. Options with a
``backend.`` prefix go to that backend (``backend.model=gpt-4o-mini``); the judge's own options are
``max_new_tokens``, ``max_chars`` and ``rubric`` (a preset, ``xstest`` or ``wildguard``, or a YAML
file; see rubric.py).

Each call to ``judge`` is one ``backend.generate`` call for the whole batch, at temperature 0 with a
small token budget. A backend error for one response, or an answer that names no class, becomes
``undetermined`` with the reason and the raw answer as evidence: never a compliance. Verdicts are
cacheable (``cacheable = True``), keyed by a fingerprint that covers the backend, the rubric and the
decoding settings.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..backends.base import Backend, Generation, GenerationRequest, GenerationSettings, Message
from ..errors import ConfigError, JudgeError
from ..registry import BACKEND_GROUP, build, parse_spec
from ..results import Judgement, Verdict
from .base import JudgeInput
from .rubric import DEFAULT_RUBRIC, Rubric, rubric_by_name

__all__ = ["BACKEND_PREFIX", "LLMJudge", "create", "split_backend_options"]

BACKEND_PREFIX = "backend."
_OPTIONS = ("max_new_tokens", "max_chars", "rubric")
_TRUNCATED = "\n[... truncated]"
# Prompts and responses are cut to keep the rubric within small judges' contexts; refusals and
# their reasons come first, so the opening carries the verdict.
_DEFAULT_MAX_CHARS = 2000
_DEFAULT_MAX_NEW_TOKENS = 16
# The rubric, a clipped prompt and a clipped response need more than llama.cpp's default 1024 tokens
# per sequence; fewer sequences at a time keep the KV cache of a 7B-class judge within a few GB.
_LLAMACPP_DEFAULTS = {"n_ctx": "2048", "parallel": "8"}


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit].rstrip() + _TRUNCATED


def _quote(text: str, limit: int = 120) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 3] + "..."


class LLMJudge:
    """Asks a backend to classify each response with a rubric; parses its answer into a verdict."""

    name = "llm"
    cacheable = True

    def __init__(
        self,
        backend: Backend,
        *,
        rubric: Rubric = DEFAULT_RUBRIC,
        max_new_tokens: int = _DEFAULT_MAX_NEW_TOKENS,
        max_chars: int = _DEFAULT_MAX_CHARS,
    ) -> None:
        if max_new_tokens < 1:
            raise ConfigError("llm judge: 'max_new_tokens' must be at least 1")
        if max_chars < 100:
            raise ConfigError("llm judge: 'max_chars' must be at least 100")
        self.backend = backend
        self.rubric = rubric
        self.max_chars = max_chars
        self.settings = GenerationSettings(max_new_tokens=max_new_tokens, temperature=0.0, seed=0)
        self.batch_size = max(1, int(getattr(backend, "batch_size", 64)))
        self._fingerprint: str | None = None

    def fingerprint(self) -> str:
        if self._fingerprint is None:
            self._fingerprint = (
                f"llm:{self.backend.fingerprint()}|rubric={self.rubric.digest[:16]}"
                f"|max_new_tokens={self.settings.max_new_tokens}|max_chars={self.max_chars}"
            )
        return self._fingerprint

    def request(self, item: JudgeInput) -> GenerationRequest:
        """The conversation the judge model answers for one response."""
        text = self.rubric.render(_clip(item.prompt, self.max_chars), _clip(item.response, self.max_chars))
        return GenerationRequest((Message("user", text),), self.rubric.system, self.settings)

    def settled(self, item: JudgeInput) -> bool:
        """Never: the judge model reads the whole response, so every token may matter (no early stopping)."""
        return False

    def judge(self, inputs: Sequence[JudgeInput]) -> list[Judgement]:
        out: list[Judgement | None] = [None] * len(inputs)
        asked: list[int] = []
        for i, item in enumerate(inputs):
            if not item.response.strip():
                out[i] = Judgement(Verdict.UNDETERMINED, "empty response")
            else:
                asked.append(i)
        if asked:
            answers = self.backend.generate([self.request(inputs[i]) for i in asked])
            if len(answers) != len(asked):
                raise JudgeError(
                    f"llm judge: backend {self.backend.name!r} returned {len(answers)} answers "
                    f"for {len(asked)} requests"
                )
            for i, answer in zip(asked, answers, strict=True):
                out[i] = self._verdict(answer, self.rubric)
        return [j if j is not None else Judgement(Verdict.UNDETERMINED, "not judged") for j in out]

    @staticmethod
    def _verdict(answer: Generation, rubric: Rubric = DEFAULT_RUBRIC) -> Judgement:
        if answer.error is not None:
            return Judgement(Verdict.UNDETERMINED, f"llm judge backend error: {_quote(answer.error, 200)}")
        verdict = rubric.parse(answer.text)
        if verdict is None:
            return Judgement(Verdict.UNDETERMINED, f'llm judge answer did not parse: "{_quote(answer.text)}"')
        return Judgement(verdict, f'llm judge answered "{_quote(answer.text)}"')

    def close(self) -> None:
        self.backend.close()


def _int_option(options: Mapping[str, str], key: str, default: int) -> int:
    raw = options.get(key)
    if raw is None:
        return default
    try:
        return int(raw)
    except ValueError:
        raise ConfigError(f"llm judge: option {key!r} must be an integer, got {raw!r}") from None


def split_backend_options(
    component: str, options: Mapping[str, str], own: Sequence[str]
) -> tuple[dict[str, str], dict[str, str]]:
    """(the judge's own options, the ``backend.``-prefixed ones without the prefix); unknown keys are errors."""
    mine: dict[str, str] = {}
    passed: dict[str, str] = {}
    for key, value in options.items():
        if key.startswith(BACKEND_PREFIX) and len(key) > len(BACKEND_PREFIX):
            passed[key[len(BACKEND_PREFIX) :]] = value
        elif key in own:
            mine[key] = value
        else:
            allowed = ", ".join([*own, BACKEND_PREFIX + "KEY"])
            raise ConfigError(f"{component}: unknown option {key!r} (allowed: {allowed})")
    return mine, passed


def create(arg: str | None, options: Mapping[str, str]) -> LLMJudge:
    """``llm:BACKEND_SPEC`` with options ``max_new_tokens``, ``max_chars``, ``rubric`` and ``backend.KEY``."""
    if not arg:
        raise ConfigError(
            "the llm judge needs a backend spec: llm:openai:URL, llm:llamacpp[:MODEL.gguf] or llm:hf:DIR "
            "(options for that backend: --overrefusal-judge-option backend.KEY=VALUE)"
        )
    mine, passed = split_backend_options("llm judge", options, _OPTIONS)
    spec = parse_spec(arg)
    if spec.name in ("llm", "logprob"):
        raise ConfigError(f"llm judge: {arg!r} is a judge, not a model backend")
    rubric = rubric_by_name(mine["rubric"]) if mine.get("rubric") else DEFAULT_RUBRIC
    if spec.name == "llamacpp":
        for key, value in _LLAMACPP_DEFAULTS.items():
            passed.setdefault(key, value)
    backend: Any = build(BACKEND_GROUP, spec, passed)
    if not isinstance(backend, Backend):
        raise ConfigError(f"llm judge: {arg!r} did not build a model backend")
    return LLMJudge(
        backend,
        rubric=rubric,
        max_new_tokens=_int_option(mine, "max_new_tokens", _DEFAULT_MAX_NEW_TOKENS),
        max_chars=_int_option(mine, "max_chars", _DEFAULT_MAX_CHARS),
    )
