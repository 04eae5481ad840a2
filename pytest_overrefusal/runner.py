"""Runs cases through a backend and a judge in batches, with the generation cache in front.

One ``Runner`` lives in each process (the controller without xdist, or each xdist worker). It builds
the backend and judge lazily, on the first prompt that needs them, so collecting suites never loads
a model. A failure to build either is remembered and reported by every item, as one line.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from .backends.base import (
    Backend,
    Generation,
    GenerationRequest,
    GenerationSettings,
    Progress,
    ReportsProgress,
    StopCheck,
)
from .cache import GenerationCache, cache_key, verdict_key
from .early_stop import EarlyStop, early_stop_applies
from .errors import OverrefusalError
from .judges.base import Judge, JudgeInput
from .progress import make_progress
from .results import CaseResult, Judgement, Verdict
from .sampling import DEFAULT_PROMPT_LIMIT, combine_samples, sample_requests
from .suite import Case

__all__ = ["RunSettings", "Runner", "requests_for"]


@dataclass(frozen=True)
class RunSettings:
    generation: GenerationSettings = field(default_factory=GenerationSettings)
    system_prompt: str | None = None  # the run-wide fallback (command line, then ini)
    batch_size: int | None = None  # overrides the backend's own batch size
    samples: int = 1  # answers per prompt (--overrefusal-samples); see sampling.py
    prompt_limit: float = DEFAULT_PROMPT_LIMIT  # a sampled prompt is bad above this bad-answer fraction
    # Stop each answer once the judge says its verdict is settled (off: --overrefusal-full-responses).
    early_stop: bool = True


def requests_for(cases: Iterable[Case], settings: RunSettings) -> list[GenerationRequest]:
    """What a run sends for ``cases``: the system prompt resolved as prompt > suite > run-wide fallback.

    ``overrefusal export-batch`` writes exactly these requests, so that answers generated elsewhere
    answer the conversations a live run would have asked.
    """
    return [c.request(settings.generation, settings.system_prompt) for c in cases]


class Runner:
    def __init__(
        self,
        backend_factory: Callable[[], Backend],
        judge_factory: Callable[[], Judge],
        settings: RunSettings,
        cache: GenerationCache | None = None,
        *,
        built: tuple[Backend, Judge] | None = None,
    ) -> None:
        self._backend_factory = backend_factory
        self._judge_factory = judge_factory
        self.settings = settings
        self.cache = cache
        # ``built``: components that exist already (Runner.over), used as they are: not rebuilt, not re-bound
        self._backend: Backend | None = built[0] if built else None
        self._judge: Judge | None = built[1] if built else None
        self._setup_error: str | None = None
        self._results: dict[tuple[str, str], CaseResult] = {}
        self.generated = 0  # requests handed to the backend by this process
        # Every collected prompt (selected or not), for backends that check their input against the
        # suites before generating (replay: a recorded answer for an unknown id is an error).
        self.collected: list[Case] = []

    # -- lazy components -------------------------------------------------------------------------
    def _components(self) -> tuple[Backend, Judge] | None:
        if self._setup_error is not None:
            return None
        try:
            if self._judge is None:
                self._judge = self._judge_factory()
            if self._backend is None:
                # A judge that scores prompts itself (logprob) needs no backend: do not load a model for nothing.
                self._backend = self._backend_factory() if _needs_response(self._judge) else _NoBackend()
                bind = getattr(self._backend, "bind_cases", None)
                if callable(bind):
                    bind(self.collected)
        except OverrefusalError as exc:
            self._setup_error = str(exc)
            return None
        return self._backend, self._judge

    def components(self) -> tuple[Backend, Judge] | None:
        """The backend and judge, built on first use; None when building them failed (see setup_error)."""
        return self._components()

    @property
    def setup_error(self) -> str | None:
        return self._setup_error

    @property
    def backend(self) -> Backend | None:
        return self._backend

    @property
    def judge(self) -> Judge | None:
        return self._judge

    def close(self) -> None:
        if self._backend is not None:
            self._backend.close()
        close_judge = getattr(self._judge, "close", None)
        if callable(close_judge):  # llm and logprob judges hold a model
            close_judge()

    # -- results ---------------------------------------------------------------------------------
    def has(self, case: Case) -> bool:
        return case.key in self._results

    def result(self, case: Case, upcoming: Iterable[Case] = ()) -> CaseResult:
        """The result for ``case``, generating it together with up to a batch of ``upcoming`` cases."""
        if case.key not in self._results:
            self.prepare([case, *upcoming], limit=self._batch_size())
        return self._results[case.key]

    def results(self, cases: Sequence[Case]) -> list[CaseResult]:
        self.prepare(cases)
        return [self._results[c.key] for c in cases]

    def _batch_size(self) -> int:
        components = self._components()
        if self.settings.batch_size:
            return self.settings.batch_size
        return max(1, components[0].batch_size) if components else 1

    def prepare(self, cases: Sequence[Case], limit: int | None = None, *, progress: bool = False) -> None:
        """Generate and judge every case not yet done (at most ``limit`` of them), in backend-sized batches.

        With ``progress``, a bar on stderr counts the prompts generated (the caller decides whether
        stderr is a terminal that may be written to).
        """
        todo: list[Case] = []
        seen: set[tuple[str, str]] = set()
        for case in cases:
            if case.key not in self._results and case.key not in seen:
                seen.add(case.key)
                todo.append(case)
        if limit is not None:
            todo = todo[:limit]
        if not todo:
            return
        components = self._components()
        if components is None:
            for case in todo:
                self._results[case.key] = self._make_result(case, Generation(error=self._setup_error), None)
            return
        backend, judge = components
        if not _needs_response(judge):
            self._judge_and_store(judge, todo, [Generation(text="") for _ in todo])
            return
        k = self.settings.samples
        if k <= 1:
            generations = self._generate(backend, self._requests(todo), progress, self._stop_checks(judge, todo))
            self._judge_and_store(judge, todo, generations)
            return
        if not getattr(backend, "can_sample", False):
            # A backend that cannot sample would return K copies of one answer: fractions of 0 or 1 that
            # look like evidence. Say so once instead (see docs/backends.md, "Sampling").
            self._setup_error = (
                f"backend {backend.name!r} cannot sample K answers per prompt (--overrefusal-samples={k})"
            )
            for case in todo:
                self._results[case.key] = self._make_result(case, Generation(error=self._setup_error), None)
            return
        requests = [s for r in self._requests(todo) for s in sample_requests(r, k)]
        cases = [case for case in todo for _ in range(k)]
        generations = self._generate(backend, requests, progress, self._stop_checks(judge, cases))
        judgements = self._verdicts(judge, cases, generations)
        for n, case in enumerate(todo):
            span = range(n * k, (n + 1) * k)
            base = self._make_result(case, Generation(text=""), None)
            self._results[case.key] = combine_samples(
                base, [generations[i] for i in span], [judgements.get(i) for i in span], self.settings.prompt_limit
            )

    def _requests(self, todo: Sequence[Case]) -> list[GenerationRequest]:
        return requests_for(todo, self.settings)

    def _stop_checks(self, judge: Judge, cases: Sequence[Case]) -> EarlyStop | None:
        """One stop check per case when this run stops answers early (see early_stop.py), else None."""
        backend = self._backend
        if backend is None or not early_stop_applies(self.settings.early_stop, backend, judge):
            return None
        return EarlyStop(judge, [self._judge_input(case, "") for case in cases])

    def _generate(
        self,
        backend: Backend,
        requests: Sequence[GenerationRequest],
        progress: bool = False,
        stops: EarlyStop | None = None,
    ) -> list[Generation]:
        out: list[Generation | None] = [None] * len(requests)
        keys: list[str] = []
        settled_keys: list[str] = []
        # A backend may opt out of the cache (replay: reading its file is as fast as the cache).
        cache = self.cache if getattr(backend, "cacheable", True) else None
        if cache is not None:
            fingerprint = backend.fingerprint()
            keys = [cache_key(fingerprint, r) for r in requests]
            # Early-stopped answers live under keys of their own, never served to a full-length run.
            settled_keys = [] if stops is None else stops.cache_keys(fingerprint, requests)
            for i, key in enumerate(keys):
                out[i] = cache.get(key)
                if out[i] is None and settled_keys:
                    out[i] = cache.get(settled_keys[i])
        missing = [i for i, g in enumerate(out) if g is None]
        claimed: list[str] = []
        if cache is not None and missing:
            mine, theirs = cache.claim(keys[i] for i in missing)
            claimed = mine
            if theirs:
                waited = cache.wait(theirs)
                for i in missing:
                    if keys[i] in waited:
                        out[i] = waited[keys[i]]
                missing = [i for i in missing if out[i] is None]
        try:
            size = self.settings.batch_size or max(1, backend.batch_size)
            with make_progress(len(missing), "overrefusal: generating", progress and len(missing) > size) as bar:
                for start in range(0, len(missing), size):
                    chunk = missing[start : start + size]
                    try:
                        checks = None if stops is None else stops.checks(chunk)
                        batch = self._generate_chunk(backend, [requests[i] for i in chunk], bar.update, checks)
                    except OverrefusalError as exc:
                        # The backend as a whole failed (a model that will not load, say): every
                        # remaining prompt would fail the same way, so it is a setup error, said once.
                        self._setup_error = str(exc)
                        for i in missing[start:]:
                            out[i] = Generation(error=self._setup_error)
                        break
                    if len(batch) != len(chunk):
                        raise OverrefusalError(
                            f"backend {backend.name!r} returned {len(batch)} generations for {len(chunk)} requests"
                        )
                    self.generated += len(chunk)
                    for i, generation in zip(chunk, batch, strict=True):
                        out[i] = generation
                        if cache is not None:
                            cache.put(settled_keys[i] if generation.stopped_early else keys[i], generation)
        finally:
            if cache is not None:
                cache.release(claimed)
        return [g if g is not None else Generation(error="no generation produced") for g in out]

    @staticmethod
    def _generate_chunk(
        backend: Backend, requests: list[GenerationRequest], update: Progress, checks: list[StopCheck] | None = None
    ) -> list[Generation]:
        # Only a backend that stops early (stops_early) is handed the checks; see early_stop_applies.
        extra: dict[str, Any] = {} if checks is None else {"settled": checks}
        if getattr(backend, "reports_progress", False):
            # The bar moves as each prompt finishes rather than once per batch; backends may call back
            # from several threads (llama.cpp contexts, HTTP workers).
            lock = threading.Lock()

            def finished(n: int) -> None:
                with lock:
                    update(n)

            return cast(ReportsProgress, backend).generate(requests, progress=finished, **extra)
        batch = backend.generate(requests, **extra)
        update(len(requests))
        return batch

    def _judge_and_store(self, judge: Judge, todo: Sequence[Case], generations: Sequence[Generation]) -> None:
        judgements = self._verdicts(judge, todo, generations)
        for i, case in enumerate(todo):
            self._results[case.key] = self._make_result(case, generations[i], judgements.get(i))

    def _verdicts(self, judge: Judge, todo: Sequence[Case], generations: Sequence[Generation]) -> dict[int, Judgement]:
        """Verdicts for every generation with text (``todo[i]`` is the case of ``generations[i]``), cache first."""
        to_judge = [i for i, g in enumerate(generations) if g.ok]
        inputs = {i: self._judge_input(todo[i], generations[i].text) for i in to_judge}
        judgements: dict[int, Judgement] = {}
        keys: dict[int, str] = {}
        cache = self.cache if getattr(judge, "cacheable", False) else None
        if cache is not None:
            fingerprint = judge.fingerprint()
            for i in to_judge:
                keys[i] = verdict_key(fingerprint, inputs[i])
                cached = cache.get_verdict(keys[i])
                if cached is not None:
                    judgements[i] = cached
        missing = [i for i in to_judge if i not in judgements]
        if missing:
            verdicts = self._call_judge(judge, [inputs[i] for i in missing])
            for i, judgement in zip(missing, verdicts, strict=True):
                judgements[i] = judgement
                # Undetermined is not stored: a judge that failed to parse should get another chance.
                if cache is not None and judgement.verdict is not Verdict.UNDETERMINED:
                    cache.put_verdict(keys[i], judgement)
        return judgements

    def _judge_input(self, case: Case, response: str) -> JudgeInput:
        system_prompt = case.system_prompt if case.system_prompt is not None else self.settings.system_prompt
        return JudgeInput(case.messages, response, case.language, system_prompt)

    @staticmethod
    def _call_judge(judge: Judge, inputs: list[JudgeInput]) -> list[Judgement]:
        """The judge's verdicts; a failing or miscounting judge yields undetermined, never compliance."""
        try:
            verdicts = judge.judge(inputs)
        except OverrefusalError as exc:
            return [Judgement(Verdict.UNDETERMINED, f"judge {judge.name!r} failed: {exc}")] * len(inputs)
        if len(verdicts) != len(inputs):
            reason = f"judge {judge.name!r} returned {len(verdicts)} verdicts for {len(inputs)} responses"
            return [Judgement(Verdict.UNDETERMINED, reason)] * len(inputs)
        return list(verdicts)

    def _make_result(self, case: Case, generation: Generation, judgement: Judgement | None) -> CaseResult:
        system_prompt = case.system_prompt if case.system_prompt is not None else self.settings.system_prompt
        return CaseResult(
            suite=case.suite,
            id=case.id,
            language=case.language,
            category=case.category,
            label=case.label,
            verdict=None if judgement is None else judgement.verdict.value,
            evidence="" if judgement is None else judgement.evidence,
            response=generation.text,
            file=case.file,
            line=case.line,
            score=None if judgement is None else judgement.score,
            confidence=None if judgement is None else judgement.confidence,
            error=generation.error,
            cached=generation.cached,
            finish=generation.finish,
            tokens=generation.tokens,
            messages=tuple(m.to_dict() for m in case.messages),
            system_prompt=system_prompt,
            focus=case.focus,
            contrast=case.contrast,
        )

    # -- the public batch API for requests that are not suite prompts ------------------------------
    # Mitigations, trigger attribution and other diagnostics re-ask variants of prompts. They go through
    # the same path as prompt items: the generation and verdict caches (with their cross-process claims),
    # backend-sized batches, and judge failures as undetermined, never compliance.

    @classmethod
    def over(
        cls,
        backend: Backend | None,
        judge: Judge,
        generation: GenerationSettings | None = None,
        cache: GenerationCache | None = None,
    ) -> Runner:
        """A runner around components already built (``backend`` None: judging only)."""
        components = (backend or _NoBackend(), judge)
        return cls(
            lambda: components[0],
            lambda: judge,
            RunSettings(generation or GenerationSettings()),
            cache,
            built=components,
        )

    def generate_requests(self, requests: Sequence[GenerationRequest]) -> list[Generation]:
        """One generation per request, through the cache and in backend-sized batches.

        A backend that cannot be built, or fails as a whole, gives error generations; one that returns
        the wrong number of answers for a batch makes that batch's generations errors.
        """
        components = self._components()
        if components is None:
            return [Generation(error=self._setup_error) for _ in requests]
        try:
            return self._generate(_CountChecked(components[0]), requests)
        except OverrefusalError as exc:
            return [Generation(error=str(exc)) for _ in requests]

    def judge_inputs(self, inputs: Sequence[JudgeInput]) -> list[Judgement]:
        """One verdict per input, verdict cache first; a judge that fails or miscounts gives undetermined."""
        components = self._components()
        if components is None:
            return [Judgement(Verdict.UNDETERMINED, f"no judge: {self._setup_error}") for _ in inputs]
        judge = components[1]
        judgements: dict[int, Judgement] = {}
        keys: dict[int, str] = {}
        cache = self.cache if getattr(judge, "cacheable", False) else None
        if cache is not None:
            fingerprint = judge.fingerprint()
            for i, judge_input in enumerate(inputs):
                keys[i] = verdict_key(fingerprint, judge_input)
                cached = cache.get_verdict(keys[i])
                if cached is not None:
                    judgements[i] = cached
        missing = [i for i in range(len(inputs)) if i not in judgements]
        if missing:
            for i, judgement in zip(missing, self._call_judge(judge, [inputs[i] for i in missing]), strict=True):
                judgements[i] = judgement
                # Undetermined is not stored: a judge that failed to parse should get another chance.
                if cache is not None and judgement.verdict is not Verdict.UNDETERMINED:
                    cache.put_verdict(keys[i], judgement)
        return [judgements[i] for i in range(len(inputs))]


class _CountChecked:
    """A backend whose miscounted batch becomes error generations instead of an exception for the whole run."""

    def __init__(self, backend: Backend) -> None:
        self._inner = backend

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    def generate(self, requests: Sequence[GenerationRequest], **kwargs: Any) -> list[Generation]:
        batch = list(self._inner.generate(requests, **kwargs))
        if len(batch) != len(requests):
            return [Generation(error=f"backend returned {len(batch)} answers for {len(requests)}") for _ in requests]
        return batch


def _needs_response(judge: Judge) -> bool:
    return bool(getattr(judge, "needs_response", True))


class _NoBackend:
    """Stands in for the backend when the judge scores prompts itself; never asked to generate."""

    name = "none"
    batch_size = 64

    def fingerprint(self) -> str:
        return "none"

    def generate(self, requests: Sequence[GenerationRequest]) -> list[Generation]:
        raise OverrefusalError("this judge needs no responses; nothing should have been generated")

    def close(self) -> None:
        return None
