"""Cartoon geometry of the foot map and the motor-unit diagram (pure data: polygons and points, no plotting).

Coordinates are in arbitrary units. The outer (lateral) view of the right foot sits at x 0..10 with the
toes pointing right; the inner (medial) view is its mirror image at x 12..22 with the toes pointing left.
Not to scale and not an anatomy atlas: just enough shape to show where each part lies.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from itertools import accumulate, pairwise

MEDIAL_OFFSET = 22.0

# Outline of the lower leg and foot, lateral view, clockwise from the top of the calf.
_OUTLINE = [
    (2.1, 10),
    (1.9, 7.5),
    (1.9, 5.5),
    (1.8, 3.6),
    (1.3, 2.3),
    (1.0, 1.2),
    (1.4, 0.25),
    (2.4, 0.0),
    (4.5, 0.05),
    (7.0, 0.05),
    (8.8, 0.2),
    (9.8, 0.45),
    (10.0, 0.8),
    (9.7, 1.2),
    (8.6, 1.45),
    (7.0, 1.95),
    (5.4, 2.7),
    (4.3, 3.5),
    (3.9, 4.5),
    (3.9, 7.5),
    (4.1, 10),
]
ANKLE_BONE = (3.0, 3.3)  # the bump of the ankle (outer on the lateral view, inner on the medial)


def _lengths(points: list[tuple[float, float]]) -> list[float]:
    """Distance along a polyline at each of its points (0 at the first)."""
    steps = (math.hypot(x1 - x0, y1 - y0) for (x0, y0), (x1, y1) in pairwise(points))
    return [0.0, *accumulate(steps)]


def _interp(x: float, xp: list[float], fp: list[float]) -> float:
    """numpy.interp for one value (xp increasing), in plain Python: importing numpy costs a lesson ~0.3 s."""
    if x <= xp[0]:
        return fp[0]
    if x >= xp[-1]:
        return fp[-1]
    j = bisect_right(xp, x) - 1
    return (fp[j + 1] - fp[j]) / (xp[j + 1] - xp[j]) * (x - xp[j]) + fp[j]


def _linspace(start: float, stop: float, n: int) -> list[float]:
    step = (stop - start) / (n - 1)
    return [start + i * step for i in range(n - 1)] + [stop]


def _gradient(v: list[float]) -> list[float]:
    """numpy.gradient with unit spacing: central differences inside, one-sided at the ends."""
    return [v[1] - v[0], *((v[i + 1] - v[i - 1]) / 2 for i in range(1, len(v) - 1)), v[-1] - v[-2]]


def _band(centre: list[tuple[float, float]], half_width: float, samples: int = 40) -> list[tuple[float, float]]:
    """A closed polygon of constant width around a smooth centre line (for tendons and nerves)."""
    seg = _lengths(centre)
    cx, cy = [p[0] for p in centre], [p[1] for p in centre]
    s = _linspace(0.0, seg[-1], samples)
    x, y = [_interp(v, seg, cx) for v in s], [_interp(v, seg, cy) for v in s]
    left, right = [], []
    for xi, yi, dx, dy in zip(x, y, _gradient(x), _gradient(y), strict=True):
        n = math.hypot(dx, dy)
        nx, ny = -dy / n * half_width, dx / n * half_width
        left.append((xi + nx, yi + ny))
        right.append((xi - nx, yi - ny))
    return left + right[::-1]


def _mirror(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    return [(MEDIAL_OFFSET - x, y) for x, y in points]


def _ellipse(cx: float, cy: float, rx: float, ry: float, n: int = 24) -> list[tuple[float, float]]:
    return [(cx + rx * math.cos(a), cy + ry * math.sin(a)) for a in _linspace(0.0, 2 * math.pi, n)]


# Region polygons; a region may have several pieces (a list of polygons).
REGIONS: dict[str, list[list[tuple[float, float]]]] = {
    "peroneal-muscles": [[(2.3, 9.4), (3.3, 9.4), (3.4, 7.5), (3.2, 5.4), (2.8, 4.7), (2.4, 5.4), (2.2, 7.5)]],
    "peroneal-tendons": [_band([(2.7, 5.0), (2.45, 3.4), (2.8, 2.3), (3.8, 1.5), (5.6, 1.05)], 0.16)],
    "shoe-pressure": [_ellipse(6.3, 0.55, 0.9, 0.33), _ellipse(7.2, 1.55, 0.75, 0.28)],
    "tarsal-tunnel": [
        _mirror(
            [
                (2.1, 3.3),
                (2.35, 2.2),
                (3.1, 1.35),
                (4.1, 1.2),
                (4.0, 1.9),
                (3.3, 2.5),
                (2.9, 3.4),
                (2.6, 4.2),
                (2.2, 4.2),
            ]
        )
    ],
    "posterior-tibial-nerve": [
        _mirror(_band([(2.5, 9.0), (2.45, 5.5), (2.45, 3.6), (2.65, 2.5), (3.4, 1.7), (5.0, 0.9), (7.2, 0.55)], 0.09))
    ],
}
VIEW_LABELS = {"lateral": (5.0, 11.0, "Outer side (lateral view)"), "medial": (17.0, 11.0, "Inner side (medial view)")}
# Where each region's text label goes (x, y) and the point on the region it points at.
LABELS: dict[str, tuple[tuple[float, float], tuple[float, float]]] = {
    "peroneal-muscles": ((7.6, 8.6), (3.2, 7.8)),
    "peroneal-tendons": ((6.9, 4.6), (2.8, 2.4)),
    "shoe-pressure": ((8.3, -1.0), (6.5, 0.45)),
    "tarsal-tunnel": ((13.3, 5.3), (MEDIAL_OFFSET - 2.9, 2.6)),
    "posterior-tibial-nerve": ((14.2, 8.4), (MEDIAL_OFFSET - 2.47, 6.5)),
}


# A small drawing (a narrow page): the names on two or three short lines, each in the free space beside its view.
NARROW_LABELS: dict[str, tuple[float, float]] = {
    "peroneal-muscles": (7.0, 8.4),
    "peroneal-tendons": (7.3, 5.0),
    "shoe-pressure": (5.5, -0.95),
    "tarsal-tunnel": (14.6, 5.3),
    "posterior-tibial-nerve": (14.9, 8.4),
}


def outline(view: str) -> list[tuple[float, float]]:
    """The leg-and-foot outline of one view ("lateral" or "medial"), closed."""
    pts = [*_OUTLINE, _OUTLINE[0]]
    return pts if view == "lateral" else _mirror(pts)


def ankle_bone(view: str) -> list[tuple[float, float]]:
    """The ankle-bone bump of one view as a small closed ellipse."""
    x, y = ANKLE_BONE if view == "lateral" else (MEDIAL_OFFSET - ANKLE_BONE[0], ANKLE_BONE[1])
    return _ellipse(x, y, 0.38, 0.42)


def region_xy(region_id: str) -> tuple[list[float | None], list[float | None]]:
    """x and y lists of a region's polygons, closed, pieces separated by None (plotly's gap marker)."""
    xs: list[float | None] = []
    ys: list[float | None] = []
    for poly in REGIONS[region_id]:
        closed = [*list(poly), poly[0]]
        if xs:
            xs.append(None)
            ys.append(None)
        xs += [round(float(x), 3) for x, _ in closed]
        ys += [round(float(y), 3) for _, y in closed]
    return xs, ys


def contains(region_id: str, x: float, y: float) -> bool:
    """True if the point lies inside one of the region's polygons (even-odd rule)."""
    for poly in REGIONS[region_id]:
        inside = False
        n = len(poly)
        for i in range(n):
            (x1, y1), (x2, y2) = poly[i], poly[(i + 1) % n]
            if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
                inside = not inside
        if inside:
            return True
    return False


