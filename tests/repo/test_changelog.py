"""The package's version has one home (widgets.__version__, read by pyproject.toml) and a CHANGELOG entry."""

import re
import tomllib
from importlib.metadata import version
from pathlib import Path

import widgets

ROOT = Path(__file__).resolve().parents[2]


def test_the_newest_changelog_entry_is_the_package_version():
    headings = re.findall(r"^## (\d+\.\d+\.\d+)\b", (ROOT / "CHANGELOG.md").read_text(encoding="utf-8"), re.M)
    assert headings and headings[0] == widgets.__version__, headings[:1]
    assert headings == sorted(headings, key=lambda v: tuple(map(int, v.split("."))), reverse=True), "newest first"


def test_pyproject_reads_the_version_from_the_package():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" in project["project"]["dynamic"] and "version" not in project["project"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "widgets.__version__"}
    assert version("foot-twitch-lessons") == widgets.__version__  # the installed metadata (make reinstalls on change)
