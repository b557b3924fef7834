"""The course tab: its prebuilt JupyterLab extension (committed, installed by ``lab_server --install``) and what the
server tells it about a notebook (widgets/jupyter/course.py). The tab itself: tests/browser/test_course_tab.py.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from pydantic import ValidationError

from tools import build_labextension
from widgets.content.load import CONTENT_DIR, load_bank, load_course
from widgets.content.model import Course
from widgets.jupyter import course, lab_server
from widgets.store.progress import ProgressStore

ROOT = Path(__file__).resolve().parents[2]
SOURCE = json.loads((ROOT / "labextension/package.json").read_text(encoding="utf-8"))
BUILT = json.loads((lab_server.LABEXTENSION / "package.json").read_text(encoding="utf-8"))


def locked(package: str) -> str:
    text = (ROOT / "requirements/lab.txt").read_text(encoding="utf-8")
    return re.search(rf"^{re.escape(package)}==([\d.]+)", text, re.M).group(1)


def test_the_committed_build_is_made_from_the_committed_source():
    # fails when labextension/src, style, package.json or the lock changed without `make labextension`
    assert build_labextension.main(["--check"]) == 0


def test_the_build_is_the_source_package_at_the_same_version_and_loads_a_file_it_ships():
    assert (BUILT["name"], BUILT["version"]) == (SOURCE["name"], SOURCE["version"])
    load = BUILT["jupyterlab"]["_build"]["load"]
    assert (lab_server.LABEXTENSION / load).is_file(), load
    assert re.fullmatch(r"static/remoteEntry\.[0-9a-f]+\.js", load)


def test_the_extension_asks_for_the_jupyterlab_packages_of_the_locked_jupyterlab():
    lab = locked("jupyterlab")  # 4.6.6: @jupyterlab/application 4.6.6, coreutils 6.6.6, services 7.6.6
    _, minor, patch = lab.split(".")
    for name, wanted in SOURCE["dependencies"].items():
        if not name.startswith("@jupyterlab/"):
            continue
        assert wanted.startswith("~"), f"{name} {wanted}: pin the minor version the lab ships"
        got = wanted[1:].split(".")
        assert got[1:] == [minor, patch], f"{name} {wanted} does not match jupyterlab {lab}"
    assert SOURCE["devDependencies"]["@jupyterlab/builder"] == "4.5.11"  # exact: see labextension/README.md
    lock = json.loads((ROOT / "labextension/package-lock.json").read_text(encoding="utf-8"))
    assert lock["packages"]["node_modules/@jupyterlab/application"]["version"] == lab


def test_install_puts_the_extension_where_jupyterlab_finds_prebuilt_ones_and_replaces_an_old_build(tmp_path):
    target = tmp_path / "share/jupyter/labextensions" / BUILT["name"]
    (target / "static").mkdir(parents=True)
    (target / "static/remoteEntry.old.js").write_text("old build")
    written = lab_server.install(tmp_path)
    assert target / "package.json" in written
    assert json.loads((target / "package.json").read_text())["jupyterlab"]["_build"] == BUILT["jupyterlab"]["_build"]
    assert not (target / "static/remoteEntry.old.js").exists(), "a file of the old build stayed"


@pytest.mark.slow
def test_jupyter_labextension_list_shows_the_installed_extension_enabled_and_ok(tmp_path):
    lab_server.install(tmp_path)
    env = dict(os.environ, JUPYTER_PATH=str(tmp_path / "share/jupyter"), JUPYTER_CONFIG_DIR=str(tmp_path / "cfg"))
    out = subprocess.run(
        [sys.executable, "-m", "jupyterlab.labextensions", "list"], env=env, capture_output=True, text=True, check=True
    )
    text = re.sub(r"\x1b\[[0-9;]*m", "", out.stdout + out.stderr)
    assert re.search(rf"{re.escape(BUILT['name'])} v{re.escape(BUILT['version'])} enabled\s+OK", text), text


def test_a_lesson_runs_itself_only_when_every_code_cell_is_a_plain_one_liner():
    """The extension's SAFE_CELL (src/index.js), run by node over every lesson's code cells and over riskier ones."""
    import nbformat

    cells = [
        c.source
        for l in load_course().lessons
        for c in nbformat.read(ROOT / "lessons" / l.notebook, as_version=4).cells
        if c.cell_type == "code"
    ]
    unsafe = [
        'from widgets import quiz\nquiz(__import__("os").system("ls"))',
        "from widgets import quiz\nquiz()\nimport os",
        "from widgets import quiz\nimport os",
        'from widgets import quiz; quiz("a").close()',
        "from widgets import quiz; glossary()",
        "import os; os.system('ls')",
    ]
    script = """
      const fs = require("fs");
      const src = fs.readFileSync(process.argv[1], "utf8");
      const SAFE_CELL = eval(src.match(/const SAFE_CELL = (\\/.*\\/);/)[1]);
      const cells = JSON.parse(fs.readFileSync(0, "utf8"));
      console.log(JSON.stringify(cells.map((s) => SAFE_CELL.test(s) && !s.includes("__"))));
    """
    out = subprocess.run(
        ["node", "-e", script, str(ROOT / "labextension/src/index.js")],
        input=json.dumps(cells + unsafe),
        capture_output=True,
        text=True,
        check=True,
    )
    verdicts = json.loads(out.stdout)
    assert verdicts[: len(cells)] == [True] * len(cells), [c for c, v in zip(cells, verdicts, strict=False) if not v]
    assert verdicts[len(cells) :] == [False] * len(unsafe)


# --- what the server tells the extension ---


@pytest.fixture
def store(tmp_path):
    return ProgressStore(tmp_path / "store")


def test_a_lesson_is_told_its_place_in_the_course_and_its_neighbours(store):
    state = course.course_state(ROOT, "lessons/02_lifestyle_triggers.ipynb", store)
    assert state["lesson"] and state["index"] == 2
    places = [l["place"] for l in state["lessons"]]
    assert places == ["Start here", *(f"Lesson {n} of 5" for n in range(1, 6))]
    assert [l["path"] for l in state["lessons"]] == [f"lessons/{l.notebook}" for l in load_course().lessons]


def test_the_header_progress_counts_the_learners_saved_answers(store):
    from tests.quiz_driver import answer
    from widgets.views.quiz import quiz

    q = quiz("01-physiology", store)
    answer(q, 0, q.cards[0].question.answer)
    state = course.course_state(ROOT, "lessons/01_what_is_a_twitch.ipynb", store)
    one = state["lessons"][1]
    total = len(load_bank("01-physiology").full_ids())
    assert (one["answered"], one["total"], one["first_try"]) == (1, total, 1)
    assert one["progress"] == f"1 of {total} questions answered"
    assert state["end"]["score"].startswith("You answered 1 of ")


def test_notebooks_that_are_not_course_lessons_get_no_course_tab(store, tmp_path):
    assert course.course_state(ROOT, "lessons/instructor/class_results.ipynb", store) == {"lesson": False}
    assert course.course_state(ROOT, "README.md", store) == {"lesson": False}
    assert course.course_state(ROOT, "lessons/99_missing.ipynb", store) == {"lesson": False}
    # a learner's own copy of a lesson, away from the lesson folder
    copy = tmp_path / "mine" / "01_what_is_a_twitch.ipynb"
    copy.parent.mkdir()
    copy.write_bytes((ROOT / "lessons/01_what_is_a_twitch.ipynb").read_bytes())
    assert course.course_state(tmp_path, "mine/01_what_is_a_twitch.ipynb", store) == {"lesson": False}


def test_a_lesson_root_below_the_server_root_gives_paths_from_the_server_root(store, tmp_path):
    import shutil

    shutil.copytree(ROOT / "lessons", tmp_path / "course-repo" / "lessons")
    state = course.course_state(tmp_path, "/course-repo/lessons/05_review.ipynb", store)
    assert state["index"] == 5 and state["lessons"][0]["path"] == "course-repo/lessons/00_start_here.ipynb"


def test_the_course_texts_need_their_placeholders():
    raw = yaml.safe_load((CONTENT_DIR / "course.yaml").read_text(encoding="utf-8"))
    raw["tab"]["lesson"] = "Lesson {number}"
    with pytest.raises(ValidationError, match="count"):
        Course.model_validate(raw)
    raw = yaml.safe_load((CONTENT_DIR / "course.yaml").read_text(encoding="utf-8"))
    raw["end"]["score"] = "Well done."
    with pytest.raises(ValidationError, match="answered"):
        Course.model_validate(raw)


def test_the_end_page_says_what_was_learned_what_to_do_next_and_where_to_get_help():
    end = load_course().end
    assert len(end.learned) >= 4 and end.next_steps
    assert "healthcare professional" in end.care
