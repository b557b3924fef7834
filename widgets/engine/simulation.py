"""Teaching-cartoon maths behind the figures (pure numpy, seeded): excitability, muscle signal, force, motor unit.

Nothing here is a physiological model. The numbers are chosen to be monotone and plausible so the
pictures tell the lesson's story: more triggers → a more excitable nerve → more spontaneous twitches;
one motor unit's twitch is far too weak to move the foot, a cramp is not.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ..content.vocab import MOTOR_UNIT_MODES, MOTOR_UNIT_PARTS, MotorUnitMode, MotorUnitPart

# --- Triggers ---------------------------------------------------------------------------------------
# Each trigger lists its choices from calm to excitable, with the points each choice adds.
# Electrolytes only go "low" → "normal": being low is the trigger; more than normal is never better.
TRIGGER_LEVELS: dict[str, tuple[tuple[str, float], ...]] = {
    "hydration": (("ok", 0.0), ("low", 1.0)),
    "magnesium": (("normal", 0.0), ("low", 1.5)),
    "potassium": (("normal", 0.0), ("low", 1.0)),
    "caffeine": (("none", 0.0), ("some", 0.7), ("a lot", 1.5)),
    "stress": (("low", 0.0), ("medium", 0.7), ("high", 1.5)),
    "exercise": (("rested", 0.0), ("tired after hard exercise", 1.0)),
}
# Not a trigger of the nerve: it decides whether a twitch is noticed (busy muscles hide a flicker).
ACTIVITY = ("at rest", "moving")
SETTINGS = (*TRIGGER_LEVELS, "activity")
CALM = {name: options[0][0] for name, options in TRIGGER_LEVELS.items()} | {"activity": "at rest"}

MIN_RATE, MAX_RATE = 6.0, 60.0  # cartoon firings per minute at the calmest / most excitable (never shown)
SECONDS, RATE_HZ = 10.0, 250  # the simulated recording: 10 s sampled 250 times a second
STEP_PERIOD, STEP_BUSY = 1.0, 0.7  # when moving: one step a second, muscles busy 70 % of it


def spike_width(rate_hz: int = RATE_HZ) -> int:
    """Samples in one biphasic spike (about 24 ms long)."""
    return max(2, round(0.024 * rate_hz))


def choices(name: str) -> tuple[str, ...]:
    """The choices of one setting, calm first (e.g. ``choices("caffeine")`` → none, some, a lot)."""
    if name == "activity":
        return ACTIVITY
    return tuple(label for label, _ in TRIGGER_LEVELS[name])


def check_settings(settings: dict[str, str]) -> dict[str, str]:
    """Fill missing settings with the calm choice; raise ValueError naming an unknown setting or choice."""
    for name, value in settings.items():
        if name not in SETTINGS:
            raise ValueError(f"unknown setting {name!r}; expected one of {SETTINGS}")
        if value not in choices(name):
            raise ValueError(f"unknown choice {value!r} for {name!r}; expected one of {choices(name)}")
    return CALM | dict(settings)


def excitability(settings: dict[str, str]) -> float:
    """How easily the motor neuron fires on its own, 0 (calm) .. 1 (every trigger at its worst).

    Parameters
    ----------
    settings : dict
        Setting name → choice, e.g. ``{"caffeine": "a lot", "magnesium": "low"}``; missing ones are calm.
        ``activity`` is accepted but does not change the nerve (it changes what you notice).
    """
    s = check_settings(settings)
    points = sum(dict(TRIGGER_LEVELS[name])[s[name]] for name in TRIGGER_LEVELS)
    most = sum(max(p for _, p in options) for options in TRIGGER_LEVELS.values())
    return points / most


def firing_rate(settings: dict[str, str]) -> float:
    """Spontaneous single-motor-unit firings per minute; rises smoothly from MIN_RATE to MAX_RATE."""
    return MIN_RATE * math.pow(MAX_RATE / MIN_RATE, excitability(settings))


@dataclass(frozen=True)
class MuscleSignal:
    """A simulated recording: ``values[i]`` at time ``i * dt`` seconds, and when the twitches happened."""

    dt: float
    values: np.ndarray  # float32, arbitrary "signal" units
    firings: np.ndarray  # times (s) of every spontaneous firing
    noticed: np.ndarray  # the firings you would notice (not hidden by movement)
    busy: tuple[tuple[float, float], ...]  # (start, end) of movement bursts, empty at rest
    per_minute: int  # noticed twitches in this recording, scaled to one minute

    @property
    def times(self) -> np.ndarray:
        return np.arange(len(self.values)) * self.dt


def _movement_bursts(activity: str, seconds: float) -> tuple[tuple[float, float], ...]:
    if activity != "moving":
        return ()
    starts = np.arange(0.0, seconds, STEP_PERIOD)
    return tuple((float(a), float(min(a + STEP_BUSY * STEP_PERIOD, seconds))) for a in starts)


@dataclass(frozen=True)
class Draws:
    """The random numbers behind one recording (one seed), as the page receives them.

    The page (``static/simulator.js``) applies the settings to these same numbers, so Python and the page
    draw the same recording. ``gaps`` are in units of "mean gap" (float64, firing times must agree exactly);
    the rest are float32.
    """

    gaps: np.ndarray  # 256 gaps between firings
    sizes: np.ndarray  # 256 spike sizes, signed
    noise: np.ndarray  # quiet baseline noise, one per sample
    move_noise: np.ndarray  # movement noise, one per sample (used only while the foot moves)


def draws(seed: int = 0, seconds: float = SECONDS, rate_hz: int = RATE_HZ) -> Draws:
    """The seeded random numbers of one recording; the same seed gives the same numbers."""
    rng = np.random.default_rng(seed)
    n = round(seconds * rate_hz)
    gaps = rng.exponential(1.0, size=256)
    sizes = rng.uniform(0.6, 1.0, size=256) * rng.choice([-1.0, 1.0], size=256)
    noise = rng.normal(0.0, 0.04, size=n)
    move_noise = rng.normal(0.0, 0.45, size=n)
    f4 = np.float32
    return Draws(gaps, sizes.astype(f4), noise.astype(f4), move_noise.astype(f4))


def expected_noticed(settings: dict[str, str], seconds: float = SECONDS) -> float:
    """How many twitches a recording shows on average with these settings (firings not hidden by movement).

    The headline of the simulator: one recording is a random sample around this.
    """
    s = check_settings(settings)
    seen = 1.0 - STEP_BUSY if s["activity"] == "moving" else 1.0
    return firing_rate(s) * seconds / 60.0 * seen


def signal_from(d: Draws, settings: dict[str, str], seconds: float = SECONDS, rate_hz: int = RATE_HZ) -> MuscleSignal:
    """The recording that the settings make of one seed's random numbers (the page computes the same)."""
    s = check_settings(settings)
    n = len(d.noise)
    dt = 1.0 / rate_hz
    mean_gap = 60.0 / firing_rate(s)
    times = np.cumsum(d.gaps) * mean_gap
    keep = times < seconds - 0.05
    firings, sizes = times[keep], d.sizes[: int(keep.sum())].astype(np.float64)

    values = d.noise.astype(np.float64)
    busy = _movement_bursts(s["activity"], seconds)
    t = np.arange(n) * dt
    for a, b in busy:
        inside = (t >= a) & (t < b)
        values[inside] += d.move_noise[inside] * np.sin(np.pi * (t[inside] - a) / (b - a))
    width = spike_width(rate_hz)
    shape = np.sin(2 * np.pi * np.arange(width) / width)
    for when, size in zip(firings, sizes, strict=False):
        i = int(when * rate_hz)
        values[i : i + width] += size * shape[: n - i]

    hidden = np.zeros(len(firings), dtype=bool)
    for a, b in busy:
        hidden |= (firings >= a) & (firings < b)
    noticed = firings[~hidden]
    per_minute = round(len(noticed) * 60.0 / seconds)
    return MuscleSignal(dt, values.astype(np.float32), firings, noticed, busy, per_minute)


