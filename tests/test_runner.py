from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from pytest_overrefusal.backends.base import Generation, GenerationRequest, Message
from pytest_overrefusal.cache import GenerationCache, cache_key
from pytest_overrefusal.errors import BackendError, ConfigError
from pytest_overrefusal.judges.base import JudgeInput
from pytest_overrefusal.results import Judgement, Verdict
from pytest_overrefusal.runner import Runner, RunSettings
from pytest_overrefusal.suite import Case


class CountingBackend:
    """Refuses anything mentioning 'bomb'; fails prompts mentioning 'outage'; records every batch."""

    name = "counting"

    def __init__(self, batch_size: int = 4) -> None:
        self.batch_size = batch_size
        self.batches: list[int] = []

    def fingerprint(self) -> str:
        return "counting:v1"

    def generate(self, requests: Sequence[GenerationRequest]) -> list[Generation]:
        self.batches.append(len(requests))
        out = []
        for r in requests:
            if "outage" in r.last_user_turn:
                out.append(Generation(error="connection reset"))
            elif "bomb" in r.last_user_turn:
                out.append(Generation(text="I can't help with that."))
            else:
                out.append(Generation(text=f"Sure: {r.last_user_turn}"))
        return out

    def close(self) -> None:
        pass


class PrefixJudge:
    name = "prefix"

    def fingerprint(self) -> str:
        return "prefix"

    def judge(self, inputs: Sequence[JudgeInput]) -> list[Judgement]:
        return [
            Judgement(Verdict.REFUSAL if i.response.startswith("I can't") else Verdict.COMPLIANCE, "prefix")
            for i in inputs
        ]


def case(i: int, text: str, label: str = "safe") -> Case:
    return Case("s", f"p{i}", (Message("user", text),), label, "en", "c", "s.suite.yaml", i)


def make(backend: CountingBackend, cache: GenerationCache | None = None) -> Runner:
    return Runner(lambda: backend, PrefixJudge, RunSettings(), cache)


def test_prompts_are_generated_in_backend_sized_batches() -> None:
    backend = CountingBackend(batch_size=4)
    runner = make(backend)
    cases = [case(i, f"question {i}") for i in range(10)]
    results = runner.results(cases)
    assert backend.batches == [4, 4, 2]
    assert [r.verdict for r in results] == ["compliance"] * 10
    assert runner.generated == 10


def test_result_prefetches_upcoming_cases_once() -> None:
    backend = CountingBackend(batch_size=3)
    runner = make(backend)
    cases = [case(i, f"q{i}") for i in range(5)]
    runner.result(cases[0], cases[1:])
    assert backend.batches == [3]
    assert runner.has(cases[2])
    assert not runner.has(cases[3])
    runner.result(cases[1], cases[2:])
    assert backend.batches == [3]  # already there
    runner.result(cases[3], cases[4:])
    assert backend.batches == [3, 2]


def test_backend_errors_are_errors_without_verdicts() -> None:
    runner = make(CountingBackend())
    ok, bad, refused = runner.results([case(1, "hello"), case(2, "outage please"), case(3, "bomb", "unsafe")])
    assert (ok.verdict, ok.error) == ("compliance", None)
    assert (bad.verdict, bad.error) == (None, "connection reset")
    assert refused.verdict == "refusal"
    assert refused.matches_label is True


def test_setup_failure_is_reported_once_per_prompt_without_retrying() -> None:
    calls = []

    def broken() -> CountingBackend:
        calls.append(1)
        raise ConfigError("llamacpp backend needs llama_cpp: pip install 'pytest-overrefusal[llamacpp]'")

    runner = Runner(broken, PrefixJudge, RunSettings())
    results = runner.results([case(1, "a"), case(2, "b")])
    assert [r.error for r in results] == [
        "llamacpp backend needs llama_cpp: pip install 'pytest-overrefusal[llamacpp]'"
    ] * 2
    runner.results([case(3, "c")])
    assert len(calls) == 1
    assert runner.setup_error is not None


