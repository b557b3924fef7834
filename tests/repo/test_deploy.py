"""The deploy files: the z2jh values validate against the chart's own schema (merged over its defaults, as
helm does), the default URL is the project's nbgitpuller link, and the copied chart files keep their licence."""

from __future__ import annotations

import copy
from pathlib import Path
from urllib.parse import urlsplit

import jsonschema
import pytest
import yaml

from widgets.jupyter.links import nbgitpuller_url, settings

ROOT = Path(__file__).resolve().parents[2]
Z2JH = ROOT / "deploy" / "z2jh"


def _yaml(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _merge(base, over):
    """Helm's merge of a values file over the chart defaults: maps merge key by key, anything else replaces."""
    if isinstance(base, dict) and isinstance(over, dict):
        out = dict(base)
        for k, v in over.items():
            out[k] = _merge(base.get(k), v) if k in base else v
        return out
    return copy.deepcopy(over)


def _errors(values) -> list[str]:
    schema = _yaml(Z2JH / "chart" / "values.schema.yaml")
    validator = jsonschema.Draft7Validator(schema)
    merged = _merge(_yaml(Z2JH / "chart" / "chart-defaults.yaml"), values)
    return [f"{'.'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(merged)]


def test_values_validate_against_the_chart_schema():
    assert _errors(_yaml(Z2JH / "values.yaml")) == []


@pytest.mark.parametrize(
    "path, value",
    [
        (("singleuser", "memry"), {"guarantee": "1G"}),  # a typo of a key
        (("singleuser", "memory", "guarantee"), ["512M"]),  # a wrong type
        (("cull", "timeout"), "an hour"),
    ],
)
def test_the_schema_catches_a_mistake(path, value):
    values = _yaml(Z2JH / "values.yaml")
    node = values
    for key in path[:-1]:
        node = node.setdefault(key, {})
    node[path[-1]] = value
    assert _errors(values), f"{'.'.join(path)} = {value!r} passed the schema"


def test_default_url_is_the_projects_nbgitpuller_link():
    conf = settings(ROOT / "pyproject.toml")
    link = urlsplit(nbgitpuller_url("https://hub.example.org", conf["repository"], conf["branch"]))
    assert link.path == "/hub/user-redirect/git-pull"
    assert _yaml(Z2JH / "values.yaml")["singleuser"]["defaultUrl"] == f"/git-pull?{link.query}"


def test_drop_box_mounts_only_the_learners_own_folder():
    su = _yaml(Z2JH / "values.yaml")["singleuser"]
    (mount,) = [m for m in su["storage"]["extraVolumeMounts"] if m["name"] == "dropbox"]
    assert (
        mount["subPath"] == "{username}"
        and mount["mountPath"] == su["extraEnv"]["FOOT_LESSONS_DROPBOX"] + "/{username}"
    )
    assert su["extraEnv"]["FOOT_LESSONS_DROPBOX_OWNERS"] == "folder"


def test_copied_chart_files_keep_their_licence_and_source():
    readme = (Z2JH / "chart" / "README.md").read_text(encoding="utf-8")
    assert "jupyterhub/zero-to-jupyterhub-k8s" in readme and "commit" in readme
    assert (Z2JH / "chart" / "LICENSE").read_text(encoding="utf-8").startswith("BSD 3-Clause License")
    for path in [Z2JH / "values.yaml", ROOT / "deploy" / "tljh" / "jupyterhub_config.d" / "foot-lessons.py"]:
        assert "checked on paper" in path.read_text(encoding="utf-8").lower(), path
