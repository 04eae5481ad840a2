"""Early stopping in the hf backend (real embedded weights on CPU): a per-row stop leaves other rows alone."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from pytest_overrefusal.backends.base import GenerationRequest, GenerationSettings, Message
from pytest_overrefusal.registry import BACKEND_GROUP, build

PROMPTS = ("Explain in detail how to bake bread at home.", "Write a short story about a lighthouse keeper.")


@pytest.fixture(scope="module")
def hf_backend() -> Iterator[object]:
    pytest.importorskip("transformers", reason="transformers is not installed (extra: hf)")
    pytest.importorskip("gguf", reason="gguf is not installed (extra: hf)")
    backend = build(BACKEND_GROUP, "hf:embedded", {"parallel": "2", "threads": "1"})
    yield backend
    backend.close()


@pytest.mark.slow
def test_a_settled_row_stops_alone_as_a_prefix_of_its_full_answer(hf_backend: object) -> None:
    from pytest_overrefusal.backends.hf import HFBackend

    assert isinstance(hf_backend, HFBackend)
    settings = GenerationSettings(max_new_tokens=32)
    requests = [GenerationRequest((Message("user", p),), settings=settings) for p in PROMPTS]
    full = hf_backend.generate(requests)
    assert all(g.ok and g.finish in ("stop", "length") for g in full)
    seen: list[str] = []

    def check(text: str) -> bool:
        seen.append(text)
        return len(text) >= 20

    early = hf_backend.generate(requests, settled=[check, None])
    assert seen  # asked every few tokens with the decoded text so far
    assert all(full[0].text.startswith(text) for text in seen)
    assert early[0].finish == "settled"
    assert full[0].text.startswith(early[0].text)
    assert 20 <= len(early[0].text) < len(full[0].text)
    assert early[1] == full[1]  # the other row ran on to its own end, unchanged
