"""What the course tab shows about an open notebook: its place in the course, the learner's progress, the texts.

The JupyterLab extension (source in ``labextension/``, built into ``widgets/jupyter/labextension/``) asks the
server ``GET <base_url>foot-twitch-lessons/course?path=<the notebook's API path>`` whenever a notebook opens and
when its tab comes back to the front. The answer is read from the files, with no kernel: the course map and its
texts (content/course.yaml) and the progress store the lessons' kernels write (store/progress.py). A notebook that
is not a lesson of the course (``lab_server.lesson_root``) gets ``{"lesson": false}`` and the extension leaves it
alone, as it does when this server extension is not running.
"""

from __future__ import annotations

import contextlib
from pathlib import Path, PurePosixPath
from typing import Any

from ..content.load import lesson_ids, load_bank, load_course
from ..engine import scoring
from ..engine.review import LESSON as REVIEW_LESSON
from ..store.progress import ProgressStore, ProgressUnavailable
from . import lab_server

ROUTE = "foot-twitch-lessons/course"


def lesson_scores(store: ProgressStore) -> dict[str, scoring.LessonScore]:
    """Each lesson's score, by lesson id, as the progress overview counts it (lessons with no quiz are left out)."""
    from ..views.review import review_score  # the review counts the lesson questions it brought back

    banks = set(lesson_ids())
    ids = {l.id: load_bank(l.id).full_ids() for l in load_course().lessons if l.id in banks}
    status = store.question_status([q for qs in ids.values() for q in qs])
    out = {}
    for lesson in load_course().lessons:
        if lesson.id == REVIEW_LESSON:
            out[lesson.id] = review_score(store)
        elif lesson.id in banks:
            out[lesson.id] = scoring.score_from_status(lesson.id, ids[lesson.id], status)
    return out


def course_state(root_dir: str | Path, path: str, store: ProgressStore | None = None) -> dict[str, Any]:
    """The course tab's data for the notebook at API path `path` under the server's `root_dir`."""
    api = PurePosixPath(path.strip("/"))
    file = Path(root_dir, *api.parts)
    course = load_course()
    places = [PurePosixPath(l.notebook) for l in course.lessons]
    root = lab_server.lesson_root(file) if file.is_file() else None
    if root is None or file.relative_to(root).as_posix() not in {p.as_posix() for p in places}:
        return {"lesson": False}
    here = places.index(PurePosixPath(file.relative_to(root).as_posix()))
    api_root = api.parents[len(places[here].parts) - 1]  # the lesson root as an API path
    scores: dict[str, scoring.LessonScore] = {}
    with contextlib.suppress(ProgressUnavailable):  # no progress to show; the lessons themselves say why
        scores = lesson_scores(store or ProgressStore())
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


def handler_class() -> type:
    """The tornado handler for ``ROUTE`` (made here so that importing this module needs no jupyter_server)."""
    import tornado.web
    from jupyter_server.base.handlers import APIHandler

    class CourseHandler(APIHandler):  # type: ignore[misc]
        @tornado.web.authenticated
        def get(self) -> None:
            path = self.get_query_argument("path", "")
            if ".." in PurePosixPath(path).parts:
                raise tornado.web.HTTPError(400, "path must stay under the server's root")
            root = getattr(self.contents_manager, "root_dir", None)
            state = course_state(root, path) if isinstance(root, str) and root else {"lesson": False}
            self.finish(state)

    return CourseHandler
