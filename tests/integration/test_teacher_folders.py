"""The teacher's folders (lessons/instructor, lessons/text) are left out of the learner's lessons folder in every
set-up: the listing filter of the lessons' server extension, and every set-up turning that extension on.

The real server's listing is tested in tests/integration/test_lab_config.py (a JupyterLab started with the
shipped settings)."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from jupyter_core.paths import SYSTEM_CONFIG_PATH

from widgets.jupyter import lab_server

ROOT = Path(__file__).resolve().parents[2]
LESSONS = ROOT / "lessons"
SERVER_CONFIG = lab_server.CONFIG / "etc/jupyter/jupyter_server_config.d/foot-twitch-lessons.json"
INSTALL = "python -m widgets.jupyter.lab_server --install"


def _entry(name: str, kind: str = "directory") -> dict:
    return {"name": name, "path": name, "type": kind}


def _listing(*entries: dict) -> dict:
    return {"type": "directory", "content": list(entries)}


def test_a_lesson_roots_listing_leaves_out_instructor_and_text():
    model = _listing(_entry("instructor"), _entry("text"), _entry("00_start_here.ipynb", "notebook"), _entry("mine"))
    lab_server.hide_teacher_folders(model, LESSONS)
    assert [e["name"] for e in model["content"]] == ["00_start_here.ipynb", "mine"]


def test_other_folders_and_files_named_alike_are_listed(tmp_path):
    """Only a lesson root's own folders are left out: a learner's folder text/ in their home, or a file called
    `text` in the lessons folder, is listed."""
    elsewhere = _listing(_entry("instructor"), _entry("text"))
    lab_server.hide_teacher_folders(elsewhere, tmp_path)
    assert [e["name"] for e in elsewhere["content"]] == ["instructor", "text"]
    a_file = _listing(_entry("text", "file"))
    lab_server.hide_teacher_folders(a_file, LESSONS)
    assert [e["name"] for e in a_file["content"]] == ["text"]
    notebook = {"type": "notebook", "content": {"cells": []}}
    assert lab_server.hide_teacher_folders(notebook, LESSONS) == {"type": "notebook", "content": {"cells": []}}


def test_the_repositorys_lessons_folder_is_a_lesson_root_with_the_teachers_folders_in_it():
    assert lab_server.is_lesson_root(LESSONS)
    assert {p.name for p in LESSONS.iterdir() if p.is_dir() and not p.name.startswith(".")} == set(
        lab_server.TEACHER_FOLDERS
    )
    assert (LESSONS / "instructor" / "class_results.ipynb").is_file()


def test_every_set_up_turns_the_extension_on():
    """`make lab`, Binder (postBuild; the z2jh image is built from it), TLJH (its README's install step) install the
    shipped settings; z2jh also mounts the same server setting, so it holds with any image that has the package."""
    shipped = json.loads(SERVER_CONFIG.read_text())
    assert shipped == {"ServerApp": {"jpserver_extensions": {"widgets.jupyter.lab_server": True}}}
    makefile = (ROOT / "Makefile").read_text()
    assert "-m widgets.jupyter.lab_server --install" in makefile.split("\nlab:", 1)[1].split("\n\n", 1)[0]
    assert INSTALL in (ROOT / "postBuild").read_text()
    assert INSTALL in (ROOT / "deploy/tljh/README.md").read_text()
    singleuser = yaml.safe_load((ROOT / "deploy/z2jh/values.yaml").read_text())["singleuser"]
    (mounted,) = [f for f in singleuser["extraFiles"].values() if f["mountPath"].endswith(SERVER_CONFIG.name)]
    assert mounted["data"] == shipped
    assert str(Path(mounted["mountPath"]).parent.parent) in SYSTEM_CONFIG_PATH  # a folder every Jupyter server reads
    assert Path(mounted["mountPath"]).parent.name == "jupyter_server_config.d"


def test_the_teachers_guide_says_how_to_open_the_hidden_notebook():
    readme = (ROOT / "README.md").read_text()
    guide = (LESSONS / "instructor" / "guide.md").read_text()
    for text in (readme, guide):
        assert "Open from Path" in text and "instructor/class_results.ipynb" in text
        assert "public" in text
