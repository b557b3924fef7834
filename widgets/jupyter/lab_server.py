"""The Jupyter settings shipped with the lessons, and the server extension they turn on.

``python -m widgets.jupyter.lab_server --install`` copies ``widgets/jupyter/config/`` into the environment's prefix
(``etc/jupyter/jupyter_server_config.d/``, JupyterLab's ``share/jupyter/lab/settings/overrides.d/`` and IPython's
``etc/ipython/``), where every Jupyter server, JupyterLab and IPython kernel of that environment reads them.
``make lab`` runs it before JupyterLab starts, Binder's ``postBuild`` (so also the hub image repo2docker builds,
deploy/z2jh) and the TLJH recipe (deploy/tljh) run it once. JupyterLab's defaults: no "news" pop-up; Markdown files
(the teacher's guide) open rendered. Kernels: each imports the widget modules when it starts (jupyter/warm.py), so
Run All does not wait for those imports. It also copies the prebuilt course extension (``labextension/`` beside this
file; source and build notes in the repository's ``labextension/``) into ``share/jupyter/labextensions/``: one course
tab, Next and Back in the same tab, one kernel, a course header and an end page. Its server side is the
``foot-twitch-lessons/course`` route this server extension adds (jupyter/course.py).

The server extension, for the lesson notebooks only: a notebook with a ``from widgets import`` cell at a lesson's
place under a lesson root (``lesson_root``), never one known by its name alone, so that a learner's own copy
elsewhere keeps its outputs (a mark in the notebook's metadata would not do: "Save As" copies it):

- strips, on every save (JupyterLab's autosave too), cell outputs, execution counts, run timings and saved
  widget state, and writes the notebook metadata back in the form the repository keeps (tools/nbclean.py).
  Reopened after its kernel stopped, a lesson then shows no "Error displaying widget" cells, only its text and
  its "Run → Run All Cells" line; and the files stay as committed, so ``make test`` keeps passing;
- gives the notebook, when it is opened, the full ``language_info`` its Python kernel will report (the
  repository keeps only ``{"name": "python"}``). JupyterLab writes the kernel's ``language_info`` into an
  opened notebook and marks its tab modified when that changes anything; with it already there, a lesson's
  tab opens unmodified;
- leaves the teacher's folders out of a lesson root's listing (``TEACHER_FOLDERS``: ``instructor/``, the guide, the
  answer key and the class results; ``text/``, the maintainers' text copies), so the learner's file browser shows the
  lessons and SOURCES.md only. They stay where they are and open by path (File → Open from Path…, or a
  ``/lab/tree/…`` address): this keeps the answer key from sitting two clicks from a learner; it is no secret, the
  repository is public.
"""

from __future__ import annotations

import argparse
import functools
import inspect
import json
import shutil
import sys
from pathlib import Path, PurePosixPath
from typing import Any

JSON = dict[str, Any]  # a notebook or a contents model, as JSON

CONFIG = Path(__file__).parent / "config"  # mirrors the prefix it is installed into
LABEXTENSION = Path(__file__).parent / "labextension"  # the course tab, prebuilt (source: labextension/)

STORED_LANGUAGE_INFO = {"name": "python"}  # what the repository keeps (tools/nbclean.py)
WIDGET_CELL = "from widgets import "


def kernel_language_info() -> dict[str, Any]:
    """The ``language_info`` an ipykernel running this Python reports (ipykernel's own fields and values)."""
    return {
        "codemirror_mode": {"name": "ipython", "version": sys.version_info[0]},
        "file_extension": ".py",
        "mimetype": "text/x-python",
        "name": "python",
        "nbconvert_exporter": "python",
        "pygments_lexer": "ipython3",
        "version": sys.version.split()[0],
    }


INSTRUCTOR_NOTEBOOK = PurePosixPath("instructor/class_results.ipynb")


@functools.cache
def course_notebooks() -> tuple[PurePosixPath, ...]:
    """The course map's notebooks, by their place under the lesson root."""
    from ..content.load import load_course

    return tuple(PurePosixPath(lesson.notebook) for lesson in load_course().lessons)


