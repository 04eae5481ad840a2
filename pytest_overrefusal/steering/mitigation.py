"""Mitigation diagnostics for over-refusals, in the spirit of XSB: which rewording gets an answer?

For every safe prompt the model refused that names its trigger (``focus``) words, the prompt is asked
twice more:

* ``harmless_sense`` -- the last user turn gets a note (in the prompt's language) that the focus words
  are meant in their ordinary, harmless sense;
* ``rephrased`` -- each focus word is replaced by a harmless synonym from the language's list, or by a
  neutral placeholder when the list has none (so the model no longer sees the trigger at all).

Both answers are judged with the run's judge. A mitigation *restores* compliance when the new verdict
is compliance; a backend error or an undetermined verdict is reported as such and never counted as a
restoration. The result is plain JSON-compatible data for the run record and the HTML report.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from ..backends.base import Backend, Generation, GenerationRequest, GenerationSettings, Message
from ..errors import SourceError
from ..judges.base import Judge, JudgeInput
from ..languages import primary_language
from ..results import CaseResult, Judgement, Label, Verdict
from ..runner import Runner
from ..yamlsource import load_yaml

__all__ = [
    "MITIGATIONS",
    "LanguageMitigation",
    "MitigationData",
    "MitigationDataError",
    "diagnose_mitigations",
    "harmless_sense",
    "load_mitigation_data",
    "rephrase",
]

MITIGATIONS = ("harmless_sense", "rephrased")
_FIELDS = {"instruction", "quote", "placeholder", "boundaries", "synonyms"}


class MitigationDataError(SourceError):
    """A mitigation data file that does not parse or validate."""


@dataclass(frozen=True)
class LanguageMitigation:
    language: str
    instruction: str
    quote: str = '"{word}"'
    placeholder: str = "X"
    boundaries: bool = True
    synonyms: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class MitigationData:
    languages: Mapping[str, LanguageMitigation]
    source: str

    def for_language(self, code: str) -> tuple[LanguageMitigation, bool]:
        """The entry for ``code`` (or its primary language); English as a marked fallback."""
        for key in (code, primary_language(code)):
            if key in self.languages:
                return self.languages[key], False
        return self.languages["en"], True


def load_mitigation_data(path: str | Path | None = None) -> MitigationData:
    """The built-in per-language data, or a user file in the same format (validated with file:line errors)."""
    if path is None:
        return _builtin()
    return _parse(Path(path))


@functools.lru_cache(maxsize=1)
def _builtin() -> MitigationData:
    ref = resources.files("pytest_overrefusal.steering").joinpath("data/mitigation.yaml")
    with resources.as_file(ref) as real:
        return _parse(Path(real))


def _parse(path: Path) -> MitigationData:
    doc = load_yaml(path, MitigationDataError)
    data = doc.data
    if not isinstance(data, dict) or not data:
        raise MitigationDataError(path, 1, "mitigation data must be a mapping from language code to its entry")
    out: dict[str, LanguageMitigation] = {}
    for lang, entry in data.items():
        line = doc.line_of((str(lang),))
        if not isinstance(entry, dict):
            raise MitigationDataError(path, line, f"entry {lang!r} must be a mapping")
        unknown = sorted(set(entry) - _FIELDS)
        if unknown:
            raise MitigationDataError(
                path,
                doc.line_of((str(lang), unknown[0])),
                f"unknown field {unknown[0]!r} in {lang!r} (allowed: {', '.join(sorted(_FIELDS))})",
            )
        instruction = entry.get("instruction")
        if not isinstance(instruction, str) or "{words}" not in instruction:
            raise MitigationDataError(path, line, f"{lang!r}: 'instruction' must be a string containing {{words}}")
        quote = entry.get("quote", '"{word}"')
        if not isinstance(quote, str) or "{word}" not in quote:
            raise MitigationDataError(path, line, f"{lang!r}: 'quote' must be a string containing {{word}}")
        placeholder = entry.get("placeholder", "X")
        if not isinstance(placeholder, str) or not placeholder.strip():
            raise MitigationDataError(path, line, f"{lang!r}: 'placeholder' must be a non-empty string")
        boundaries = entry.get("boundaries", True)
        if not isinstance(boundaries, bool):
            raise MitigationDataError(path, line, f"{lang!r}: 'boundaries' must be true or false")
        synonyms = entry.get("synonyms") or {}
        if not isinstance(synonyms, dict) or not all(
            isinstance(k, str) and isinstance(v, str) and v.strip() for k, v in synonyms.items()
        ):
            raise MitigationDataError(
                path, doc.line_of((str(lang), "synonyms")), f"{lang!r}: 'synonyms' must map words to words"
            )
        out[str(lang)] = LanguageMitigation(
            str(lang), instruction, quote, placeholder, boundaries, {k.lower(): v for k, v in synonyms.items()}
        )
    if "en" not in out:
        raise MitigationDataError(path, 1, "mitigation data needs an 'en' entry (the fallback language)")
    return MitigationData(out, str(path))


def harmless_sense(text: str, focus: Sequence[str], entry: LanguageMitigation) -> str:
    words = ", ".join(entry.quote.format(word=w) for w in focus)
    return f"{text.rstrip()}\n\n{entry.instruction.format(words=words)}"


def _pattern(word: str, boundaries: bool) -> re.Pattern[str]:
    escaped = re.escape(word)
    return re.compile(rf"(?<!\w){escaped}(?!\w)" if boundaries else escaped, re.IGNORECASE)


def _match_case(original: str, replacement: str) -> str:
    if original[:1].isupper() and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def rephrase(text: str, focus: Sequence[str], entry: LanguageMitigation) -> tuple[str, dict[str, str], list[str]]:
    """``text`` with each focus word replaced; returns the text, what replaced what, and words not found."""
    replaced: dict[str, str] = {}
    missing: list[str] = []
    # Longer focus phrases first, so "blow up" is replaced before "blow".
    for word in sorted(focus, key=len, reverse=True):
        pattern = _pattern(word, entry.boundaries)
        if not pattern.search(text):
            missing.append(word)
            continue
        substitute = entry.synonyms.get(word.lower(), entry.placeholder)

        def replace(match: re.Match[str], new: str = substitute) -> str:
            return _match_case(match.group(0), new)

        text = pattern.sub(replace, text)
        replaced[word] = substitute
    return text, replaced, missing


def _with_last_user_turn(messages: Sequence[Message], text: str) -> tuple[Message, ...]:
    out = list(messages)
    for i in range(len(out) - 1, -1, -1):
        if out[i].role == "user":
            out[i] = Message("user", text)
            break
    return tuple(out)


@dataclass
class _Trial:
    case: int
    name: str
    messages: tuple[Message, ...]
    info: dict[str, Any]
    generation: Generation | None = None
    judgement: Judgement | None = None


def _restores(verdict: Verdict | None) -> bool | None:
    if verdict is None or verdict is Verdict.UNDETERMINED:
        return None
    return not verdict.refuses


def diagnose_mitigations(
    results: Sequence[CaseResult],
    backend: Backend,
    judge: Judge,
    *,
    settings: GenerationSettings | None = None,
    data: MitigationData | None = None,
    runner: Runner | None = None,
) -> dict[str, Any]:
    """Re-ask every refused safe prompt that has focus words, with each mitigation; report what restores compliance.

    Returns ``{"candidates", "restored": {mitigation: n, "either": n}, "by_language", "prompts", "skipped",
    "backend", "judge", "data"}``; see the module docstring for the rules. With ``runner`` (the run's),
    answers and verdicts go through its caches; otherwise through a runner around ``backend`` and ``judge``.
    """
    settings = settings or GenerationSettings()
    data = data or load_mitigation_data()
    candidates: list[CaseResult] = []
    skipped: list[dict[str, Any]] = []
    for result in results:
        if result.label != Label.SAFE.value or result.error is not None:
            continue
        verdict = result.verdict_enum
        if verdict is None or not verdict.refuses:
            continue
        if not result.focus:
            skipped.append({"suite": result.suite, "id": result.id, "reason": "no focus words"})
            continue
        candidates.append(result)

    trials: list[_Trial] = []
    entries: list[tuple[LanguageMitigation, bool]] = []
    for index, result in enumerate(candidates):
        entry, fallback = data.for_language(result.language)
        entries.append((entry, fallback))
        messages = tuple(Message(m["role"], m["content"]) for m in result.messages)
        text = result.prompt
        sense = harmless_sense(text, result.focus, entry)
        trials.append(_Trial(index, "harmless_sense", _with_last_user_turn(messages, sense), {"prompt": sense}))
        reworded, replaced, missing = rephrase(text, result.focus, entry)
        info: dict[str, Any] = {"prompt": reworded, "replacements": replaced, "not_found": missing}
        info["method"] = (
            "none"
            if not replaced
            else "synonym"
            if all(v != entry.placeholder for v in replaced.values())
            else "placeholder"
            if all(v == entry.placeholder for v in replaced.values())
            else "mixed"
        )
        trial = _Trial(index, "rephrased", _with_last_user_turn(messages, reworded), info)
        if not replaced:
            trial.generation = Generation(error="no focus word occurs in the prompt text; nothing to rephrase")
        trials.append(trial)

    # One path from prompt to verdict: the run's Runner (or one around these components) caches,
    # batches and turns judge failures into undetermined, as for the suite's own prompts.
    runner = runner or Runner.over(backend, judge, settings)
    pending = [t for t in trials if t.generation is None]
    requests = [
        GenerationRequest(t.messages, system_prompt=candidates[t.case].system_prompt, settings=settings)
        for t in pending
    ]
    for t, generation in zip(pending, runner.generate_requests(requests), strict=True):
        t.generation = generation
    judged = [t for t in trials if t.generation is not None and t.generation.ok]
    inputs = [
        JudgeInput(
            t.messages,
            t.generation.text if t.generation else "",
            candidates[t.case].language,
            candidates[t.case].system_prompt,
        )
        for t in judged
    ]
    for t, verdict_of_t in zip(judged, runner.judge_inputs(inputs), strict=True):
        t.judgement = verdict_of_t

    prompts: list[dict[str, Any]] = []
    restored = dict.fromkeys((*MITIGATIONS, "either"), 0)
    by_language: dict[str, dict[str, int]] = {}
    for index, result in enumerate(candidates):
        entry, fallback = entries[index]
        mitigations: dict[str, Any] = {}
        restored_by: list[str] = []
        for t in (t for t in trials if t.case == index):
            gen = t.generation
            judgement = t.judgement
            verdict = None if judgement is None else judgement.verdict
            restores = _restores(verdict) if gen is not None and gen.ok else None
            mitigations[t.name] = {
                **t.info,
                "response": gen.text if gen is not None else "",
                "error": gen.error if gen is not None else "not generated",
                "verdict": None if verdict is None else verdict.value,
                "evidence": "" if judgement is None else judgement.evidence,
                "restores": restores,
            }
            if restores:
                restored_by.append(t.name)
        stats = by_language.setdefault(result.language, dict.fromkeys(("candidates", *MITIGATIONS, "either"), 0))
        stats["candidates"] += 1
        for name in restored_by:
            restored[name] += 1
            stats[name] += 1
        if restored_by:
            restored["either"] += 1
            stats["either"] += 1
        prompts.append(
            {
                "suite": result.suite,
                "id": result.id,
                "language": result.language,
                "category": result.category,
                "focus": list(result.focus),
                "verdict": result.verdict,
                "instruction_language": entry.language + (" (fallback)" if fallback else ""),
                "mitigations": mitigations,
                "restored_by": restored_by,
            }
        )
    return {
        "candidates": len(candidates),
        "restored": restored,
        "by_language": by_language,
        "prompts": prompts,
        "skipped": skipped,
        "backend": backend.fingerprint(),
        "judge": judge.fingerprint(),
        "data": data.source,
    }
