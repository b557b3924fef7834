"""The page code anywidget loads for the figures and the stylesheet is one committed file per widget
(widgets/static/bundles/, built by tools/bundle.mjs with esbuild from npm): a pip install from git needs no Node,
and the committed files must be what the sources build to. Node and `npm ci` (make check) are required."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from widgets.views.foot_map import FootMap
from widgets.views.motor_unit import MotorUnit
from widgets.views.palette import STATIC
from widgets.views.simulator import Simulator
from widgets.views.twitch_cramp import TwitchVsCramp

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = ROOT / "tools" / "bundle.mjs"


def run_bundler(*args: str) -> subprocess.CompletedProcess:
    node = shutil.which("node")
    assert node, "node is needed to check the bundles; install nodejs"
    assert (ROOT / "node_modules" / "esbuild").is_dir(), "run `npm ci` (make check does) for esbuild"
    return subprocess.run(
        [node, str(BUNDLE), *args], capture_output=True, text=True, cwd=ROOT, timeout=120, check=False
    )


def test_the_committed_bundles_are_what_the_page_sources_build_to():
    done = run_bundler("--check")
    assert done.returncode == 0, done.stderr


CLASSIC = {"site_progress.js"}  # not a widget: the static site's classic script (tools/bundle.mjs SCRIPTS)


def test_every_bundle_stands_alone_and_every_page_figure_has_one():
    for f in (STATIC / "bundles").glob("*.js"):
        text = f.read_text(encoding="utf-8")
        assert not re.search(r"^\s*import\b|\bimport\(", text, re.M), f"{f.name} still imports"  # one blob: URL
        assert re.search(r"\bexport\s*\{", text) or f.name in CLASSIC, f.name
    for figure in (Simulator, FootMap, TwitchVsCramp, MotorUnit):
        assert (STATIC / "bundles" / f"{figure.bundle}.js").is_file(), figure.bundle
