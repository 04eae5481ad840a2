"""Trigger attribution inside a pytest run: per prompt, in the process that ran it, as plain data.

A refused safe prompt gets its ranked triggers when its item runs (so the failure text can show them
and they travel to the controller on the test report, the same with ``-n 2`` as without). The
controller then builds the run record's ``triggers`` section from the results alone (``section``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..errors import OverrefusalError
from ..results import CaseResult
from .triggers import candidates, cannot_regenerate, leave_one_out, local_spec, regenerate, summarise

__all__ = ["TriggerAttributor", "section", "steering_model_options"]


def steering_model_options(spec: str, options: Mapping[str, str]) -> dict[str, str]:
    """The run's model options that the steering loader for ``spec`` understands (others are generation-only)."""
    from .loading import steering_options

    allowed = steering_options(spec)
    return {k: v for k, v in options.items() if k in allowed}


class TriggerAttributor:
    """Opens the local model (or uses the run's backend and judge) once per process, on first use."""

    def __init__(self, settings: Any, runner: Any, cache_dir: Path | None) -> None:
        self.settings = settings
        self.runner = runner
        self.cache_dir = cache_dir
        self.spec = local_spec(settings.model)
        self._model: Any = None
        self._error: str | None = None

    def _local(self) -> Any:
        if self._model is None and self._error is None:
            from .loading import open_model

            assert self.spec is not None
            try:
                self._model = open_model(
                    self.spec, steering_model_options(self.spec, self.settings.model_options), self.cache_dir
                )
            except OverrefusalError as exc:
                self._error = f"trigger attribution: cannot open {self.spec}: {exc}"
        if self._error is not None:
            raise OverrefusalError(self._error)
        return self._model

    def entry(self, result: CaseResult) -> dict[str, Any]:
        xsb = self.settings.xsb
        if self.spec is not None:
            return leave_one_out(self._local(), [result], top=xsb.top)[0]
        cannot = cannot_regenerate(self.settings.model)
        if cannot:
            raise OverrefusalError(cannot)
        components = self.runner.components()
        if components is None:
            raise OverrefusalError(f"trigger attribution: {self.runner.setup_error}")
        backend, judge = components
        # The run's runner: variants go through its generation and verdict caches.
        settings = self.settings.generation
        return regenerate(
            backend, judge, [result], settings=settings, budget=xsb.budget, top=xsb.top, runner=self.runner
        )[0]

    def attach(self, result: CaseResult) -> CaseResult:
        """``result`` with ``extra["triggers"]`` (or ``extra["triggers_error"]``); never raises for a bad model."""
        if not candidates([result]):
            return result
        try:
            entry = self.entry(result)
        except OverrefusalError as exc:
            return replace(result, extra={**result.extra, "triggers_error": str(exc)})
        keep = {k: v for k, v in entry.items() if k not in ("suite", "id", "language", "category", "prompt", "focus")}
        return replace(result, extra={**result.extra, "triggers": keep})

    def close(self) -> None:
        if self._model is not None:
            self._model.close()


def section(results: Sequence[CaseResult], *, method_note: str | None = None) -> dict[str, Any]:
    """The run record's ``triggers`` section, from the triggers the results carry (empty when nothing was refused)."""
    prompts: list[dict[str, Any]] = []
    errors: list[dict[str, str]] = []
    for r in candidates(results):
        found = r.extra.get("triggers")
        if isinstance(found, dict):
            prompts.append(
                {
                    "suite": r.suite,
                    "id": r.id,
                    "language": r.language,
                    "category": r.category,
                    "prompt": r.prompt,
                    "focus": list(r.focus),
                    **found,
                }
            )
        elif r.extra.get("triggers_error"):
            errors.append({"suite": r.suite, "id": r.id, "error": str(r.extra["triggers_error"])})
    methods = sorted({p["method"] for p in prompts})
    out: dict[str, Any] = {
        "methods": methods,
        "candidates": len(prompts) + len(errors),
        "prompts": prompts,
        "errors": errors,
        **summarise(prompts),
    }
    if "regeneration" in methods:
        from .triggers import REGENERATION_NOTE

        out["note"] = REGENERATION_NOTE
    if method_note:
        out["note"] = method_note
    return out


def attention_steering_for_run(
    mitigations: dict[str, Any], results: Sequence[CaseResult], settings: Any, judge: Any, cache_dir: Path | None
) -> str:
    """Run the attention-steering mitigation for a pytest run; returns a one-line summary for the terminal.

    It needs transformers weights: an ``hf`` model, or the GGUF of a ``llamacpp`` model opened through
    transformers (de-quantized once into the steering cache). Remote models are skipped, and said so.
    """
    spec = local_spec(settings.model)
    if spec is None:
        mitigations["attention_steering"] = {"skipped": f"{settings.model} is not a local model (hf or llamacpp)"}
        return "attention steering skipped: needs a local model"
    if not mitigations.get("prompts"):
        mitigations["attention_steering"] = {"skipped": "no refused safe prompt with focus words"}
        return "attention steering: nothing to steer"
    hf_spec = "hf" + spec[len("llamacpp") :] if spec.startswith("llamacpp") else spec
    from .attention_mitigation import add_attention_steering
    from .loading import open_model

    xsb = settings.xsb
    try:
        model = open_model(hf_spec, steering_model_options(hf_spec, settings.model_options), cache_dir)
    except OverrefusalError as exc:
        mitigations["attention_steering"] = {"skipped": str(exc)}
        return f"attention steering skipped: {exc}"
    try:
        info = add_attention_steering(
            mitigations,
            results,
            model,
            judge,
            layers=xsb.attention_layers,
            heads=xsb.attention_heads,
            scale=xsb.attention_scale,
            max_new_tokens=settings.generation.max_new_tokens,
        )
    except OverrefusalError as exc:
        mitigations["attention_steering"] = {"skipped": str(exc)}
        return f"attention steering skipped: {exc}"
    except (RuntimeError, IndexError, ValueError) as exc:  # torch errors: the run's results still get written
        mitigations["attention_steering"] = {"skipped": f"failed: {type(exc).__name__}: {exc}"}
        return f"attention steering failed: {type(exc).__name__}: {exc}"
    finally:
        model.close()
    return (
        f"attention steering (layers {info['layers'][0]}-{info['layers'][-1]}, scale {info['scale']}): "
        f"{info['restored']} of {info['candidates']} restored; {info['unlocks_twin']} of {info['twins']} "
        "unsafe twins unlocked (a failure)"
    )