# --- Twitch vs cramp --------------------------------------------------------------------------------
MOVE_THRESHOLD = 24.0  # cartoon pull needed to move the foot (no real unit; figures show no number for it)
FORCE_SECONDS, FORCE_RATE_HZ = 3.0, 100
CRAMP_UNITS = 66  # motor units that join a cramp: together well over twice the pull of the line
UNIT_FORCE = 1.0  # cartoon pull one motor unit adds when it fires steadily


@dataclass(frozen=True)
class ForceTrace:
    """Force over time on a cartoon scale (no real unit); ``units`` motor units took part; ``end`` may lie
    after the drawn window (a cramp still going when the graph ends)."""

    dt: float
    force: np.ndarray
    units: int
    start: float
    end: float

    @property
    def times(self) -> np.ndarray:
        return np.arange(len(self.force)) * self.dt

    @property
    def peak(self) -> float:
        return float(self.force.max())


def _alpha(t: np.ndarray, tau: float) -> np.ndarray:
    """A twitch-shaped bump, 0 before t=0, peak 1 at t=tau."""
    x: np.ndarray = np.clip(t, 0.0, None) / tau
    bump: np.ndarray = x * np.exp(1.0 - x)
    return bump


def twitch_force(seed: int = 0) -> ForceTrace:
    """One motor unit fires once by itself: a brief flicker of force, far below MOVE_THRESHOLD."""
    rng = np.random.default_rng(seed)
    t = np.arange(int(FORCE_SECONDS * FORCE_RATE_HZ)) / FORCE_RATE_HZ
    start = float(rng.uniform(0.4, 1.4))
    peak = float(rng.uniform(0.4, 0.8)) * UNIT_FORCE
    force = peak * _alpha(t - start, 0.06)
    return ForceTrace(1.0 / FORCE_RATE_HZ, force, 1, start, start + 0.3)


