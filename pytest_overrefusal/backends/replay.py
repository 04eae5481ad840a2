"""``replay:PATH``: gate answers generated elsewhere (vLLM ``run-batch``, a Batch API, production logs).

PATH is either an OpenAI Batch output file (one ``{"custom_id", "response", "error"}`` object per line,
as vLLM's ``run-batch`` and the OpenAI/Azure Batch APIs write it, for requests written by
``overrefusal export-batch``) or a CSV/JSONL of recorded answers with an ``id``, ``prompt`` (the last
user turn) or ``messages`` column, a ``completion`` (or ``response``) column, and optionally ``suite``,
``model`` and ``error``. Options: ``match=auto|id|prompt|messages`` picks the identifying column
(auto: id, then messages, then prompt), ``model=NAME`` names the model when the file does not.

A prompt with no recorded answer, or whose recording is an error, a non-200 status or an empty body,
gets ``Generation.error`` naming the file and line: an item error, never a compliance. A file that
cannot be read, holds two recordings for one prompt, or (matched by id) names an id that no collected
suite has, is a ``ReplayError``: one ``path:line`` line that stops the run.

The fingerprint is the file's SHA-256 plus the model names it holds, so baselines and reports tell
recordings apart. Generations are not put in the generation cache (``cacheable = False``): reading the
file is as fast as the cache, and the cache keys requests by conversation, while recordings answer
prompt ids, which may share a conversation.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from ._filehash import file_sha256
from ._options import OptionReader
from ._recordings import (
    MatchKey,
    Recording,
    RecordingFile,
    ReplayError,
    conversation_key,
    describe_duplicates,
    prompt_key,
    read_recordings,
)
from .base import Generation, GenerationRequest

__all__ = ["OPTIONS", "ReplayBackend", "ReplayError", "create"]

OPTIONS = ("batch_size", "match", "model")
_MATCHES = ("auto", "id", "prompt", "messages")


class ReplayBackend:
    """Answers every request from a recorded file instead of a model."""

    name = "replay"
    cacheable = False

    def __init__(self, recordings: RecordingFile, sha256: str, *, batch_size: int = 256) -> None:
        self.file = recordings
        self.sha256 = sha256
        self.batch_size = batch_size
        self._index = recordings.index()
        duplicate = describe_duplicates(recordings.path, self._index)
        if duplicate is not None:
            raise duplicate
        self.unmatched: int | None = None  # recordings that answer no collected prompt, once bound

    @property
    def path(self) -> Path:
        return self.file.path

    def fingerprint(self) -> str:
        models = ",".join(self.file.models) or "unknown"
        return f"replay:sha256={self.sha256}|model={models}"

    def replay_source(self) -> dict[str, Any]:
        """What the run record says about where the answers came from."""
        return {
            "path": str(self.path),
            "sha256": self.sha256,
            "format": self.file.format,
            "match": self.file.match,
            "models": self.file.models,
            "recordings": len(self.file.recordings),
            "unmatched": self.unmatched,
        }

    # -- checking the file against the collected suites -------------------------------------------

    def bind_cases(self, cases: Iterable[Any]) -> None:
        """Check the recordings against every collected prompt (called by the runner before generating).

        Matched by id, a recording for an id that no collected suite has is an error (a typo, or a
        file for another suite version); a recording for a suite that was not collected is left
        alone (a file covering several suites may gate one of them). Matched by prompt or
        conversation, unmatched recordings are only counted: production logs hold many other prompts.
        """
        known = list(cases)
        if self.file.match != "id":
            keys = {self._identity_of(c) for c in known}
            self.unmatched = sum(len(recs) for (_, identity), recs in self._index.items() if identity not in keys)
            return
        suites: dict[str, set[str]] = {}
        for case in known:
            suites.setdefault(case.suite, set()).add(case.id)
        problems: list[tuple[int, str]] = []
        unmatched = 0
        for (suite, pid), recordings in self._index.items():
            line = recordings[0].line
            if suite is None:
                owners = sorted(s for s, ids in suites.items() if pid in ids)
                if not owners:
                    problems.append((line, f"id {pid!r} is not a prompt of any collected suite"))
                elif len(owners) > 1:
                    problems.append(
                        (line, f"id {pid!r} is in suites {', '.join(owners)}: add a 'suite' column to tell them apart")
                    )
            elif suite not in suites:
                unmatched += len(recordings)
            elif pid not in suites[suite]:
                problems.append((line, f"id {pid!r} is not a prompt of suite {suite!r}"))
        if problems:
            line, message = min(problems)
            more = f" (and {len(problems) - 1} more unknown id(s))" if len(problems) > 1 else ""
            hint = "".join(f"; match={c} matches by the {c!r} column instead" for c in self.file.alternatives)
            raise ReplayError(self.path, line, message + more + hint)
        self.unmatched = unmatched

    def _identity_of(self, case: Any) -> str:
        if self.file.match == "prompt":
            return prompt_key(case.messages[-1].content)
        return conversation_key(tuple(case.messages))

    # -- answering --------------------------------------------------------------------------------

    def _candidates(self, request: GenerationRequest) -> tuple[list[Recording], str]:
        suite = request.case_key[0] if request.case_key is not None else None
        if self.file.match == "id":
            if request.case_key is None:
                return [], "this request (it is not a suite prompt, and the file is matched by prompt id)"
            pid = request.case_key[1]
            what = f"prompt {suite}/{pid}"
            identity = pid
        elif self.file.match == "prompt":
            identity = prompt_key(request.last_user_turn)
            what = f"prompt {identity[:80]!r}"
        else:
            identity = conversation_key(request.messages)
            what = f"conversation ending {prompt_key(request.last_user_turn)[:80]!r}"
        keys: list[MatchKey] = [(None, identity)] if suite is None else [(suite, identity), (None, identity)]
        found = [r for key in keys for r in self._index.get(key, [])]
        return found, what

    def _one(self, request: GenerationRequest) -> Generation:
        found, what = self._candidates(request)
        if not found:
            return Generation(error=f"{self.path}: no recorded answer for {what}")
        if len(found) > 1:
            lines = sorted(r.line for r in found)
            return Generation(error=f"{self.path}:{lines[1]}: second recording for {what} (first on line {lines[0]})")
        recording = found[0]
        if recording.error is not None:
            return Generation(error=f"{self.path}:{recording.line}: {recording.error}")
        return Generation(text=recording.text, tokens=recording.tokens)

    def generate(self, requests: Sequence[GenerationRequest]) -> list[Generation]:
        return [self._one(r) for r in requests]

    def close(self) -> None:
        return None


def create(arg: str | None, options: Mapping[str, str]) -> ReplayBackend:
    reader = OptionReader("replay backend", options, OPTIONS)
    if not arg:
        raise ConfigError(
            "the replay backend needs a file of recorded answers: --overrefusal-model=replay:answers.jsonl"
        )
    path = Path(arg)
    if not path.is_file():
        raise ConfigError(f"replay backend: file {arg!r} not found")
    match = reader.choice("match", "auto", _MATCHES)
    recordings = read_recordings(path, match=match, model=reader.string("model"))
    return ReplayBackend(recordings, file_sha256(path), batch_size=reader.integer("batch_size", 256, minimum=1))


# Reading the file is all it takes: an xdist controller builds it for the record's fingerprint and source.
create.cheap_to_build = True  # type: ignore[attr-defined]
