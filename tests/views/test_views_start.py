"""Lesson 00's own widgets (issue 26 item 8), driven from Python: an empty name box with an example, a results file
named once, "Hand in my results" only where a drop box exists, no raw path on screen, words from content/start.yaml."""

from __future__ import annotations

import os
import pwd
import re

import ipywidgets as W
import pytest
import yaml

from tests.course_text import prose
from widgets.classroom import export, handin
from widgets.content.load import CONTENT_DIR, load_course, load_start_texts
from widgets.store.progress import ProgressStore
from widgets.views.backup import ProgressBackup
from widgets.views.handin import HandInButton
from widgets.views.progress import ProgressOverview

ME = pwd.getpwuid(os.getuid()).pw_name
WORDS = load_start_texts()
FOLD = re.compile(r"<details\b.*?</details>", re.S)


def _store(tmp_path) -> ProgressStore:
    store = ProgressStore(tmp_path / "data")
    store.record("01-physiology", "01-physiology/q1", ["b"], False)
    return store


def _box(tmp_path) -> dict[str, str]:
    (tmp_path / "box" / ME).mkdir(parents=True)
    return {handin.ENV: str(tmp_path / "box")}


def shown(widget: W.Widget) -> list[W.Widget]:
    """Every widget drawn on the page under `widget` (itself too), leaving out boxes set to display: none."""
    if getattr(widget.layout, "display", None) == "none":
        return []
    out = [widget]
    for child in getattr(widget, "children", ()):
        out += shown(child)
    return out


def page_text(widget: W.Widget) -> str:
    """What a learner reads: HTML values, button and box labels, placeholders (closed folds left out)."""
    parts = []
    for w in shown(widget):
        if isinstance(w, W.HTML):
            parts.append(FOLD.sub("", w.value))
        for attr in ("description", "placeholder", "tooltip"):
            parts.append(str(getattr(w, attr, "") or ""))
    return "\n".join(parts)


def test_the_name_box_is_empty_with_an_example_not_the_learner_code(tmp_path):
    store = _store(tmp_path)
    code = store.learner()
    for view in (ProgressBackup(store, environ={}), HandInButton(store, environ=_box(tmp_path))):
        assert view.name.value == ""
        assert view.name.placeholder == WORDS.name_box.placeholder and code not in view.name.placeholder
        assert view.name.description == WORDS.name_box.label


def test_a_results_file_with_no_name_is_named_once_by_the_learner_code(tmp_path, monkeypatch):
    """It was class-results-learner-c79d…-learner-c79d….json: the empty name defaulted to the code, then the file name
    put the code in twice."""
    monkeypatch.setattr("widgets.views.backup.Download.send", lambda *a, **k: None)
    store = _store(tmp_path)
    code = store.learner()
    view = ProgressBackup(store, environ={})
    doc = view.make_export()
    assert export.export_filename(doc) == f"class-results-{code}.json"
    assert f"class-results-{code}.json" in view.export_out.value and "no name" in view.export_out.value
    view.name.value = "Sam"
    assert export.export_filename(view.make_export()) == f"class-results-sam-{code}.json"


def test_hand_in_is_offered_only_where_a_drop_box_exists(tmp_path):
    store = _store(tmp_path)
    laptop = ProgressBackup(store, environ={})
    assert not laptop.hand_in.offered and laptop.hand_in.button not in shown(laptop)
    assert laptop.export_button in shown(laptop)
    said = page_text(laptop)
    assert WORDS.results.hand_in not in said and "Make my results file" in said and "teacher" in said
    hub = ProgressBackup(store, environ=_box(tmp_path))
    assert hub.hand_in.offered and hub.hand_in.button in shown(hub) and WORDS.results.hand_in in page_text(hub)
    hub.hand_in.button.click()
    assert hub.hand_in.result is not None and hub.hand_in.result.ok


def test_the_lesson_5_hand_in_says_what_to_do_instead_on_a_laptop(tmp_path):
    alone = HandInButton(_store(tmp_path), environ={})
    assert alone.button not in shown(alone) and alone.name not in shown(alone)
    said = page_text(alone)
    assert "Start here" in said and "Make my results file" in said
    alone.button.click()  # from code: the same advice, nothing written
    assert not alone.result.ok and "Make my results file" in alone.out.value


def test_no_raw_path_on_screen_the_folder_is_in_a_closed_fold(tmp_path):
    """It showed `Saved in: ~/.local/…/progress.db`; after a reset the notice named the folder of the backup."""
    store = _store(tmp_path)
    folder = str(store.directory)
    view = ProgressOverview(store)
    backup = ProgressBackup(store, environ={})
    assert folder not in page_text(view) and folder not in page_text(backup)
    (fold,) = FOLD.findall(view.table.value)
    assert fold.startswith('<details class="lesson-small-print') and " open" not in fold.split(">", 1)[0]
    assert folder in fold and WORDS.progress.where_summary in fold
    view.reset_button.click()
    view.confirm_button.click()
    notice = page_text(view.notice)
    assert "progress-reset-" in notice and WORDS.progress.folder_words in notice and folder not in notice
    assert folder in view.notice.value  # for the curious, inside the fold


def test_the_table_says_where_each_lesson_sits_in_the_course(tmp_path):
    view = ProgressOverview(_store(tmp_path))
    lessons = load_course().lessons[1:]
    for n, lesson in enumerate(lessons, start=1):
        assert f"Lesson {n} of {len(lessons)}: {lesson.title}" in view.table.value
    assert "Lesson 2 of 5: Everyday triggers" in view.table.value


def test_the_start_words_are_data_and_a_broken_file_is_refused(tmp_path):
    from widgets.content.load import ContentError, load_file
    from widgets.content.start_model import StartTexts

    raw = yaml.safe_load((CONTENT_DIR / "start.yaml").read_text(encoding="utf-8"))
    raw["progress"]["row"] = "Lesson {n}: {title}"  # lost {total}: "of 5" would vanish
    bad = tmp_path / "start.yaml"
    bad.write_text(yaml.safe_dump(raw), encoding="utf-8")
    with pytest.raises(ContentError, match="total"):
        load_file(StartTexts, bad)


def _strings(node) -> list[str]:
    if isinstance(node, str):
        return [re.sub(r"\{\w+\}", "it", node)]
    if isinstance(node, dict):
        return [s for v in node.values() for s in _strings(v)]
    if isinstance(node, list):
        return [s for v in node for s in _strings(v)]
    return []


def test_the_start_words_read_at_grade_8_or_below(textstat):
    text = prose(_strings(WORDS.model_dump()))
    assert textstat.flesch_kincaid_grade(text) <= 8.0, textstat.flesch_kincaid_grade(text)


def test_lesson_00_words_match_what_the_learner_sees():
    """The grey boxes a learner sees are code lines (the widgets appear below them); the hand-in button is described
    as appearing only with a drop box; the page says where it sits in the course."""
    from tests.course_text import LESSONS, notebook_text

    text = " ".join(notebook_text(LESSONS / "00_start_here.ipynb").split())
    assert "grey boxes hold" not in text and "grey box with one line of code" in text
    assert "Nothing is sent anywhere" not in text  # a school's hub may collect answers (deploy/README.md, xAPI)
    assert "with a drop box, you also see Hand in my results" in text
    assert "start of the course, and five lessons come after it" in text and "Lesson 1 of 5" in text