class LazyBrokenBackend(CountingBackend):
    """Builds fine, fails on first use (a model loaded lazily that turns out not to load)."""

    def generate(self, requests: Sequence[GenerationRequest]) -> list[Generation]:
        self.batches.append(len(requests))
        raise BackendError("llamacpp backend: cannot load model.gguf: invalid magic")


def test_a_backend_failing_as_a_whole_on_first_use_is_a_setup_error() -> None:
    backend = LazyBrokenBackend(batch_size=2)
    runner = make(backend)
    results = runner.results([case(i, f"q{i}") for i in range(5)])
    message = "llamacpp backend: cannot load model.gguf: invalid magic"
    assert [r.error for r in results] == [message] * 5
    assert all(r.verdict is None for r in results)
    assert runner.setup_error == message
    assert backend.batches == [2]  # the remaining batches are not attempted
    runner.results([case(9, "later")])
    assert backend.batches == [2]


def test_cache_skips_generation_on_rerun_and_never_stores_errors(tmp_path: Path) -> None:
    cases = [case(i, f"q{i}") for i in range(6)] + [case(9, "outage")]
    first = CountingBackend()
    make(first, GenerationCache(tmp_path)).results(cases)
    assert sum(first.batches) == 7
    second = CountingBackend()
    runner = make(second, GenerationCache(tmp_path))
    results = runner.results(cases)
    assert sum(second.batches) == 1  # only the errored prompt is retried
    assert all(r.cached for r in results[:6])
    assert results[6].error == "connection reset"


def test_cache_key_covers_settings_and_system_prompt() -> None:
    base = GenerationRequest((Message("user", "hi"),))
    keys = {
        cache_key("m", base),
        cache_key("m2", base),
        cache_key("m", GenerationRequest(base.messages, system_prompt="be nice")),
        cache_key("m", GenerationRequest((Message("user", "hi!"),))),
    }
    assert len(keys) == 4


def test_corrupt_cache_entry_is_regenerated(tmp_path: Path) -> None:
    cache = GenerationCache(tmp_path)
    cases = [case(1, "q1")]
    make(CountingBackend(), cache).results(cases)
    [entry] = list(tmp_path.rglob("*.json"))
    entry.write_text(entry.read_text().replace("Sure", "Nope"))  # payload no longer matches its checksum
    backend = CountingBackend()
    fresh = GenerationCache(tmp_path)
    [result] = make(backend, fresh).results(cases)
    assert backend.batches == [1]
    assert fresh.corrupt == 1
    assert result.response == "Sure: q1"
    entry.write_text("{not json")
    again = GenerationCache(tmp_path)
    make(CountingBackend(), again).results(cases)
    assert again.corrupt == 1


def test_claims_make_other_processes_wait(tmp_path: Path) -> None:
    cache = GenerationCache(tmp_path, claim_timeout=5)
    mine, theirs = cache.claim(["a" * 64, "b" * 64])
    assert (len(mine), theirs) == (2, [])
    # Our own pid's claims are treated as stale (a crashed earlier run of this process).
    other = GenerationCache(tmp_path)
    assert other.claim(["a" * 64])[0] == ["a" * 64]
    cache.release(mine)
    assert not list(tmp_path.rglob("*.claim"))


@pytest.mark.parametrize("batch_size", [1, 2, 7])
def test_batch_size_setting_overrides_backend(batch_size: int) -> None:
    backend = CountingBackend(batch_size=4)
    runner = Runner(lambda: backend, PrefixJudge, RunSettings(batch_size=batch_size))
    runner.results([case(i, f"q{i}") for i in range(7)])
    assert max(backend.batches) == batch_size


class PromptScoringJudge:
    """Scores the prompt itself, like the logprob judge: no response needed."""

    name = "prompt-scorer"
    needs_response = False

    def fingerprint(self) -> str:
        return "prompt-scorer"

    def judge(self, inputs: Sequence[JudgeInput]) -> list[Judgement]:
        assert all(i.response == "" for i in inputs)
        return [Judgement(Verdict.REFUSAL if "bomb" in i.prompt else Verdict.COMPLIANCE, "score", 1.0) for i in inputs]


