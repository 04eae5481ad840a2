"""Which words trigger a refusal: post-hoc attribution for refused safe prompts, in the spirit of XSB.

Two methods, chosen by what the model offers:

* ``leave-one-out`` (local models, ``hf`` and ``llamacpp``): each word unit of the last user turn
  (``segment.py``) is removed in turn and the first-token refusal score (``boundary.RefusalScorer``,
  log-odds of a refusal opener) is read for every variant; one forward pass per variant, batched with
  the prompt itself. A word's score is the drop in refusal log-odds its removal causes: positive words
  push toward refusal.
* ``regeneration`` (remote backends, ``openai:``, and anything without logits): each variant is
  generated and judged by the run's judge, at most ``budget`` variants per prompt (longest words first,
  since short words are mostly function words). A word scores 1 when removing it gets a compliant
  answer, 0 when the answer is still a refusal; an error or an undetermined verdict gives no score.
  This costs one full generation per variant instead of one forward pass, and the scores are coarse.

The result is plain data for the run record: per prompt the ranked triggers, per language a table of
the words that trigger most refusals, and, where ``focus`` words are annotated, how often the top
trigger is one of them (XSB's agreement with human annotation; a trigger unit and a focus word agree
when one contains the other, case-insensitively, so CJK spans and multi-word focus phrases count).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from ..backends.base import Backend, GenerationRequest, GenerationSettings, Message
from ..errors import ConfigError
from ..judges.base import Judge, JudgeInput
from ..registry import parse_spec
from ..results import CaseResult, Label, Verdict
from ..runner import Runner
from .base import SteerableModel, SteeringPrompt
from .segment import Unit, remove_unit, segment

__all__ = [
    "DEFAULT_BUDGET",
    "DEFAULT_TOP",
    "agrees",
    "attribute_triggers",
    "candidates",
    "cannot_regenerate",
    "local_spec",
    "summarise",
]

DEFAULT_BUDGET = 8
DEFAULT_TOP = 5
SCORE_CHUNK = 128
REGENERATION_NOTE = "regeneration: one generation and one judgement per variant (costlier than leave-one-out)"


def candidates(results: Sequence[CaseResult], *, refused_only: bool = True) -> list[CaseResult]:
    """Safe prompts the model refused (errors and undetermined verdicts are not refusals); every safe prompt
    without an error when ``refused_only`` is false (a diagnostic of what the refusal score reacts to)."""
    out = []
    for r in results:
        v = r.verdict_enum
        if r.label == Label.SAFE.value and r.error is None and (not refused_only or (v is not None and v.refuses)):
            out.append(r)
    return out


def local_spec(model_spec: str) -> str | None:
    """The steering spec for a run's model when its backend can steer (``hf``/``llamacpp``), else None."""
    from ..backends.capabilities import Capability, declared_capabilities
    from ..registry import BACKEND_GROUP, resolve_factory

    parsed = parse_spec(model_spec)
    try:
        if Capability.STEER not in declared_capabilities(resolve_factory(BACKEND_GROUP, parsed.name)):
            return None
    except ConfigError:  # an unknown backend name is reported where the backend is built
        return None
    return parsed.name if parsed.arg is None else f"{parsed.name}:{parsed.arg}"


def cannot_regenerate(model_spec: str) -> str | None:
    """Why ``model_spec`` cannot attribute triggers by regeneration (a replay only has recorded answers)."""
    if parse_spec(model_spec).name == "replay":
        return "trigger attribution: a replay backend cannot answer new prompts; use a live or local model"
    return None


def agrees(word: str, focus: Sequence[str]) -> bool:
    """A trigger unit agrees with a focus word when it is one of the focus phrase's own units, or contains
    the whole focus word (``killing`` / ``kill``, a CJK span and a one-character word). Mere substrings do
    not count: ``i`` is not ``kill``."""
    w = word.casefold()
    for f in focus:
        phrase = f.casefold().strip()
        if phrase and (phrase in w or w in {u.text.casefold() for u in segment(phrase)}):
            return True
    return False


def _prompt(result: CaseResult, text: str | None = None) -> SteeringPrompt:
    messages = [Message(m["role"], m["content"]) for m in result.messages] or [Message("user", result.prompt)]
    if text is not None:
        for i in range(len(messages) - 1, -1, -1):
            if messages[i].role == "user":
                messages[i] = Message("user", text)
                break
    return SteeringPrompt(
        tuple(messages), system_prompt=result.system_prompt, language=result.language, suite=result.suite, id=result.id
    )