def cramp_force(seed: int = 0) -> ForceTrace:
    """Many motor units fire again and again together: force builds and stays high past the drawn window.

    Real cramps last from seconds to minutes (NHS, "Leg cramps"), so the cartoon never shows one ending
    within its few seconds: ``end`` lies after FORCE_SECONDS.
    """
    rng = np.random.default_rng(seed)
    t = np.arange(int(FORCE_SECONDS * FORCE_RATE_HZ)) / FORCE_RATE_HZ
    start = float(rng.uniform(0.3, 0.6))
    end = float(FORCE_SECONDS + rng.uniform(5.0, 60.0))
    joins = start + np.sort(rng.uniform(0.0, 0.4, CRAMP_UNITS))  # units join over 0.4 s
    strength = rng.uniform(0.7, 1.3, CRAMP_UNITS) * UNIT_FORCE
    force = np.zeros_like(t)
    for j, s in zip(joins, strength, strict=False):
        on = np.clip(t - j, 0.0, None)
        rise = 1.0 - np.exp(-on / 0.08)
        fall = np.where(t > end, np.exp(-(t - end) / 0.15), 1.0)
        force += s * rise * fall
    force *= 1.0 + 0.03 * np.sin(2 * np.pi * 9 * t) * (force > 0)  # a slight tremble while it lasts
    return ForceTrace(1.0 / FORCE_RATE_HZ, force, CRAMP_UNITS, start, end)


# --- The motor unit, step by step --------------------------------------------------------------------
# Where the signal is along the path spinal cord (0) → nerve ending (0.85) → muscle fibres (1).
PATH = dict(zip(MOTOR_UNIT_PARTS, (0.0, 0.55, 0.85, 1.0), strict=True))
MODES = MOTOR_UNIT_MODES


def check_mode(mode: str) -> MotorUnitMode:
    """`mode` as a motor-unit mode ("normal", "misfire" or "cramp"); ValueError naming them for anything else."""
    for known in MODES:
        if mode == known:
            return known
    raise ValueError(f"unknown mode {mode!r}; expected one of {MODES}")


def signal_position(part: MotorUnitPart, mode: str) -> float:
    """Where the signal dot sits along the path (0 spinal cord .. 1 muscle fibres) at one step.

    A normal signal starts in the spinal cord; a misfire starts near the nerve ending, so at the
    spinal-cord step there is no signal yet (-1 means "no dot").
    """
    mode = check_mode(mode)
    if mode != "normal" and part == "spinal-cord":
        return -1.0
    if mode != "normal" and part == "motor-neuron":
        return 0.75  # the stray firing (one unit's misfire, or many units' in a cramp) starts near the far end
    return PATH[part]
