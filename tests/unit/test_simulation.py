"""The figure maths: monotone in every trigger, seeded, and a twitch far weaker than a cramp."""

import itertools

import numpy as np
import pytest

from tests.helpers import muscle_signal
from widgets.engine import simulation as sim

CALM = dict(sim.CALM)


def with_(name, value):
    return CALM | {name: value}


@pytest.mark.parametrize("name", list(sim.TRIGGER_LEVELS))
def test_each_trigger_raises_excitability_and_rate_step_by_step(name):
    options = sim.choices(name)
    rates = [sim.firing_rate(with_(name, o)) for o in options]
    levels = [sim.excitability(with_(name, o)) for o in options]
    assert all(a < b for a, b in itertools.pairwise(rates)), (name, rates)
    assert all(a < b for a, b in itertools.pairwise(levels)), (name, levels)


@pytest.mark.parametrize("name", list(sim.TRIGGER_LEVELS))
def test_each_trigger_raises_rate_whatever_the_other_settings(name):
    rng = np.random.default_rng(1)
    for _ in range(30):
        base = {n: str(rng.choice(sim.choices(n))) for n in sim.SETTINGS}
        rates = [sim.firing_rate(base | {name: o}) for o in sim.choices(name)]
        assert all(a < b for a, b in itertools.pairwise(rates)), (base, name, rates)


def test_excitability_spans_zero_to_one():
    worst = {n: sim.choices(n)[-1] for n in sim.TRIGGER_LEVELS}
    assert sim.excitability(CALM) == 0.0
    assert sim.excitability(worst) == pytest.approx(1.0)
    assert sim.firing_rate(CALM) == pytest.approx(sim.MIN_RATE)
    assert sim.firing_rate(worst) == pytest.approx(sim.MAX_RATE)


def test_electrolytes_go_from_low_to_normal_only():
    for name in ("magnesium", "potassium"):
        assert sim.choices(name) == ("normal", "low")
    assert not any(ch.isdigit() for n in sim.SETTINGS for o in sim.choices(n) for ch in o)  # no doses


def test_unknown_settings_are_named():
    with pytest.raises(ValueError, match="caffine"):
        sim.excitability({"caffine": "some"})
    with pytest.raises(ValueError, match=r"'lots'.*caffeine"):
        sim.excitability({"caffeine": "lots"})


@pytest.mark.parametrize("name", list(sim.TRIGGER_LEVELS))
def test_more_excitable_never_shows_fewer_twitches_with_the_same_seed(name):
    for seed in range(20):
        counts = [muscle_signal(with_(name, o), seed=seed).per_minute for o in sim.choices(name)]
        assert counts == sorted(counts), (name, seed, counts)


def test_on_average_each_trigger_shows_more_twitches():
    for name in sim.TRIGGER_LEVELS:
        calm, worst = sim.choices(name)[0], sim.choices(name)[-1]
        a = np.mean([muscle_signal(with_(name, calm), seed=s).per_minute for s in range(40)])
        b = np.mean([muscle_signal(with_(name, worst), seed=s).per_minute for s in range(40)])
        assert b > a, (name, a, b)


def test_rest_shows_more_noticed_twitches_than_moving_but_the_nerve_fires_the_same():
    busy = {n: sim.choices(n)[-1] for n in sim.TRIGGER_LEVELS}
    rest = [muscle_signal(busy | {"activity": "at rest"}, seed=s) for s in range(20)]
    moving = [muscle_signal(busy | {"activity": "moving"}, seed=s) for s in range(20)]
    assert sim.excitability(busy | {"activity": "moving"}) == sim.excitability(busy)
    for r, m in zip(rest, moving, strict=False):
        np.testing.assert_array_equal(r.firings, m.firings)
        assert r.per_minute >= m.per_minute
        assert not r.busy and m.busy
    assert sum(r.per_minute for r in rest) > sum(m.per_minute for m in moving)


def test_signal_is_deterministic_for_a_seed_and_differs_between_seeds():
    s = CALM | {"caffeine": "a lot", "stress": "high"}
    a, b, c = muscle_signal(s, seed=7), muscle_signal(s, seed=7), muscle_signal(s, seed=8)
    np.testing.assert_array_equal(a.values, b.values)
    np.testing.assert_array_equal(a.firings, b.firings)
    assert not np.array_equal(a.values, c.values)


def test_signal_shape_and_per_minute_figure_match_the_spikes():
    s = muscle_signal(CALM | {"magnesium": "low", "caffeine": "a lot"}, seed=3)
    assert len(s.values) == int(sim.SECONDS * sim.RATE_HZ) and s.values.dtype == np.float32
    assert s.times[-1] == pytest.approx(sim.SECONDS - s.dt)
    assert s.per_minute == round(len(s.noticed) * 60 / sim.SECONDS)
    assert len(s.firings) > 0 and np.all((s.firings >= 0) & (s.firings < sim.SECONDS))
    # every firing is a visible spike: the signal near it stands far above the quiet baseline
    baseline = np.median(np.abs(s.values))
    for t in s.firings:
        i = int(t * sim.RATE_HZ)
        assert np.abs(s.values[i : i + 6]).max() > 8 * baseline
    # and nothing else is: the count of spikes above that level equals the firings (at rest)
    loud = np.abs(s.values) > 0.3
    onsets = np.flatnonzero(loud & ~np.r_[False, loud[:-1]])
    groups = np.split(onsets, np.flatnonzero(np.diff(onsets) > 3) + 1)
    assert len([g for g in groups if len(g)]) == len(s.firings)


def test_twitch_stays_far_below_the_move_line_and_the_cramp_far_above():
    for seed in range(20):
        twitch, cramp = sim.twitch_force(seed), sim.cramp_force(seed)
        assert twitch.units == 1 and cramp.units > 10 * twitch.units
        assert twitch.peak < sim.MOVE_THRESHOLD / 5
        assert cramp.peak > 2.5 * sim.MOVE_THRESHOLD  # far above: the line sits low enough for the close-up under it
        assert cramp.peak > 50 * twitch.peak
        # a twitch is brief; a cramp stays above the line for over a second
        assert (twitch.force > twitch.peak / 2).sum() * twitch.dt < 0.25
        assert (cramp.force > sim.MOVE_THRESHOLD).sum() * cramp.dt > 1.0


def test_force_traces_are_seeded():
    np.testing.assert_array_equal(sim.cramp_force(4).force, sim.cramp_force(4).force)
    assert sim.twitch_force(4).start != sim.twitch_force(5).start


def test_motor_unit_signal_moves_forward_and_a_misfire_or_cramp_skips_the_spinal_cord():
    parts = list(sim.PATH)
    normal = [sim.signal_position(p, "normal") for p in parts]
    assert normal == sorted(normal) and normal[0] == 0.0
    for mode in ("misfire", "cramp"):
        stray = [sim.signal_position(p, mode) for p in parts]
        assert stray[0] < 0 and stray[1] > normal[1] and stray == [stray[0], *sorted(stray[1:])]
    with pytest.raises(ValueError):
        sim.signal_position("fibres", "twitch")


def test_engine_imports_no_ui_library():
    import subprocess
    import sys

    code = "import sys, widgets.engine.simulation; print([m for m in ('plotly', 'ipywidgets') if m in sys.modules])"
    assert (
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == "[]"
    )
