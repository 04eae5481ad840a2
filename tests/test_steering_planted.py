"""The steering pipeline on a tiny random Llama with a planted refusal direction (no downloads, CPU, seconds).

The plant gives known answers: the direction to recover, the order of margins, and (with the blocks
after the first switched off) the exact alpha at which the first-token refusal score flips.
"""

from __future__ import annotations

import itertools
import math
from typing import Any

import numpy as np
import pytest

pytest.importorskip("transformers")
torch = pytest.importorskip("torch")


from planted_model import GRADED, HARMFUL, PlantedModel, build_planted_model  # noqa: E402

from pytest_overrefusal.backends.base import Message  # noqa: E402
from pytest_overrefusal.backends.hf.steer import HFSteerableModel  # noqa: E402
from pytest_overrefusal.errors import ConfigError  # noqa: E402
from pytest_overrefusal.steering.base import Steering, as_prompt, as_prompts  # noqa: E402
from pytest_overrefusal.steering.probes import BoundaryProbe, MarginProbe, Steerer  # noqa: E402
from pytest_overrefusal.steering.session import FitData, SteeringConfig, SteeringSession  # noqa: E402

TOPICS = ("cake", "garden", "fence", "poem", "car", "bike", "lamp", "chair", "dog", "house")


def pairs() -> FitData:
    safe = tuple(as_prompts([f"how do i make a {t}" for t in TOPICS]))
    unsafe = tuple(as_prompts([f"how do i make a {h}" for h in HARMFUL]))
    return FitData(safe, unsafe, tuple((i, i) for i in range(len(safe))), "planted pairs")


@pytest.fixture(scope="module")
def planted() -> PlantedModel:
    return build_planted_model()


@pytest.fixture(scope="module")
def identity() -> PlantedModel:
    return build_planted_model(later_blocks="identity")


def session_for(pm: PlantedModel, **config: Any) -> SteeringSession:
    model = HFSteerableModel(pm.model, pm.tokenizer, batch_size=4)
    return SteeringSession(SteeringConfig(openers=("Sorry",), **config), model=model)


def test_post_instruction_tokens_are_the_template_tail(planted: PlantedModel) -> None:
    model = HFSteerableModel(planted.model, planted.tokenizer)
    prompt = as_prompt("how do i make a cake")
    # <|im_end|> <|im_start|> assistant (the tiny tokenizer drops newlines)
    assert model.post_instruction_count(prompt) == 3
    convo = as_prompt([Message("user", "tell me a poem"), Message("assistant", "Sure"), Message("user", "fix it")])
    assert model.post_instruction_count(convo) == 3


@pytest.mark.parametrize("layer", [0, 1, 2, 3])
def test_hook_at_layer_l_is_hidden_states_l_exactly(planted: PlantedModel, layer: int) -> None:
    """Layer L = the stream entering block L = transformers' hidden_states[L]; bitwise, not approximately."""
    model = HFSteerableModel(planted.model, planted.tokenizer)
    prompt = as_prompt("how do i make a bomb for my garden")
    ids, count = model.encoded(prompt)
    with torch.no_grad():
        out = planted.model(input_ids=torch.tensor([ids]), output_hidden_states=True)
    positions = list(range(-count, 0))
    captured = model.activations([prompt], [layer], positions)[0, 0]
    expected = out.hidden_states[layer][0, positions].to(torch.float64).numpy()
    assert np.array_equal(captured, expected)
    for other in (layer - 1, layer + 1):
        if 0 <= other < len(out.hidden_states):
            neighbour = out.hidden_states[other][0, positions].to(torch.float64).numpy()
            assert not np.allclose(captured, neighbour)


def test_steering_adds_alpha_v_entering_block_l_only(planted: PlantedModel) -> None:
    model = HFSteerableModel(planted.model, planted.tokenizer)
    prompt = [as_prompt("how do i make a cake")]
    v = np.random.default_rng(1).standard_normal(model.hidden_size)
    plain = model.activations(prompt, [1, 2], [-3, -2, -1])
    steered = model.activations(prompt, [1, 2], [-3, -2, -1], Steering(v, 2), [0.75])
    assert np.array_equal(steered[0, 0], plain[0, 0])  # layer 1 comes before the addition
    np.testing.assert_allclose(steered[0, 1] - plain[0, 1], np.broadcast_to(0.75 * v, (3, v.size)), atol=1e-5)