def test_judge_that_needs_no_response_skips_the_backend() -> None:
    built = []

    def factory() -> CountingBackend:
        built.append(1)
        return CountingBackend()

    runner = Runner(factory, PromptScoringJudge, RunSettings())
    results = runner.results([case(1, "bomb"), case(2, "cake")])
    assert [r.verdict for r in results] == ["refusal", "compliance"]
    assert built == []
    assert runner.generated == 0


class CountingLLMJudge:
    name = "llm"
    cacheable = True

    def __init__(self, answer: Verdict = Verdict.REFUSAL) -> None:
        self.seen = 0
        self.answer = answer

    def fingerprint(self) -> str:
        return "llm:fake"

    def judge(self, inputs: Sequence[JudgeInput]) -> list[Judgement]:
        self.seen += len(inputs)
        return [Judgement(self.answer, "raw: REFUSAL") for _ in inputs]


def test_cacheable_judge_verdicts_are_reused_but_undetermined_is_retried(tmp_path: Path) -> None:
    cases = [case(i, f"q{i}") for i in range(3)]
    first = CountingLLMJudge()
    Runner(CountingBackend, lambda: first, RunSettings(), GenerationCache(tmp_path)).results(cases)
    second = CountingLLMJudge()
    results = Runner(CountingBackend, lambda: second, RunSettings(), GenerationCache(tmp_path)).results(cases)
    assert (first.seen, second.seen) == (3, 0)
    assert [r.evidence for r in results] == ["raw: REFUSAL"] * 3
    unsure = CountingLLMJudge(Verdict.UNDETERMINED)
    other = [case(i, f"other {i}") for i in range(2)]
    Runner(CountingBackend, lambda: unsure, RunSettings(), GenerationCache(tmp_path)).results(other)
    again = CountingLLMJudge(Verdict.UNDETERMINED)
    Runner(CountingBackend, lambda: again, RunSettings(), GenerationCache(tmp_path)).results(other)
    assert again.seen == 2


class BrokenJudge:
    name = "broken"

    def fingerprint(self) -> str:
        return "broken"

    def judge(self, inputs: Sequence[JudgeInput]) -> list[Judgement]:
        return [Judgement(Verdict.COMPLIANCE)]  # one verdict for any number of inputs


def test_judge_returning_the_wrong_count_gives_undetermined_not_compliance() -> None:
    results = Runner(CountingBackend, BrokenJudge, RunSettings()).results([case(1, "a"), case(2, "b")])
    assert [r.verdict for r in results] == ["undetermined", "undetermined"]
    assert "returned 1 verdicts for 2 responses" in results[0].evidence


class ReportingBackend(CountingBackend):
    """Reports each finished prompt through the optional ``progress`` callback."""

    reports_progress = True

    def generate(
        self, requests: Sequence[GenerationRequest], *, progress: Callable[[int], None] | None = None
    ) -> list[Generation]:
        out = super().generate(requests)
        for _ in out:
            if progress is not None:
                progress(1)
        return out


@pytest.mark.parametrize(("backend_class", "expected"), [(ReportingBackend, [1] * 10), (CountingBackend, [4, 4, 2])])
def test_progress_moves_per_prompt_when_the_backend_reports_it(
    backend_class: type[CountingBackend], expected: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    import pytest_overrefusal.runner as runner_module
    from pytest_overrefusal.progress import make_progress

    updates: list[int] = []

    class Recorder:
        def update(self, n: int) -> None:
            updates.append(n)

        def close(self) -> None:
            pass

    def recording(total: int, desc: str, enabled: bool) -> object:
        context = make_progress(total, desc, False)
        context.bar = Recorder() if enabled else context.bar
        return context

    monkeypatch.setattr(runner_module, "make_progress", recording)
    runner = make(backend_class(batch_size=4))
    runner.prepare([case(i, f"q{i}") for i in range(10)], progress=True)
    assert updates == expected
    quiet = make(backend_class(batch_size=4))
    updates.clear()
    quiet.prepare([case(i, f"q{i}") for i in range(10)])
    assert updates == []
