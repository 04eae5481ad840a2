"""Backend capabilities: declared on the class, checked from the spec before anything loads."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, ClassVar

import pytest
from package_source import imported_roots

from pytest_overrefusal.backends.capabilities import (
    Capability,
    CapabilityError,
    Engine,
    FirstTokenScorer,
    backend_factory,
    check_declared,
    declared_capabilities,
)
from pytest_overrefusal.errors import ConfigError
from pytest_overrefusal.registry import BACKEND_GROUP, Spec, build, require, resolve_factory

PACKAGE = Path(__file__).resolve().parents[1] / "pytest_overrefusal"
MODEL_LIBRARIES = {"torch", "transformers", "llama_cpp", "tokenizers"}  # safetensors (a file format) is not one


class GeneratesOnly(Engine):
    name = "generates-only"

    def __init__(self) -> None:
        self.batch_size = 1


@backend_factory(GeneratesOnly)
def generates_only(arg: str | None, options: Mapping[str, str]) -> GeneratesOnly:
    return GeneratesOnly()


@pytest.fixture
def registered(monkeypatch: pytest.MonkeyPatch) -> None:
    from pytest_overrefusal import registry

    def resolve(group: str, name: str) -> Any:
        return generates_only if name == "generates-only" else resolve_factory(group, name)

    monkeypatch.setattr(registry, "resolve_factory", resolve)


def test_the_engines_declare_what_they_can_do() -> None:
    llamacpp = declared_capabilities(resolve_factory(BACKEND_GROUP, "llamacpp"))
    hf = declared_capabilities(resolve_factory(BACKEND_GROUP, "hf"))
    assert {Capability.GENERATE, Capability.SCORE_FIRST_TOKEN, Capability.STEER} <= llamacpp
    assert Capability.STEER_ATTENTION not in llamacpp
    assert Capability.STEER_ATTENTION in hf
    for name in ("scripted", "openai", "replay"):
        assert declared_capabilities(resolve_factory(BACKEND_GROUP, name)) == {Capability.GENERATE}


def test_a_backend_lacking_a_capability_is_a_one_line_error_naming_both(registered: None) -> None:
    with pytest.raises(CapabilityError) as info:
        require(Spec("generates-only", None), Capability.SCORE_FIRST_TOKEN, who="logprob judge")
    message = str(info.value)
    assert (
        message
        == "logprob judge: unsupported model 'generates-only': the generates-only backend cannot score the first token"
    )
    # The base class's default says the same when the method is called directly.
    with pytest.raises(CapabilityError, match=r"the generates-only backend cannot steer$"):
        GeneratesOnly.steerable_model(None, {}, cache_dir=None, who="steering")


@pytest.mark.parametrize(
    ("factory", "message"),
    [
        ("logprob", "logprob judge: unsupported model 'scripted:rules.yaml': the scripted backend cannot score"),
        ("steering", "steering: unsupported model 'scripted:rules.yaml': the scripted backend cannot steer"),
    ],
)
def test_users_of_a_capability_ask_before_building_anything(factory: str, message: str) -> None:
    # rules.yaml does not exist: the error is the missing capability, not the scripted backend's missing file.
    if factory == "logprob":
        from pytest_overrefusal.judges.logprob import create

        with pytest.raises(CapabilityError) as info:
            create("scripted:rules.yaml", {})
    else:
        from pytest_overrefusal.steering.loading import check_spec

        with pytest.raises(CapabilityError) as info:
            check_spec("scripted:rules.yaml", {})
    assert str(info.value).startswith(message)
    assert "\n" not in str(info.value)


def test_an_unknown_backend_is_an_unsupported_model() -> None:
    with pytest.raises(
        CapabilityError, match=r"^logprob judge: unsupported model 'nope:x': unknown model backend 'nope'"
    ):
        require(Spec("nope", "x"), Capability.SCORE_FIRST_TOKEN, who="logprob judge")


def test_declaring_a_capability_without_implementing_it_fails_once_in_one_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    class Boasts(Engine):
        name = "boasts"
        capabilities: ClassVar[frozenset[Capability]] = frozenset({Capability.GENERATE, Capability.SCORE_FIRST_TOKEN})

    with pytest.raises(ConfigError, match=r"^backend 'boasts' .* declares the capability 'score the first token' but"):
        check_declared(Boasts)
    with pytest.raises(ConfigError, match="does not implement first_token_scorer"):
        backend_factory(Boasts)

    def factory(arg: str | None, options: Mapping[str, str]) -> Boasts:
        raise AssertionError("built despite the bad declaration")

    factory.backend_class = Boasts  # type: ignore[attr-defined]  # as a third-party factory might set it
    from pytest_overrefusal import registry

    monkeypatch.setattr(registry, "resolve_factory", lambda group, name: factory)
    with pytest.raises(ConfigError, match="does not implement first_token_scorer"):
        build(BACKEND_GROUP, "boasts")


def test_an_implemented_capability_is_accepted() -> None:
    class Scores(Engine):
        name = "scores"
        capabilities: ClassVar[frozenset[Capability]] = frozenset({Capability.GENERATE, Capability.SCORE_FIRST_TOKEN})

        @classmethod
        def first_token_scorer(cls, arg: str | None, options: Mapping[str, str], *, who: str) -> FirstTokenScorer:
            raise NotImplementedError

    check_declared(Scores)
    check_declared(None)  # a factory without a declared class only generates: nothing to check


def test_no_model_library_is_imported_outside_backends() -> None:
    offenders = [
        f"{path.relative_to(PACKAGE)}: {', '.join(sorted(imported_roots(path) & MODEL_LIBRARIES))}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if "backends" not in path.relative_to(PACKAGE).parts and imported_roots(path) & MODEL_LIBRARIES
    ]
    assert offenders == []


def test_engine_modules_stay_under_450_lines() -> None:
    long = [
        f"{path.relative_to(PACKAGE)}: {n}"
        for path in sorted((PACKAGE / "backends").rglob("*.py"))
        if (n := len(path.read_text("utf-8").splitlines())) > 450
    ]
    assert long == []