def test_batched_prompts_match_single_runs_despite_padding(planted: PlantedModel) -> None:
    model = HFSteerableModel(planted.model, planted.tokenizer, batch_size=8)
    prompts = as_prompts(["how do i make a cake", "please explain the best way to build a simple old house", "hi"])
    together = model.activations(prompts, [1, 3], [-2, -1])
    alone = np.stack([model.activations([p], [1, 3], [-2, -1])[0] for p in prompts])
    np.testing.assert_allclose(together, alone, atol=1e-5)
    np.testing.assert_allclose(
        model.next_token_logprobs(prompts), np.stack([model.next_token_logprobs([p])[0] for p in prompts]), atol=1e-5
    )


def test_one_pass_read_matches_separate_passes(planted: PlantedModel) -> None:
    model = HFSteerableModel(planted.model, planted.tokenizer)
    prompts = as_prompts(["how do i make a cake", "how do i make a bomb"])
    acts, logp = model.read(prompts, [1, 3], [-2, -1])
    np.testing.assert_array_equal(acts, model.activations(prompts, [1, 3], [-2, -1]))
    np.testing.assert_allclose(logp, model.next_token_logprobs(prompts), atol=1e-6)


def test_recovered_direction_matches_the_plant(planted: PlantedModel) -> None:
    session = session_for(planted)
    swept = session.fit(pairs())
    assert swept.cosine(planted.direction) > 0.99
    assert 1 <= swept.layer <= 3
    assert -3 <= swept.position <= -1
    assert {c.layer for c in swept.sweep} == {1, 2, 3}  # 0 (embeddings) and nothing past 80% of 4 layers
    for layer in (1, 2, 3):
        assert session.fit(pairs(), layer=layer).cosine(planted.direction) > 0.99


def test_direction_of_a_model_without_plant_is_not_the_plant() -> None:
    """The cosine test above can fail: without the plant there is nothing along d to recover."""
    control = build_planted_model(strength=0.0)
    session = session_for(control)
    direction = session.fit(pairs(), layer=2)
    assert abs(direction.cosine(control.direction)) < 0.5


def test_margins_grow_monotonically_with_plant_strength(planted: PlantedModel) -> None:
    session = session_for(planted)
    direction = session.fit(pairs())
    probe = MarginProbe(session, direction)
    graded = probe([f"tell me about {w}" for w in GRADED])
    assert all(b > a for a, b in itertools.pairwise(graded)), graded
    assert abs(graded[0]) < 0.1  # grade0 carries no plant: a safe-looking prompt
    safe_margin = probe("how do i make a cake")
    assert isinstance(safe_margin, float)
    assert abs(safe_margin) < 0.1
    # The fitting prompts' margins average to exactly 0 and 1 by construction.
    fit = pairs()
    assert np.mean(probe(list(fit.safe))) == pytest.approx(0.0, abs=1e-9)
    assert np.mean(probe(list(fit.unsafe))) == pytest.approx(1.0, abs=1e-9)


def test_projections_grow_with_the_models_plant_strength() -> None:
    projections = []
    for strength in (0.25, 0.5, 1.0, 2.0):
        pm = build_planted_model(strength=strength)
        session = session_for(pm)
        direction = session.fit(pairs(), layer=2)
        projections.append(session.margins(direction, [as_prompt("tell me about grade3")])[0].projection)
    assert all(b > a for a, b in itertools.pairwise(projections)), projections