def lesson_places() -> frozenset[PurePosixPath]:
    """Every lesson notebook's place under the lesson root: the course map's and the instructor's."""
    return frozenset({*course_notebooks(), INSTRUCTOR_NOTEBOOK})


TEACHER_FOLDERS = frozenset({"instructor", "text"})  # in a lesson root, left out of its listing


def is_lesson_root(folder: Path) -> bool:
    """Whether `folder` holds every notebook of the course map at its place (``lessons/``, or a learner's copy)."""
    return all((folder / nb).is_file() for nb in course_notebooks())


def hide_teacher_folders(model: JSON, folder: Path | None) -> JSON:
    """Leave the teacher's folders out of the listing `model` of `folder` if it is a lesson root (in place).

    Only the listing: the folders and their files still open by path. A folder of that name anywhere else (a
    learner's own ``text/``) is listed as usual."""
    content = model.get("content")
    if model.get("type") == "directory" and isinstance(content, list) and folder is not None and is_lesson_root(folder):
        model["content"] = [
            e
            for e in content
            if not (isinstance(e, dict) and e.get("type") == "directory" and e.get("name") in TEACHER_FOLDERS)
        ]
    return model


def lesson_root(file: Path) -> Path | None:
    """The lesson root holding `file` at a lesson's place, or None.

    A lesson root is a folder holding every notebook of the course map, as ``lessons/`` does in the repository,
    in Binder and in each learner's copy pulled onto a hub. A file named like a lesson in any other folder (a
    learner's own copy) is not a lesson."""
    for place in lesson_places():
        depth = len(place.parts)
        if file.parts[-depth:] != place.parts or len(file.parts) <= depth:
            continue
        root = file.parents[depth - 1]
        if all((root / nb).is_file() for nb in course_notebooks()):
            return root
    return None


def is_lesson(file: Path, nb: Any) -> bool:
    """A lesson notebook: at a lesson's place under a lesson root, with at least one ``from widgets import`` cell.

    `file` is the notebook's path on disk; `nb` its JSON, of any shape (a broken file is simply not a lesson)."""
    cells = nb.get("cells") if isinstance(nb, dict) else None
    if not isinstance(cells, list) or not any(
        isinstance(c, dict) and c.get("cell_type") == "code" and _source(c).startswith(WIDGET_CELL) for c in cells
    ):
        return False
    return lesson_root(file) is not None


def _source(cell: JSON) -> str:
    src = cell.get("source", "")
    return "".join(map(str, src)) if isinstance(src, list) else str(src)


def _os_path(contents_manager: Any, path: str) -> Path | None:
    """Where the contents manager keeps the file at API path `path` (None for a manager without a folder)."""
    root = getattr(contents_manager, "root_dir", None)
    return Path(root, *PurePosixPath(path.strip("/")).parts) if isinstance(root, str) and root else None


def _python(meta: JSON) -> bool:
    """Whether the notebook is to be treated as Python: its ``language_info`` says so, is missing, or is not
    the object nbformat asks for (null, a string: JupyterLab writes the kernel's own over it)."""
    info = meta.get("language_info")
    return not isinstance(info, dict) or info.get("name", "python") == "python"


def strip(nb: JSON) -> JSON:
    """Remove outputs, execution counts, run timings and widget state from a notebook dict (in place)."""
    if not isinstance(nb.get("metadata"), dict):
        nb["metadata"] = {}
    meta = nb["metadata"]
    meta.pop("widgets", None)
    if _python(meta):
        meta["language_info"] = dict(STORED_LANGUAGE_INFO)
    for cell in nb.get("cells", []):
        if not isinstance(cell, dict):
            continue
        cell_meta = cell.get("metadata")
        if isinstance(cell_meta, dict):
            for key in ("execution", "trusted"):
                cell_meta.pop(key, None)
        if cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
    return nb