# --- Motor unit diagram -------------------------------------------------------------------------------
# The path of a signal: cell body in the spinal cord → along the nerve fibre → junction → muscle fibres.
# Three motor units: the one followed (unit 0, in the middle) and two others; their fibres lie mixed in the muscle.
SPINAL_CORD = [(0.0, 1.0), (2.2, 1.0), (2.2, 7.0), (0.0, 7.0)]
CELL_BODY = (1.2, 4.0)
AXON = [(1.2, 4.0), (3.5, 4.0), (6.0, 4.4), (8.6, 4.0)]
JUNCTION = (8.9, 4.0)
FIBRES = [(9.2, 2.6 + 0.35 * i, 13.4) for i in range(9)]  # (x start, y, x end) of each fibre
MUSCLE = [(9.0, 2.3), (13.6, 2.3), (13.6, 5.7), (9.0, 5.7)]
UNIT_AXONS = [
    AXON,
    [(1.0, 5.9), (3.5, 5.95), (6.0, 5.85), (8.6, 5.1)],
    [(1.0, 2.1), (3.5, 2.05), (6.0, 2.2), (8.6, 2.9)],
]
UNIT_JUNCTIONS = [JUNCTION, (8.9, 5.1), (8.9, 2.9)]
FIBRE_UNIT = [(i + 2) % 3 for i in range(len(FIBRES))]  # which unit each fibre belongs to: mixed, 3 each
FIBRE_CENTRE_X = 11.3


def point_on_path(fraction: float, unit: int = 0) -> tuple[float, float]:
    """The point a fraction (0..1) of the way along one unit's cell body → axon → junction → into its fibres."""
    junction = UNIT_JUNCTIONS[unit]
    pts = [*UNIT_AXONS[unit], junction, (FIBRE_CENTRE_X, junction[1])]
    seg = _lengths(pts)
    # 0.85 of the way is the junction (see simulation.PATH)
    s = _interp(fraction, [0, 0.85, 1.0], [0, seg[-2], seg[-1]])
    return _interp(s, seg, [p[0] for p in pts]), _interp(s, seg, [p[1] for p in pts])