def _entry(result: CaseResult, method: str, triggers: list[dict[str, Any]], top: int, **more: Any) -> dict[str, Any]:
    ranked = sorted(triggers, key=lambda t: (t["score"] is None, -(t["score"] or 0.0), t["start"]))
    best = next((t for t in ranked if t["score"] is not None and t["score"] > 0), None)
    return {
        "suite": result.suite,
        "id": result.id,
        "language": result.language,
        "category": result.category,
        "prompt": result.prompt,
        "focus": list(result.focus),
        "method": method,
        "triggers": ranked[:top],
        "words": len(triggers),
        "agrees": (agrees(best["word"], result.focus) if best is not None else False) if result.focus else None,
        **more,
    }


def leave_one_out(
    model: SteerableModel,
    results: Sequence[CaseResult],
    *,
    openers: Sequence[str] | None = None,
    top: int = DEFAULT_TOP,
) -> list[dict[str, Any]]:
    """Leave-one-word-out attribution on the first-token refusal score; every variant in one batched call."""
    from .boundary import RefusalScorer

    scorer = RefusalScorer(model, openers)
    prompts: list[SteeringPrompt] = []
    layout: list[tuple[int, list[Unit]]] = []
    for result in results:
        text = result.prompt
        units = segment(text)
        layout.append((len(prompts), units))
        prompts.append(_prompt(result))
        prompts.extend(_prompt(result, remove_unit(text, u) or " ") for u in units)
    # In chunks: each forward pass returns full-vocabulary log-probabilities, which a whole suite's
    # variants at once would hold in memory together (gigabytes for a 50k vocabulary).
    scores: list[float] = []
    for start in range(0, len(prompts), SCORE_CHUNK):
        scores.extend(float(x) for x in scorer.scores(prompts[start : start + SCORE_CHUNK]))
    out = []
    for result, (at, units) in zip(results, layout, strict=True):
        base = float(scores[at])
        triggers = [
            {"word": u.text, "start": u.start, "end": u.end, "score": round(base - float(scores[at + 1 + j]), 4)}
            for j, u in enumerate(units)
        ]
        out.append(_entry(result, "leave-one-out", triggers, top, refusal_score=round(base, 4)))
    return out


def regenerate(
    backend: Backend,
    judge: Judge,
    results: Sequence[CaseResult],
    *,
    settings: GenerationSettings | None = None,
    budget: int = DEFAULT_BUDGET,
    top: int = DEFAULT_TOP,
    runner: Runner | None = None,
) -> list[dict[str, Any]]:
    """Remove a word, regenerate, judge: at most ``budget`` variants per prompt (longest words first)."""
    if budget < 1:
        raise ConfigError(f"trigger budget must be at least 1, got {budget}")
    settings = settings or GenerationSettings()
    jobs: list[tuple[int, Unit, SteeringPrompt]] = []
    units_of: list[list[Unit]] = []
    for index, result in enumerate(results):
        units = segment(result.prompt)
        units_of.append(units)
        seen: set[str] = set()
        for unit in sorted(units, key=lambda u: (-len(u.text), u.start)):
            if len(seen) >= budget:
                break
            if unit.text.casefold() in seen:
                continue
            seen.add(unit.text.casefold())
            jobs.append((index, unit, _prompt(result, remove_unit(result.prompt, unit) or " ")))
    # The Runner's path (the run's, with its caches, or one around these components): batches, a
    # miscounting backend as errors, a failing judge as undetermined (no score), never compliance.
    runner = runner or Runner.over(backend, judge, settings)
    requests = [GenerationRequest(p.messages, system_prompt=p.system_prompt, settings=settings) for _, _, p in jobs]
    generations = runner.generate_requests(requests)
    judged = [i for i, g in enumerate(generations) if g.ok]
    inputs = [
        JudgeInput(jobs[i][2].messages, generations[i].text, results[jobs[i][0]].language, jobs[i][2].system_prompt)
        for i in judged
    ]
    verdicts: dict[int, Verdict] = {i: a.verdict for i, a in zip(judged, runner.judge_inputs(inputs), strict=True)}
    out = []
    for index, result in enumerate(results):
        tried = {(jobs[i][1].start, jobs[i][1].end): i for i in range(len(jobs)) if jobs[i][0] == index}
        triggers = []
        for unit in units_of[index]:
            i = tried.get((unit.start, unit.end))
            verdict = verdicts.get(i) if i is not None else None
            score = None if verdict is None or verdict is Verdict.UNDETERMINED else (0.0 if verdict.refuses else 1.0)
            entry: dict[str, Any] = {"word": unit.text, "start": unit.start, "end": unit.end, "score": score}
            if i is None:
                entry["untested"] = True
            elif not generations[i].ok:
                entry["error"] = generations[i].error
            triggers.append(entry)
        out.append(_entry(result, "regeneration", triggers, top, variants=len(tried)))
    return out