def pre_save(model: JSON, path: str, contents_manager: Any = None, **_: Any) -> None:
    """The contents manager's pre-save hook: strip a lesson notebook before it is written."""
    nb = model.get("content")
    file = _os_path(contents_manager, path)
    if model.get("type") == "notebook" and isinstance(nb, dict) and file is not None and is_lesson(file, nb):
        strip(nb)


def on_open(model: JSON, file: Path | None) -> JSON:
    """Give an opened lesson notebook (on disk at `file`) the ``language_info`` its kernel will report."""
    nb = model.get("content")
    if model.get("type") == "notebook" and isinstance(nb, dict) and file is not None and is_lesson(file, nb):
        if not isinstance(nb.get("metadata"), dict):
            nb["metadata"] = {}
        if _python(nb["metadata"]):
            nb["metadata"]["language_info"] = kernel_language_info()
    return model


def _wrap_get(contents_manager: Any) -> None:
    """Let ``on_open`` see every notebook the server hands out and ``hide_teacher_folders`` every listing (sync and
    async contents managers)."""
    original = contents_manager.get
    if getattr(original, "_lessons_wrapped", False):
        return
    if inspect.iscoroutinefunction(original):

        async def get(path: str, *args: Any, **kwargs: Any) -> JSON:
            file = _os_path(contents_manager, path)
            return hide_teacher_folders(on_open(await original(path, *args, **kwargs), file), file)
    else:

        def get(path: str, *args: Any, **kwargs: Any) -> JSON:  # type: ignore[misc]
            file = _os_path(contents_manager, path)
            return hide_teacher_folders(on_open(original(path, *args, **kwargs), file), file)

    get._lessons_wrapped = True  # type: ignore[attr-defined]
    contents_manager.get = get


def _jupyter_server_extension_points() -> list[dict[str, str]]:
    return [{"module": "widgets.jupyter.lab_server"}, {"module": "widgets.jupyter.course"}]  # course: the course tab


def _load_jupyter_server_extension(serverapp: Any) -> None:
    cm = serverapp.contents_manager
    cm.register_pre_save_hook(pre_save)
    _wrap_get(cm)
    serverapp.log.info("foot-twitch-lessons: lesson notebooks are saved without outputs or widget state")


def shipped_files() -> list[Path]:
    """The shipped settings files, relative to the prefix they go into."""
    return sorted(p.relative_to(CONFIG) for p in CONFIG.rglob("*.json"))


def labextension_name() -> str:
    """The course extension's name (its built package.json), which is also its folder under ``labextensions/``."""
    return str(json.loads((LABEXTENSION / "package.json").read_text(encoding="utf-8"))["name"])


def install_labextension(prefix: str | Path = sys.prefix) -> list[Path]:
    """Put the prebuilt course extension (``widgets/jupyter/labextension/``) where JupyterLab finds prebuilt
    extensions: ``<prefix>/share/jupyter/labextensions/<name>/`` (a copy: no Node, no build). An older copy there is
    replaced as a whole, so no file of an earlier build stays behind."""
    target = Path(prefix) / "share/jupyter/labextensions" / labextension_name()
    if target.is_symlink() or target.is_file():
        target.unlink()
    elif target.exists():
        shutil.rmtree(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copytree(LABEXTENSION, target)
    return sorted(p for p in target.rglob("*") if p.is_file())


def install(prefix: str | Path = sys.prefix) -> list[Path]:
    """Copy the shipped settings and the course extension into `prefix` (default: this environment); returns the
    files written."""
    written = []
    for rel in shipped_files():
        target = Path(prefix) / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(CONFIG / rel, target)
        written.append(target)
    return written + install_labextension(prefix)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m widgets.jupyter.lab_server", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--install", action="store_true", help="copy the lessons' settings and the course extension into the prefix"
    )
    parser.add_argument("--prefix", default=sys.prefix, help="environment prefix (default: this Python's)")
    args = parser.parse_args(argv)
    if not args.install:
        parser.error("nothing to do: use --install")
    for path in install(args.prefix):
        print(f"installed {path}")


if __name__ == "__main__":
    main()
