"""What the course tab shows about an open notebook: its place in the course, the learner's progress, the texts.

The JupyterLab extension (source in ``labextension/``, built into ``widgets/jupyter/labextension/``) asks the
server ``GET <base_url>foot-twitch-lessons/course?path=<the notebook's API path>`` whenever a notebook opens and
when its tab comes back to the front. The answer is read from the files, with no kernel: the course map and its
texts (content/course.yaml) and the progress store the lessons' kernels write (store/progress.py). A notebook that
is not a lesson of the course (``lab_server.lesson_root``) gets ``{"lesson": false}`` and the extension leaves it
alone, as it does when this server extension is not running.
"""

from __future__ import annotations

import asyncio
from pathlib import Path, PurePosixPath
from typing import Any

from ..content.load import load_course
from . import lab_server

ROUTE = "foot-twitch-lessons/course"


def course_state(root_dir: str | Path, path: str, store: Any = None) -> dict[str, Any]:
    """The course tab's data for the notebook at API path `path` under the server's `root_dir`; the progress is read
    from `store` (a ``ProgressStore``; default: the learner's own, as the lessons' kernels use)."""
    from ..views.progress import saved_scores  # the views know the store; this package only asks them

    api = PurePosixPath(path.strip("/"))
    file = Path(root_dir, *api.parts)
    course = load_course()
    places = [PurePosixPath(l.notebook) for l in course.lessons]
    root = lab_server.lesson_root(file) if file.is_file() else None
    if root is None or file.relative_to(root).as_posix() not in {p.as_posix() for p in places}:
        return {"lesson": False}
    here = places.index(PurePosixPath(file.relative_to(root).as_posix()))
    api_root = api.parents[len(places[here].parts) - 1]  # the lesson root as an API path
    scores = saved_scores(store)
    count = len(course.lessons) - 1  # "Start here" is not counted as a lesson
    tab = course.tab
    lessons = []
    for n, (info, place) in enumerate(zip(course.lessons, places, strict=True)):
        score = scores.get(info.id)
        lessons.append(
            {
                "path": (api_root / place).as_posix(),
                "number": n,
                "title": info.title,
                "place": tab.start if n == 0 else tab.lesson.format(number=n, count=count),
                "answered": score.answered if score else 0,
                "total": score.total if score else 0,
                "first_try": score.first_try if score else 0,
                "progress": tab.progress.format(answered=score.answered, total=score.total) if score else "",
            }
        )
    answered = sum(s.answered for s in scores.values())
    total = sum(s.total for s in scores.values())
    first_try = sum(s.first_try for s in scores.values())
    end = course.end.model_dump()
    end["score"] = course.end.score.format(answered=answered, total=total, first_try=first_try)
    return {
        "lesson": True,
        "index": here,
        "course": course.title,
        "lessons": lessons,
        "texts": tab.model_dump(),
        "end": end,
    }


def _load_jupyter_server_extension(serverapp: Any) -> None:
    """Add ``ROUTE`` to the server (an extension point of ``widgets.jupyter.lab_server``)."""
    from jupyter_server.utils import url_path_join

    route = url_path_join(serverapp.web_app.settings.get("base_url", "/"), ROUTE)
    serverapp.web_app.add_handlers(".*$", [(route, handler_class())])


def handler_class() -> type:
    """The tornado handler for ``ROUTE`` (made here so that importing this module needs no jupyter_server)."""
    import tornado.web
    from jupyter_server.base.handlers import APIHandler

    class CourseHandler(APIHandler):
        @tornado.web.authenticated
        async def get(self) -> None:
            path = self.get_query_argument("path", "")
            if ".." in PurePosixPath(path).parts:
                raise tornado.web.HTTPError(400, "path must stay under the server's root")
            root = getattr(self.contents_manager, "root_dir", None)
            if not (isinstance(root, str) and root):
                self.finish({"lesson": False})
                return
            # off the server's event loop: reading the progress file may wait for a kernel's write
            self.finish(await asyncio.to_thread(course_state, root, path))

    return CourseHandler
