"""Per-process state of the main plugin (controller or xdist worker), owned by one object with methods.

Hooks and items call ``State`` methods instead of setting its fields, so each field has one writer:
collection registers suites and markers, selection fixes the prompts to run, items ask for the
prompts to batch with. A leaf of the pytest layer: it imports no other plugin module except the
options, the shared scaffolding and the xdist shim, which is what keeps the layer free of cycles.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pytest

from ..aggregate import compute_cells
from ..backends.base import Backend
from ..cache import GenerationCache
from ..errors import ConfigError
from ..judges.base import Judge
from ..registry import BACKEND_GROUP, build, build_judge
from ..results import CaseResult
from ..runner import Runner, RunSettings
from ..settings import Settings
from ..suite import Case, Suite
from ..thresholds import Thresholds, load_thresholds
from ..validation import preflight
from . import xdist_compat
from .options import settings_from

if TYPE_CHECKING:
    from ..baseline import Baseline
    from ..steering.attributor import TriggerAttributor
    from ..stratified import Sample

__all__ = ["STATE_KEY", "State", "build_state", "state_of"]


@dataclass
class State:
    """Everything one pytest process (controller or xdist worker) needs to run suites."""

    settings: Settings
    thresholds: Thresholds
    runner: Runner
    baseline: Baseline | None = None
    suite_owners: dict[str, str] = field(default_factory=dict)
    registered_markers: dict[str, pytest.MarkDecorator] = field(default_factory=dict)
    prompt_positions: dict[str, int] = field(default_factory=dict)
    prompt_cases: list[Case] = field(default_factory=list)
    xdist_queue: Any = None  # xdist_compat.worker_queue(), on workers only
    sample: Sample | None = None  # when --overrefusal-sample is given
    triggers: TriggerAttributor | None = None  # built on the first refused safe prompt (--overrefusal-triggers)
    flagged: dict[str, str] | None = None  # cell key -> baseline regression message, computed once

    # -- collection ------------------------------------------------------------------------------

    def register_suite(self, suite: Suite, path: str) -> str | None:
        """Claim the suite's name for ``path``; returns the other file already using it, if any."""
        owner = self.suite_owners.setdefault(suite.name, path)
        if owner != path:
            return owner
        self.runner.collected.extend(suite.cases)
        return None

    def register_marker(self, config: pytest.Config, name: str) -> pytest.MarkDecorator:
        """Markers for -m are registered on the fly so --strict-markers accepts them; the decorator is
        made once per name (``pytest.mark.NAME`` per item was a tenth of collecting the starter suites)."""
        mark = self.registered_markers.get(name)
        if mark is None:
            config.addinivalue_line("markers", f"{name}: overrefusal selection marker")
            mark = self.registered_markers[name] = getattr(pytest.mark, name)
        return mark

    def select(self, prompts: list[tuple[str, Case]]) -> None:
        """The prompt items (node id, case) this process runs, in run order, after -k/-m and sampling."""
        self.prompt_cases = [case for _, case in prompts]
        self.prompt_positions = {nodeid: n for n, (nodeid, _) in enumerate(prompts)}

    # -- running ---------------------------------------------------------------------------------

    def upcoming(self, item: pytest.Item) -> list[Case]:
        """Prompts this process will run next, so the runner can batch them with ``item``.

        Under xdist the worker's own queue is read (best effort: it is xdist's internal TestQueue);
        otherwise the session order is used.
        """
        if self.xdist_queue is not None:
            try:
                indices = xdist_compat.queued_indices(self.xdist_queue)
                items = item.session.items
                selected = [items[i] for i in indices]
                return [self.prompt_cases[self.prompt_positions[i.nodeid]] for i in selected if self._is_prompt(i)]
            except Exception:  # xdist internals changed: fall back to session order
                self.xdist_queue = None
        position = self.prompt_positions.get(item.nodeid)
        if position is None:
            return []
        return self.prompt_cases[position + 1 :]

    def _is_prompt(self, item: pytest.Item) -> bool:
        return item.nodeid in self.prompt_positions

    def trigger_attributor(self, config: pytest.Config) -> TriggerAttributor:
        """The word-trigger attributor (``--overrefusal-triggers``), built on first use in this process."""
        if self.triggers is None:
            from ..steering.attributor import TriggerAttributor

            self.triggers = TriggerAttributor(
                self.settings, self.runner, config.rootpath / ".overrefusal-cache" / "steering"
            )
        return self.triggers

    def with_triggers(self, config: pytest.Config, result: CaseResult) -> CaseResult:
        """Rank the words that trigger this refusal, in this process."""
        attached: CaseResult = self.trigger_attributor(config).attach(result)
        return attached

    def flagged_cells(self) -> dict[str, str]:
        """Cell key -> message for every cell the baseline comparison flags, computed once per process.

        The p-values are adjusted across every cell of the run, so one rate item needs all selected
        prompts' results (from memory or the cache; the overall rate item needs them anyway). The
        controller's comparison in ``pytest_sessionfinish`` stays the authoritative gate; this one is the
        same computation.
        """
        if self.flagged is not None:
            return self.flagged
        from ..regression import compare_cells

        results = self.runner.results(self.prompt_cases)
        settings = self.settings
        tests = compare_cells(
            self.baseline,
            results,
            compute_cells(results, self.thresholds),
            settings.baseline_tolerance,
            settings.baseline_alpha,
            settings.baseline_correction,
        )
        self.flagged = {t.key: t.message for t in tests if t.flagged}
        return self.flagged


STATE_KEY = pytest.StashKey[State]()


def state_of(config: pytest.Config) -> State:
    state: State = config.stash[STATE_KEY]
    return state


def build_state(config: pytest.Config) -> State:
    """Parse the options, check them before anything runs, and build the (lazy) runner."""
    settings = settings_from(config)
    opt = config.getoption
    preflight(
        settings,
        strict_flag=bool(opt("overrefusal_strict")),
        cache_dir_flag=opt("overrefusal_cache_dir") is not None,
        no_cache_flag=bool(opt("overrefusal_no_cache")),
        allow_not_evaluated=bool(opt("overrefusal_allow_not_evaluated")),
        baseline_target=settings.baseline or config.rootpath / "overrefusal-baseline.json",
    )
    thresholds = load_thresholds(settings.thresholds)

    def make_backend() -> Backend:
        backend: Backend = build(BACKEND_GROUP, settings.model, settings.model_options)
        return backend

    def make_judge() -> Judge:
        judge: Judge = build_judge(
            settings.judge, settings.judge_options, model=settings.model, model_options=settings.model_options
        )
        return judge

    runner = Runner(
        make_backend,
        make_judge,
        RunSettings(
            settings.generation,
            settings.system_prompt,
            settings.batch_size,
            settings.samples,
            settings.prompt_limit,
            early_stop=not settings.full_responses,
        ),
        GenerationCache(settings.cache_dir) if settings.cache_dir is not None else None,
    )
    state = State(
        settings=settings, thresholds=thresholds, runner=runner, xdist_queue=xdist_compat.worker_queue(config)
    )
    if settings.baseline is not None and not settings.update_baseline and settings.baseline.exists():
        from ..baseline import load_baseline

        state.baseline = load_baseline(settings.baseline)
    elif settings.baseline is not None and not settings.update_baseline:
        raise ConfigError(
            f"{settings.baseline}: baseline file not found (create it with --overrefusal-update-baseline)"
        )
    return state
