"""environment.yml installs the same packages as pyproject.toml (conda can't run here, so compare lists)."""

import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).parent.parent


def test_environment_yml_matches_pyproject():
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda = [d for d in env["dependencies"] if isinstance(d, str)]
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert sorted(c.split("=")[0] for c in conda) == ["pip", "python"]  # conda gives only Python and pip
    assert sorted(p for p in pip if p != "-e .") == sorted(deps)
    assert "-e ." in pip
