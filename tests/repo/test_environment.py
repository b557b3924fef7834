"""The lock, pyproject.toml, environment.yml and the hub recipes agree (conda can't run here: compare files).

requirements/lab.txt pins every package for Binder and the hub image; requirements/test.txt is the same pins
plus the test tools, which `make lab` and `make test` install. Both are written by `make lock` (uv) from
pyproject.toml's ranges.
"""

import importlib.metadata
import re
import tomllib
from pathlib import Path

import pytest
import yaml
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).parents[2]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
LAB, TEST = ROOT / "requirements" / "lab.txt", ROOT / "requirements" / "test.txt"
LOCK_PYTHON = "3.11"  # the Python the lock is resolved for (Makefile LOCK_PYTHON, environment.yml)
PIN = re.compile(r"^([A-Za-z0-9._-]+)==([^\s;]+)\s*(?:;\s*(.+))?$")


def pins(path: Path) -> dict[str, list[tuple[Version, Marker | None]]]:
    """name → [(version, marker)] of a lock file; any line that is not an exact pin fails the test."""
    out: dict[str, list[tuple[Version, Marker | None]]] = {}
    for line in path.read_text().splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        m = PIN.match(line.strip())
        assert m, f"{path.name}: not an exact pin: {line!r}"
        out.setdefault(canonicalize_name(m[1]), []).append((Version(m[2]), Marker(m[3]) if m[3] else None))
    return out


def pinned_here(path: Path, name: str) -> Version | None:
    """The version the lock gives `name` on this machine (its markers evaluated), or None."""
    return here(pins(path)).get(canonicalize_name(name))


def here(locked: dict[str, list[tuple[Version, Marker | None]]]) -> dict[str, Version]:
    """name → the version a lock gives it on this machine (markers evaluated); one pin per name at most."""
    out = {}
    for name, versions in locked.items():
        chosen = [v for v, marker in versions if marker is None or marker.evaluate()]
        assert len(chosen) <= 1, f"the lock pins {name} twice for this machine"
        if chosen:
            out[name] = chosen[0]
    return out


def _check_covered(path: Path, requirements: list[str]) -> None:
    for text in requirements:
        req = Requirement(text)
        if req.marker and not req.marker.evaluate():
            continue
        version = pinned_here(path, req.name)
        assert version is not None, f"{req.name} (pyproject.toml) is not in {path.name}: run `make lock`"
        assert req.specifier.contains(version, prereleases=True), (
            f"{path.name} pins {req.name}=={version}, outside pyproject.toml's {req.specifier}: run `make lock`"
        )


def test_every_runtime_and_hub_dependency_is_pinned_in_the_lab_lock_within_its_range():
    _check_covered(LAB, PYPROJECT["dependencies"] + PYPROJECT["optional-dependencies"]["hub"])


def test_every_dependency_and_test_tool_is_pinned_in_the_test_lock_within_its_range():
    extras = PYPROJECT["optional-dependencies"]
    _check_covered(TEST, PYPROJECT["dependencies"] + extras["hub"] + extras["test"])


def test_the_test_lock_pins_every_lab_package_at_the_same_version():
    lab, test = pins(LAB), pins(TEST)
    for name, versions in lab.items():
        assert test.get(name) == versions, f"{name}: lab.txt {versions} but test.txt {test.get(name)}"


def test_every_locked_package_needs_only_locked_packages():
    """The lock is closed: what each installed locked package requires is locked too (read from the venv)."""
    test = pins(TEST)
    for name in here(test):
        for text in importlib.metadata.requires(name) or []:
            req = Requirement(text)
            if req.marker and not req.marker.evaluate({"extra": ""}):
                continue
            assert canonicalize_name(req.name) in test, f"{name} needs {req.name}, which test.txt does not pin"


def test_the_venv_is_what_the_lock_pins():
    """`make lab` / `make test` installed the lock (run `make test` once after the lock changes)."""
    wrong = []
    for name, want in here(pins(TEST)).items():
        try:
            have = Version(importlib.metadata.version(name))
        except importlib.metadata.PackageNotFoundError:
            have = None
        if have != want:
            wrong.append(f"{name}: installed {have}, lock {want}")
    assert not wrong, "the venv is not the lock (`make test` installs it): " + "; ".join(wrong)


@pytest.mark.parametrize("path", [LAB, TEST], ids=["lab", "test"])
def test_each_lock_says_how_it_is_made(path):
    assert "make lock" in path.read_text().splitlines()[1]


def test_environment_yml_installs_the_lab_lock_on_the_locked_python():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda = [d for d in env["dependencies"] if isinstance(d, str)]
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert sorted(conda) == ["pip", f"python={LOCK_PYTHON}"]  # conda gives only Python and pip
    assert pip == ["-r requirements/lab.txt", "-e ."]  # relative to environment.yml, as conda and repo2docker run it


def test_make_installs_the_lock_and_make_lock_writes_it_for_the_same_python():
    makefile = (ROOT / "Makefile").read_text()
    assert "LOCK_LAB := requirements/lab.txt" in makefile and "LOCK_TEST := requirements/test.txt" in makefile
    assert f"LOCK_PYTHON := {LOCK_PYTHON}" in makefile
    stamp = re.search(r"^\$\(STAMP\):.*\n((?:\t.*\n)+)", makefile, re.M)
    assert stamp and "$(LOCK_TEST)" in stamp[0].splitlines()[0]  # reinstall when the lock changes
    assert "pip install --quiet -r $(LOCK_TEST)" in stamp[1] and "--no-deps -e ." in stamp[1]
    assert re.search(r"^lock:", makefile, re.M) and "uv pip compile" in makefile


def test_the_hub_recipes_install_the_lock():
    tljh = (ROOT / "deploy" / "tljh" / "README.md").read_text()
    assert "pip install -r /tmp/foot-twitch-lessons/requirements/lab.txt" in tljh
    assert "pip install --no-deps /tmp/foot-twitch-lessons" in tljh
    values = (ROOT / "deploy" / "z2jh" / "values.yaml").read_text()
    assert "repo2docker" in values and "environment.yml" in values  # the image is built from environment.yml
