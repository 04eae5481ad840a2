"""Reading recorded answers for the replay backend: OpenAI Batch output, or a CSV/JSONL of answers.

Every recording keeps the line it starts on, so whatever goes wrong with it is reported as
``path:line: message``. A problem with the file as a whole (not JSON, wrong columns, an unreadable
``custom_id``) raises ``ReplayError``; a problem with one answer (an ``error`` line, a non-200
status, an empty body) is kept on that recording as ``error`` and becomes the error of the prompt it
answers, never a compliance.

Recordings are grouped by the prompt they answer (``RecordingFile.index``), a list per prompt: today
the replay backend accepts exactly one per prompt, and a later option may accept K samples.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import SourceError
from ..importers.rows import Record, Table, read_table
from .base import Message

__all__ = ["BATCH", "TABLE", "MatchKey", "Recording", "RecordingFile", "ReplayError", "read_recordings"]

BATCH = "openai-batch"
TABLE = "answers"
_EXCERPT = 200
_ANSWER_COLUMNS = ("completion", "response")
_MATCH_COLUMNS = ("id", "messages", "prompt")  # the order in which ``match=auto`` picks one
_ROLES = frozenset({"system", "user", "assistant"})

MatchKey = tuple[str | None, str]
"""(suite or None, what identifies the prompt: its id, its last user turn, or its conversation as JSON)."""


class ReplayError(SourceError):
    """A recorded-answers file that cannot be read as a whole."""


@dataclass(frozen=True)
class Recording:
    """One recorded answer (or the error recorded in its place), at ``line`` of its file."""

    line: int
    key: MatchKey
    text: str = ""
    error: str | None = None
    model: str | None = None
    tokens: int | None = None


@dataclass(frozen=True)
class RecordingFile:
    path: Path
    format: str  # BATCH or TABLE
    match: str  # "id", "prompt" or "messages": what a recording's key identifies
    recordings: tuple[Recording, ...]
    alternatives: tuple[str, ...] = ()  # other identifying columns the file has (for error hints)

    @property
    def models(self) -> list[str]:
        return sorted({r.model for r in self.recordings if r.model})

    def index(self) -> dict[MatchKey, list[Recording]]:
        out: dict[MatchKey, list[Recording]] = {}
        for recording in self.recordings:
            out.setdefault(recording.key, []).append(recording)
        return out


def _excerpt(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    flat = " ".join(text.split())
    return flat if len(flat) <= _EXCERPT else flat[:_EXCERPT] + "…"


def conversation_key(messages: tuple[Message, ...]) -> str:
    """The turns of a conversation without its system message, as one comparable string."""
    turns = [m.to_dict() for m in messages if m.role != "system"]
    return json.dumps(turns, ensure_ascii=False, sort_keys=True)


def prompt_key(text: str) -> str:
    return text.strip()


# -- OpenAI Batch output -------------------------------------------------------------------------


def split_custom_id(custom_id: str) -> tuple[str, str] | None:
    """``SUITE/ID`` as ``overrefusal export-batch`` writes it (neither part may contain a slash)."""
    suite, sep, pid = custom_id.partition("/")
    if not sep or not suite or not pid or "/" in pid:
        return None
    return suite, pid


def _batch_answer(record: Record) -> tuple[str, str | None, str | None, int | None]:
    """(text, error, model, completion tokens) of one Batch output line."""
    values = record.values
    error = values.get("error")
    if error:
        if isinstance(error, dict):
            code, message = error.get("code"), error.get("message")
            detail = " ".join(str(p) for p in (code, message) if p) or _excerpt(error)
        else:
            detail = _excerpt(error)
        return "", f"the batch recorded an error: {detail}", None, None
    response = values.get("response")
    if not isinstance(response, dict):
        return "", "the batch recorded no response", None, None
    status = response.get("status_code")
    body = response.get("body")
    model = body.get("model") if isinstance(body, dict) else None
    model = model if isinstance(model, str) and model else None
    if status != 200:
        problem = body.get("error", body) if isinstance(body, dict) else body
        return "", f"the batch recorded HTTP {status}: {_excerpt(problem or '') or '(empty body)'}", model, None
    try:
        message = body["choices"][0]["message"]  # type: ignore[index]
        content = message.get("content")
        if content is None:
            content = message.get("refusal")  # OpenAI structured outputs put a safety refusal here
    except (KeyError, IndexError, TypeError, AttributeError):
        return "", f"response body has no choices[0].message: {_excerpt(body)}", model, None
    if not isinstance(content, str) or not content.strip():
        return "", "the recorded answer is empty", model, None
    usage = body.get("usage") if isinstance(body, dict) else None
    tokens = usage.get("completion_tokens") if isinstance(usage, dict) else None
    return content, None, model, tokens if isinstance(tokens, int) else None


def _read_batch(table: Table) -> RecordingFile:
    out: list[Recording] = []
    for record in table.records:
        custom_id = record.values.get("custom_id")
        if not isinstance(custom_id, str):
            raise ReplayError(record.path, record.line, "an OpenAI Batch output line needs a string 'custom_id'")
        parts = split_custom_id(custom_id)
        if parts is None:
            raise ReplayError(
                record.path,
                record.line,
                f"custom_id {custom_id!r} is not SUITE/ID (write requests with 'overrefusal export-batch')",
            )
        text, error, model, tokens = _batch_answer(record)
        out.append(Recording(record.line, parts, text, error, model, tokens))
    return RecordingFile(table.path, BATCH, "id", tuple(out))


# -- CSV / JSONL of recorded answers -------------------------------------------------------------


def _text(record: Record, column: str) -> str | None:
    value = record.values.get(column)
    if value is None:
        return None
    if isinstance(value, (dict, list)):
        raise ReplayError(record.path, record.line, f"column {column!r} must be text, got JSON {type(value).__name__}")
    return str(value)


def _messages(record: Record) -> str:
    raw = record.values.get("messages")
    if isinstance(raw, str):
        try:
            raw = json.loads(raw)
        except ValueError:
            raise ReplayError(record.path, record.line, "column 'messages' is not a JSON list of messages") from None
    if not isinstance(raw, list) or not raw:
        raise ReplayError(record.path, record.line, "column 'messages' must be a non-empty list of messages")
    messages: list[Message] = []
    for i, m in enumerate(raw, start=1):
        if not (isinstance(m, dict) and m.get("role") in _ROLES and isinstance(m.get("content"), str)):
            raise ReplayError(
                record.path, record.line, f"message {i} needs a 'role' (system, user, assistant) and a text 'content'"
            )
        messages.append(Message(m["role"], m["content"]))
    return conversation_key(tuple(messages))


def _pick_match(table: Table, columns: set[str], match: str) -> str:
    if match != "auto":
        if match not in columns:
            raise ReplayError(table.path, table.header_line, f"match={match} needs a {match!r} column")
        return match
    for candidate in _MATCH_COLUMNS:
        if candidate in columns:
            return candidate
    found = ", ".join(sorted(columns)) or "none"
    raise ReplayError(
        table.path,
        table.header_line,
        f"recorded answers need an 'id', 'prompt' or 'messages' column and a 'completion' (or 'response') "
        f"column; found: {found}",
    )


def _read_answers(table: Table, match: str, default_model: str | None) -> RecordingFile:
    if table.header is not None:
        columns = set(table.header)
    else:
        columns = set().union(*(r.values for r in table.records)) if table.records else set()
    answer = next((c for c in _ANSWER_COLUMNS if c in columns), None)
    chosen = _pick_match(table, columns, match)
    if answer is None:
        found = ", ".join(sorted(columns)) or "none"
        raise ReplayError(
            table.path, table.header_line, f"recorded answers need a 'completion' or 'response' column; found: {found}"
        )
    out: list[Recording] = []
    for record in table.records:
        suite = _text(record, "suite") or None
        if chosen == "messages":
            identity = _messages(record)
        else:
            value = _text(record, chosen)
            if value is None or not value.strip():
                raise ReplayError(record.path, record.line, f"empty {chosen!r}: cannot tell which prompt this answers")
            identity = value.strip() if chosen == "id" else prompt_key(value)
        text = _text(record, answer)
        recorded_error = _text(record, "error")
        error: str | None = None
        if recorded_error and recorded_error.strip():
            error = f"the recording holds an error: {_excerpt(recorded_error)}"
        elif text is None or not text.strip():
            error = "the recorded answer is empty"
        model = _text(record, "model") or default_model
        out.append(Recording(record.line, (suite, identity), text or "", error, model))
    others = tuple(c for c in _MATCH_COLUMNS if c in columns and c != chosen)
    return RecordingFile(table.path, TABLE, chosen, tuple(out), others)


def _is_batch(table: Table) -> bool:
    first = table.records[0].values if table.records else {}
    return table.header is None and "custom_id" in first


def read_recordings(path: str | Path, *, match: str = "auto", model: str | None = None) -> RecordingFile:
    """Read ``path``; ``match`` picks the column that identifies prompts in a CSV/JSONL of answers."""
    target = Path(path)
    try:
        table = read_table(target)
    except ReplayError:
        raise
    except SourceError as exc:
        raise ReplayError(exc.path, exc.line, exc.message) from None
    if not table.records:
        raise ReplayError(target, None, "holds no recorded answers")
    if _is_batch(table):
        if match not in ("auto", "id"):
            raise ReplayError(target, None, f"match={match}: OpenAI Batch output is matched by custom_id")
        for record in table.records:
            if "custom_id" not in record.values:
                raise ReplayError(record.path, record.line, "line has no 'custom_id' (the file mixes formats)")
        batch = _read_batch(table)
        if model is not None:
            recordings = tuple(r if r.model else _with_model(r, model) for r in batch.recordings)
            batch = RecordingFile(batch.path, batch.format, batch.match, recordings)
        return batch
    return _read_answers(table, match, model)


def _with_model(recording: Recording, model: str) -> Recording:
    return Recording(recording.line, recording.key, recording.text, recording.error, model, recording.tokens)


def describe_duplicates(path: Path, index: Mapping[MatchKey, list[Recording]], limit: int = 1) -> ReplayError | None:
    """The first prompt recorded more than ``limit`` times, as an error naming both lines."""
    worst: tuple[int, MatchKey, list[Recording]] | None = None
    for key, recordings in index.items():
        if len(recordings) > limit:
            line = recordings[limit].line
            if worst is None or line < worst[0]:
                worst = (line, key, recordings)
    if worst is None:
        return None
    line, key, recordings = worst
    what = _describe_key(key)
    first = recordings[0].line
    return ReplayError(path, line, f"second recording for {what} (first on line {first}); keep one answer per prompt")


def _describe_key(key: MatchKey) -> str:
    suite, identity = key
    where = f" of suite {suite!r}" if suite else ""
    if identity.startswith("[{"):
        return f"the conversation {_excerpt(identity)}{where}"
    return f"{_excerpt(identity)!r}{where}"