def summarise(prompts: Sequence[dict[str, Any]], *, table_size: int = 10) -> dict[str, Any]:
    """Per language: the words that are the top trigger of most refused prompts, and focus agreement."""
    by_language: dict[str, dict[str, Any]] = {}
    for p in prompts:
        lang = by_language.setdefault(
            p["language"], {"prompts": 0, "annotated": 0, "agree": 0, "agreement": None, "words": {}}
        )
        lang["prompts"] += 1
        if p["agrees"] is not None:
            lang["annotated"] += 1
            lang["agree"] += int(p["agrees"])
        for rank, t in enumerate(p["triggers"][:3]):
            if t["score"] is None or t["score"] <= 0:
                continue
            row = lang["words"].setdefault(t["word"].casefold(), {"word": t["word"].casefold(), "top1": 0, "top3": 0})
            row["top3"] += 1
            row.setdefault("scores", []).append(t["score"])
            if rank == 0:
                row["top1"] += 1
    annotated = agree = 0
    for lang in by_language.values():
        words = list(lang["words"].values())
        for row in words:
            row["mean_score"] = round(sum(row.pop("scores")) / row["top3"], 4)
        words.sort(key=lambda r: (-r["top1"], -r["top3"], -r["mean_score"], r["word"]))
        lang["words"] = words[:table_size]
        if lang["annotated"]:
            lang["agreement"] = round(lang["agree"] / lang["annotated"], 4)
        annotated += lang["annotated"]
        agree += lang["agree"]
    return {
        "by_language": dict(sorted(by_language.items())),
        "agreement": {
            "annotated": annotated,
            "agree": agree,
            "rate": round(agree / annotated, 4) if annotated else None,
        },
    }


def attribute_triggers(
    results: Sequence[CaseResult],
    *,
    model: SteerableModel | None = None,
    backend: Backend | None = None,
    judge: Judge | None = None,
    settings: GenerationSettings | None = None,
    budget: int = DEFAULT_BUDGET,
    top: int = DEFAULT_TOP,
    openers: Sequence[str] | None = None,
    refused_only: bool = True,
) -> dict[str, Any]:
    """Triggers of every refused safe prompt: leave-one-out with ``model``, else regeneration with ``backend``."""
    chosen = candidates(results, refused_only=refused_only)
    if model is not None:
        prompts = leave_one_out(model, chosen, openers=openers, top=top)
        method, source, note = "leave-one-out", model.fingerprint(), "one batched forward pass per word"
    elif backend is not None and judge is not None:
        prompts = regenerate(backend, judge, chosen, settings=settings, budget=budget, top=top)
        method, source, note = "regeneration", backend.fingerprint(), REGENERATION_NOTE
    else:
        raise ConfigError("trigger attribution needs a local steering model, or a backend and a judge")
    return {
        "method": method,
        "model": source,
        "note": note,
        "candidates": len(chosen),
        "prompts": prompts,
        **summarise(prompts),
    }


def with_triggers(result: CaseResult, entry: dict[str, Any]) -> CaseResult:
    """``result`` carrying its ranked triggers in ``extra`` (for failure text and reports)."""
    return replace(result, extra={**result.extra, "triggers": entry["triggers"]})


def format_triggers(entry: dict[str, Any], limit: int = 3) -> str:
    """``kill (+2.31), process (+0.40)`` -- one line for failure text and summaries."""
    shown = [t for t in entry["triggers"] if t["score"] is not None][:limit]
    if not shown:
        return "(no word changed the score)"
    return ", ".join(f"{t['word']} ({t['score']:+.2f})" for t in shown)
