"""The Jupyter settings shipped with the lessons (widgets/jupyter/lab_server.py): installed into a prefix, read by a
real JupyterLab server, lesson files saved without outputs or widget state, lesson tabs opened unmodified."""

from __future__ import annotations

import copy
import json
import os
import shutil
import sys
import types
import urllib.error
from pathlib import Path

import nbformat
import pytest

from tests.browser.lab import LESSONS, Lab, start_lab
from widgets.content.load import load_course
from widgets.jupyter import lab_server

LESSON = "01_what_is_a_twitch.ipynb"
ROOT = Path(__file__).resolve().parents[2]


def _ran(nb: dict) -> dict:
    """A copy of a lesson as JupyterLab saves it after Run All: outputs, counts, timings, widget state."""
    nb = copy.deepcopy(nb)
    nb["metadata"]["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}, "version_major": 2}}
    nb["metadata"]["language_info"] = lab_server.kernel_language_info()
    for n, cell in enumerate(nb["cells"]):
        cell.setdefault("metadata", {})["trusted"] = True
        if cell["cell_type"] == "code":
            cell["execution_count"] = n
            cell["metadata"]["execution"] = {"iopub.status.busy": "2026-11-25T17:00:00.000Z"}
            cell["outputs"] = [
                {
                    "output_type": "display_data",
                    "metadata": {},
                    "data": {"application/vnd.jupyter.widget-view+json": {"model_id": "abc", "version_major": 2}},
                }
            ]
    return nb


def _lesson_json(name: str = LESSON) -> dict:
    return json.loads((LESSONS / name).read_text(encoding="utf-8"))


def test_strip_gives_back_the_committed_notebook():
    stored = _lesson_json()
    assert lab_server.strip(_ran(stored)) == stored


def test_pre_save_strips_lessons_only():
    ran = _ran(_lesson_json())
    repository = types.SimpleNamespace(root_dir=str(ROOT))  # a server rooted at the repository, as on Binder
    model = {"type": "notebook", "content": copy.deepcopy(ran)}
    lab_server.pre_save(model=model, path=f"lessons/{LESSON}", contents_manager=repository)
    assert model["content"] == _lesson_json()
    other = {"type": "notebook", "content": copy.deepcopy(ran)}
    lab_server.pre_save(model=other, path="my_own_notes.ipynb", contents_manager=repository)  # keeps its outputs
    assert other["content"] == ran
    plain = copy.deepcopy(ran)
    plain["cells"] = [c for c in plain["cells"] if not "".join(c["source"]).startswith("from widgets import")]
    same_name = {"type": "notebook", "content": copy.deepcopy(plain)}
    lab_server.pre_save(model=same_name, path=f"lessons/{LESSON}", contents_manager=repository)  # no lesson widget
    assert same_name["content"] == plain


def test_every_lesson_notebook_counts_as_a_lesson():
    names = [p.name for p in LESSONS.glob("*.ipynb")] + ["class_results.ipynb"]
    for name in names:
        path = next(LESSONS.rglob(name))
        assert lab_server.is_lesson(path, json.loads(path.read_text(encoding="utf-8"))), name


def test_install_copies_the_shipped_settings(tmp_path):
    written = lab_server.install(tmp_path)
    settings = sorted(p.relative_to(tmp_path) for p in written if "labextensions" not in p.parts)
    assert settings == lab_server.shipped_files()  # and the course extension (integration/test_course_extension.py)
    server = json.loads((tmp_path / "etc/jupyter/jupyter_server_config.d/foot-twitch-lessons.json").read_text())
    assert server["ServerApp"]["jpserver_extensions"] == {"widgets.jupyter.lab_server": True}
    lab = json.loads((tmp_path / "share/jupyter/lab/settings/overrides.d/foot-twitch-lessons.json").read_text())
    assert lab["@jupyterlab/apputils-extension:notification"]["fetchNews"] == "false"
    assert lab["@jupyterlab/docmanager-extension:plugin"]["defaultViewers"]["markdown"] == "Markdown Preview"


def test_make_lab_and_binder_install_the_settings():
    makefile = (ROOT / "Makefile").read_text()
    lab_recipe = makefile.split("\nlab:", 1)[1].split("\n\n", 1)[0]
    assert "-m widgets.jupyter.lab_server --install" in lab_recipe
    post_build = ROOT / "postBuild"
    assert os.access(post_build, os.X_OK) and "python -m widgets.jupyter.lab_server --install" in post_build.read_text()
    assert "python -m widgets.jupyter.lab_server --install" in (ROOT / "deploy/tljh/README.md").read_text()


def test_licence_is_an_spdx_string():
    """setuptools >= 77 warns at every install about a licence table or licence classifiers."""
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert isinstance(project["license"], str)
    assert not [c for c in project.get("classifiers", []) if c.startswith("License ::")]


@pytest.fixture(scope="module")
def server():
    """A real JupyterLab server on the settings the package ships (the browser suite's launcher)."""
    with start_lab(shipped=True, warm_kernels=False) as lab:
        yield lab


def test_a_real_server_saves_lessons_without_outputs(server):
    ran = _ran(_lesson_json())
    server.api("PUT", f"/api/contents/{LESSON}", {"type": "notebook", "format": "json", "content": ran})
    on_disk = nbformat.read(server.root / LESSON, as_version=4)
    assert "widgets" not in on_disk.metadata
    assert all(c.outputs == [] and c.execution_count is None for c in on_disk.cells if c.cell_type == "code")
    assert json.loads((server.root / LESSON).read_text()) == _lesson_json()  # as committed: `make test` passes
    # a notebook of the learner's own keeps what it shows
    server.api("PUT", "/api/contents/mine.ipynb", {"type": "notebook", "format": "json", "content": ran})
    assert any(c.get("outputs") for c in nbformat.read(server.root / "mine.ipynb", as_version=4).cells)


def test_a_real_server_opens_lessons_with_the_kernels_language_info(server):
    model = server.api("GET", f"/api/contents/{LESSON}?content=1")
    assert model["content"]["metadata"]["language_info"] == lab_server.kernel_language_info()


def _on_disk(server, path: str) -> dict:
    return json.loads((server.root / path).read_text(encoding="utf-8"))


def test_a_learners_own_copy_named_like_a_lesson_in_another_folder_keeps_its_outputs(server):
    """Issue 24 item 6: the extension knew lessons by file name, so a learner's own notebook named like a lesson,
    saved in a folder of their own, lost every output and its widget state at each save. A lesson is a notebook
    at its place under a lesson root; a copy anywhere else is the learner's."""
    ran = _ran(_lesson_json())
    for folder in ("my-work", "instructor"):
        server.api("PUT", f"/api/contents/{folder}", {"type": "directory"})
        copy_path = f"{folder}/{LESSON}"
        server.api("PUT", f"/api/contents/{copy_path}", {"type": "notebook", "format": "json", "content": ran})
        saved = _on_disk(server, copy_path)
        assert saved["metadata"].get("widgets") == ran["metadata"]["widgets"], f"{copy_path} lost its widget state"
        assert [(c.get("outputs"), c.get("execution_count")) for c in saved["cells"]] == [
            (c.get("outputs"), c.get("execution_count")) for c in ran["cells"]
        ], copy_path
    # the lessons pulled onto a hub sit in a folder of the learner's home: still lessons there
    shutil.copytree(LESSONS, server.root / "pulled" / "lessons", ignore=shutil.ignore_patterns("text"))
    server.api("PUT", f"/api/contents/pulled/lessons/{LESSON}", {"type": "notebook", "format": "json", "content": ran})
    assert _on_disk(server, f"pulled/lessons/{LESSON}") == _lesson_json()


@pytest.mark.parametrize("language_info", [None, "python"], ids=["null", "a string"])
def test_a_lesson_whose_language_info_is_null_or_a_string_opens_and_is_stripped_on_save(server, language_info):
    """Issue 24 item 17: `metadata.language_info` null or a string made the extension raise: opening the lesson
    gave HTTP 500 (it opens without the extension), and saving it silently skipped the stripping."""
    name = "02_lifestyle_triggers.ipynb" if language_info is None else "03_local_foot_causes.ipynb"
    odd = _lesson_json(name)
    odd["metadata"]["language_info"] = language_info
    (server.root / name).write_text(json.dumps(odd), encoding="utf-8")
    problems = []
    try:
        model = server.api("GET", f"/api/contents/{name}?content=1")
        assert model["content"]["metadata"]["language_info"] == lab_server.kernel_language_info()
        assert [c["id"] for c in model["content"]["cells"]] == [c["id"] for c in odd["cells"]]
    except urllib.error.HTTPError as e:
        problems.append(f"opening it gave HTTP {e.code}")
    ran = _ran(_lesson_json(name))
    ran["metadata"]["language_info"] = language_info
    server.api("PUT", f"/api/contents/{name}", {"type": "notebook", "format": "json", "content": ran})
    if _on_disk(server, name) != _lesson_json(name):  # stripped, in the form the repository keeps
        problems.append("saving it kept its outputs and widget state")
    assert not problems, f"{name} with language_info {language_info!r}: {'; '.join(problems)}"


def test_a_real_server_gives_jupyterlab_the_shipped_defaults(server):
    news = server.api("GET", "/lab/api/settings/@jupyterlab/apputils-extension:notification")
    props = news["schema"]["properties"]
    assert props["fetchNews"]["default"] == "false"
    assert props["checkForUpdates"]["default"] is False
    docs = server.api("GET", "/lab/api/settings/@jupyterlab/docmanager-extension:plugin")
    assert docs["schema"]["properties"]["defaultViewers"]["default"] == {"markdown": "Markdown Preview"}


def _kernel_run(code: str, *args: str) -> str:
    """Start a real IPython kernel (extra command-line `args`), run `code`, return its stdout; the kernel is stopped."""
    from jupyter_client.manager import start_new_kernel

    km, kc = start_new_kernel(kernel_name="python3", extra_arguments=list(args), cwd=str(LESSONS))
    try:
        out: list[str] = []
        reply = kc.execute_interactive(
            code,
            timeout=60,
            output_hook=lambda m: out.append(m["content"].get("text", "")) if m["msg_type"] == "stream" else None,
        )
        assert reply["content"]["status"] == "ok", reply["content"]
        return "".join(out)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


PROBE = (
    "import sys\n"
    "print(sorted(m for m in ('widgets.views.quiz', 'widgets.views.figure', 'ipywidgets') if m in sys.modules))\n"
    "print('widgets' in dir())"
)


def test_shipped_kernel_settings_import_the_widgets_when_a_kernel_starts(tmp_path):
    """Installed into an environment (IPython reads <prefix>/etc/ipython), the settings load widgets/jupyter/warm.py in
    every kernel at start: the first widget cell finds its modules imported; the learner's namespace gets nothing."""
    from IPython.core.application import ENV_CONFIG_DIRS

    config = next(p for p in lab_server.install(tmp_path) if p.name == "ipython_kernel_config.json")
    assert config.parent.relative_to(tmp_path).as_posix() == "etc/ipython"
    assert str(Path(sys.prefix) / "etc/ipython") in ENV_CONFIG_DIRS  # where this environment's kernels read it
    assert _kernel_run(PROBE, f"--config={config}").split() == [
        "['ipywidgets',",
        "'widgets.views.figure',",
        "'widgets.views.quiz']",
        "False",
    ]


def test_a_kernel_without_the_shipped_settings_imports_on_first_use():
    """Without the settings (here: turned off on the command line, which beats any installed file) nothing is
    imported ahead, and a one-liner still works: it imports what it needs."""
    out = _kernel_run(
        PROBE + "\nfrom widgets import quiz; print(type(quiz('01-physiology')).__module__)",
        "--IPKernelApp.extensions=[]",
    )
    assert out.split() == ["[]", "False", "widgets.views.quiz"]


LEARNERS_LISTING = sorted([*(lesson.notebook for lesson in load_course().lessons), "SOURCES.md"])


@pytest.fixture(scope="module")
def learners_server():
    """A server of its own, rooted at a copy of lessons/ that no other test writes into (as `make lab` roots it)."""
    with start_lab(shipped=True, warm_kernels=False) as lab:
        yield lab


def _names(lab: Lab, path: str) -> list[str]:
    return sorted(e["name"] for e in lab.api("GET", f"/api/contents/{path}?content=1")["content"])


@pytest.mark.slow  # a real JupyterLab server (conftest.py's SLOW_FIXTURES knows `server` only)
def test_the_learners_lessons_folder_lists_the_six_lessons_and_sources_only(learners_server):
    """Issue 26 item 3: instructor/ (the answer key two clicks away) and text/ sat at the top of the learner's file
    browser. The server (root at lessons/, as `make lab`) lists the lessons and SOURCES.md; both folders are there."""
    assert (learners_server.root / "instructor" / "answer_key.md").is_file() and (
        learners_server.root / "text"
    ).is_dir()
    assert _names(learners_server, "") == LEARNERS_LISTING
    assert len(LEARNERS_LISTING) == 7


@pytest.mark.slow  # a real JupyterLab server (conftest.py's SLOW_FIXTURES knows `server` only)
def test_the_lessons_pulled_into_a_home_list_the_same(learners_server):
    """On a hub nbgitpuller clones the whole repository into each home (Binder serves it too): lessons/ inside it
    lists the same seven entries, and a folder of the learner's own called text/ or instructor/ is listed."""
    home = learners_server.root / "home-copy"
    shutil.copytree(
        LESSONS, home / "foot-twitch-lessons" / "lessons", ignore=shutil.ignore_patterns(".ipynb_checkpoints")
    )
    (home / "text").mkdir()
    (home / "instructor").mkdir()
    try:
        assert _names(learners_server, "home-copy/foot-twitch-lessons/lessons") == LEARNERS_LISTING
        assert _names(learners_server, "home-copy") == ["foot-twitch-lessons", "instructor", "text"]
    finally:
        shutil.rmtree(home)  # the server's root lists as the learner's lessons folder again


@pytest.mark.slow  # a real JupyterLab server (conftest.py's SLOW_FIXTURES knows `server` only)
def test_the_teachers_notebook_and_folders_still_open_by_path(learners_server):
    """Hidden from the listing only: the teacher opens class_results.ipynb by its path (File → Open from Path…), and
    the folder itself lists (Open from Path… `instructor` shows it in the file browser)."""
    model = learners_server.api("GET", "/api/contents/instructor/class_results.ipynb?content=1")
    assert model["type"] == "notebook" and model["content"]["cells"]
    assert {"answer_key.md", "class_results.ipynb", "guide.md"} <= set(_names(learners_server, "instructor"))
    assert "00_start_here.md" in _names(learners_server, "text")