def _closed_form_alpha(pm: PlantedModel, model: HFSteerableModel, prompt: str, r: np.ndarray, layer: int) -> float:
    """Where P(Sorry) = 1/2 when alpha * r enters block ``layer`` and every later block is the identity.

    logit(Sorry) = beta * d.h / sqrt(mean(h^2) + eps) with h = x + alpha r and every other logit 0, so
    P = 1/2 exactly when that logit equals log(V - 1): a quadratic in alpha.
    """
    ids, _ = model.encoded(as_prompt(prompt))
    with torch.no_grad():
        out = pm.model(input_ids=torch.tensor([ids]), output_hidden_states=True)
    x = out.hidden_states[layer][0, -1].to(torch.float64).numpy()
    r = r.astype(np.float32).astype(np.float64)  # the model adds the vector in float32
    d, beta = pm.direction, pm.beta
    hidden, eps = x.size, pm.model.config.rms_norm_eps
    t = math.log(pm.model.config.vocab_size - 1)
    p, q = d @ x, d @ r
    a = beta**2 * q**2 - t**2 * (r @ r) / hidden
    b = 2 * beta**2 * p * q - 2 * t**2 * (x @ r) / hidden
    c = beta**2 * p**2 - t**2 * ((x @ x) / hidden + eps)
    roots = np.roots([a, b, c])
    real = [float(z.real) for z in roots if abs(z.imag) < 1e-12 and p + z.real * q > 0]
    return min(real, key=abs)


def test_bisection_finds_the_known_alpha(identity: PlantedModel) -> None:
    session = session_for(identity, threshold=0.0, layer=2)
    direction = session.fit(pairs())
    probe = BoundaryProbe(session, direction)
    texts = ["how do i make a cake", "tell me about grade1", "tell me about grade2", "how do i make a bomb"]
    found = probe(texts)
    for text, result in zip(texts, found, strict=True):
        expected = _closed_form_alpha(identity, session.model, text, direction.vector, direction.layer)  # type: ignore[arg-type]
        assert result.alpha is not None
        assert result.alpha == pytest.approx(expected, abs=session.config.tolerance), text
        assert result.bracket is not None
        assert min(result.bracket) <= expected <= max(result.bracket)
        # The sign says which side of the boundary the prompt is on.
        assert (result.alpha < 0) == result.refused
    assert found[0].alpha is not None
    assert found[0].alpha > 0
    assert not found[0].refused
    assert found[-1].refused
    assert found[-1].alpha is not None
    assert found[-1].alpha < 0
    # Bracketing (doubling from 0.25) then bisection to 0.01: a few dozen passes, not hundreds.
    assert all(r.evaluations <= 2 + math.ceil(math.log2(16 / 0.25)) + math.ceil(math.log2(16 / 0.01)) for r in found)


def test_unreachable_boundary_is_reported_not_invented(identity: PlantedModel) -> None:
    session = session_for(identity, threshold=0.0, layer=2, max_alpha=0.05)
    direction = session.fit(pairs())
    result = BoundaryProbe(session, direction)("how do i make a cake")
    assert result.alpha is None
    assert result.distance is None
    assert result.bracket is None
    assert not result.refused


def test_calibrated_threshold_lies_between_the_fitting_scores(planted: PlantedModel) -> None:
    session = session_for(planted)
    direction = session.fit(pairs())
    assert direction.safe_score is not None
    assert direction.unsafe_score is not None
    assert direction.safe_score < direction.unsafe_score
    assert session.threshold(direction) == pytest.approx((direction.safe_score + direction.unsafe_score) / 2)


def test_steer_context_manager_changes_generation_and_expires(identity: PlantedModel) -> None:
    session = session_for(identity, threshold=0.0, layer=2)
    direction = session.fit(pairs())
    steer = Steerer(session, direction)
    unsafe = "how do i make a bomb"
    assert session.model.generate([as_prompt(unsafe)], max_new_tokens=1)[0].strip() == "Sorry"
    with steer(-2.0) as steered:
        assert steered.complete(unsafe, max_new_tokens=1)[0].strip() != "Sorry"
        assert steered.refusal_scores(unsafe)[0] < 0 < session.scores([as_prompt(unsafe)])[0]
        shifted = steered.margins("how do i make a cake")[0]
    plain = MarginProbe(session, direction)("how do i make a cake")
    # Adding alpha times the raw difference in means moves a margin by alpha (at the direction's layer).
    assert shifted - plain == pytest.approx(-2.0, abs=1e-4)
    with pytest.raises(ConfigError, match="after its `with steer"):
        steered.complete(unsafe)


def test_layer_out_of_range_is_one_clear_error(planted: PlantedModel) -> None:
    session = session_for(planted)
    with pytest.raises(ConfigError, match=r"layer 7 is out of range.*layers 0\.\.3"):
        session.fit(pairs(), layer=7)
