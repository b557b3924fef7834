"""The class results view over a folder: chart order and labels, tables, files to check, picks, demo folder."""

import json
import tempfile

from widgets.classroom.demo_results import write_demo
from widgets.content.load import load_course
from widgets.views.class_results import ClassResults, class_results


def test_reads_a_folder_and_draws_the_most_missed_first(tmp_path):
    folder = write_demo(tmp_path / "class", learners=30, seed=5)
    view = ClassResults(str(folder))
    assert view.result is None
    view.read_button.click()
    result = view.result
    assert len(result.learners) == 29 and "29 learner(s) counted" in view.status.value
    assert "1 learner code(s) are in more than one file" in view.status.value
    # one chart per lesson, picked from a list in course order; every answered question in exactly one of them
    course = [l.id for l in load_course().lessons]
    assert [v for _, v in view.lesson_picker.options] == sorted(view.charts, key=course.index)
    assert view.figure is view.charts[view.lesson_picker.value]
    drawn = 0
    for lesson in view.charts:
        view.lesson_picker.value = lesson
        bar = view.figure["data"][0]
        shown = [s for s in result.questions if s.answered and s.lesson == lesson]
        drawn += len(shown)
        assert list(bar["x"]) == [s.percent for s in shown]
        assert list(bar["x"]) == sorted(bar["x"])
        assert view.figure["layout"]["yaxis"]["autorange"] == "reversed"  # first bar (most missed) on top
        assert all(s.question in label for s, label in zip(shown, bar["y"], strict=True))
        hovers = bar["hovertext"]
        assert all(s.prompt.replace("&", "&amp;").replace("<", "&lt;") in h for s, h in zip(shown, hovers, strict=True))
        title = next(l.title for l in load_course().lessons if l.id == lesson)
        assert view.figure["layout"]["title"]["text"].startswith(title.replace("'", "&#x27;"))
        assert len(shown) <= 20  # fits a screen, where the whole course made one ~50-bar figure
    assert drawn == len([s for s in result.questions if s.answered])
    x = view.figure["layout"]["xaxis"]
    assert x["title"]["text"] == "right on the first try (% of the learners who answered)"
    assert 100 in x["tickvals"] and x["range"][1] > 100  # the 100 % tick is drawn
    for lesson in result.lessons:
        title = next(l.title for l in load_course().lessons if l.id == lesson.lesson)
        assert title.replace("'", "&#x27;") in view.completion.value
    top = result.misconceptions[0]
    assert f"{top.count} of {top.answered}" in view.misconceptions.value
    for name in ("class-results-broken.json", "progress.json", "notes.txt"):
        assert name in view.skipped.value


def test_files_sharing_a_learner_code_are_shown_side_by_side_and_the_teacher_picks(tmp_path):
    folder = write_demo(tmp_path / "class", learners=3, seed=5)
    view = class_results(folder)
    [(code, picker)] = view.pickers.items()
    files = [f for f in picker.options if f[1]]
    assert [f[1] for f in files] == sorted(f[1] for f in files) and picker.value is None
    box = view.duplicates.children[0].children[0].value
    assert code in box and all(f[1] in box for f in files) and "Right first try" in box
    assert view.result.learners == ["Ben", "Cleo"]
    view.pick(code, "class-results-ada-old-copy.json")
    assert sorted(view.result.learners) == ["Ada", "Ben", "Cleo"] and "more than one file" not in view.status.value
    view.read_button.click()  # reading again keeps the pick
    assert view.pickers[code].value == "class-results-ada-old-copy.json" and len(view.result.learners) == 3
    view.pickers[code].value = None  # the radio buttons drive the same thing
    assert view.result.learners == ["Ben", "Cleo"]


def test_answers_to_an_older_version_of_a_question_are_listed(tmp_path):
    folder = write_demo(tmp_path / "class", learners=1, seed=5, bad_files=False)
    path = next(folder.iterdir())
    doc = json.loads(path.read_text())
    qid = sorted(q for q in doc["questions"] if not q.startswith("05-review/"))[0]
    doc["questions"][qid]["hash"] = "0" * 16
    path.write_text(json.dumps(doc))
    view = class_results(folder)
    assert f"{qid}: 1 learner(s)" in view.checks.value and "older version" in view.checks.value
    assert view.result.flagged == []


def test_a_forged_file_is_listed_with_what_does_not_add_up(tmp_path):
    folder = write_demo(tmp_path / "class", learners=2, seed=5, bad_files=False)
    path = sorted(folder.iterdir())[0]
    doc = json.loads(path.read_text())
    for entry in doc["questions"].values():
        entry.update(first_correct=True, now_correct=True)
    doc.update(exported="9999-01-01T00:00:00+00:00", learner="learner-" + "f" * 16, name="<b>Mallory</b>")
    (folder / "forged.json").write_text(json.dumps(doc))
    view = class_results(folder)
    assert "1 file(s) do not add up" in view.status.value
    assert "forged.json" in view.checks.value and "&lt;b&gt;Mallory&lt;/b&gt;" in view.checks.value
    assert "in the future (9999-01-01)" in view.checks.value and "<b>Mallory" not in view.checks.value


def test_missing_folder_explains_what_to_do(tmp_path):
    view = class_results(tmp_path / "not-yet")
    assert view.result is None and view.figure is None
    assert "There is no folder" in view.status.value and "Make it" in view.status.value


def test_empty_folder_shows_no_learners_and_no_chart(tmp_path):
    view = class_results(tmp_path)
    assert view.result.learners == [] and view.figure is None
    assert "0 learner(s)" in view.status.value and "No files were skipped" in view.skipped.value


def test_demo_folder_is_new_and_private_not_a_fixed_path_in_the_shared_temp_folder(tmp_path, monkeypatch):
    """Issue 12: the demo wrote to one fixed path in the shared temp folder; a link planted there was followed."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # the shared temp folder, for this test
    victim = tmp_path / "victim"
    victim.mkdir()
    (tmp_path / "foot-lessons-class-results-demo").symlink_to(victim)  # planted at the old fixed path
    first, second = class_results(demo=True), class_results(demo=True)
    assert len(first.result.learners) == 29 and first.figure is not None and len(first.pickers) == 1
    folders = {first.folder.value, second.folder.value}
    assert len(folders) == 2 and list(victim.iterdir()) == []
    for f in folders:
        assert f.startswith(str(tmp_path / "class-results-demo-"))
        assert (tmp_path / f).stat().st_mode & 0o777 == 0o700


def test_on_a_hub_the_view_reads_the_drop_box_and_reads_it_again_without_re_running(tmp_path, monkeypatch):
    """FOOT_LESSONS_DROPBOX set: class_results() reads the hand-ins; a second hand-in shows after Read again."""
    import os
    import pwd

    from widgets.classroom import handin
    from widgets.store.progress import ProgressStore

    me = pwd.getpwuid(os.getuid()).pw_name
    box = tmp_path / "box"
    (box / me).mkdir(parents=True)
    monkeypatch.setenv(handin.ENV, str(box))
    monkeypatch.setenv(handin.ENV_OWNERS, "uid")
    view = class_results()
    assert view.dropbox == box and "Class drop box" in view.folder.description and view.folder.disabled
    assert view.result is not None and len(view.result.learners) == 0
    store = ProgressStore(tmp_path / "data")
    store.record("01-physiology", "01-physiology/q1", ["a"], True)
    assert handin.hand_in(store.load(), "Ann").ok
    view.read_button.click()  # the refresh control: no notebook re-run
    assert len(view.result.learners) == 1


def test_a_missing_drop_box_gives_one_message(tmp_path, monkeypatch):
    from widgets.classroom import handin

    monkeypatch.setenv(handin.ENV, str(tmp_path / "nowhere"))
    view = class_results()
    assert view.result is None
    assert "The class drop box" in view.status.value and "cannot be read" in view.status.value


def test_one_learner_with_no_answers_gets_a_sentence_not_an_empty_chart(tmp_path):
    from widgets.classroom import export
    from widgets.content.load import all_banks, load_review
    from widgets.store.progress import empty_progress

    doc = export.build_export(empty_progress(), all_banks(), "Ann", review=load_review().questions)
    (tmp_path / export.export_filename(doc)).write_bytes(export.encode(doc))
    view = class_results(tmp_path)
    assert len(view.result.learners) == 1
    assert view.figure is None and view.charts == {} and view.chart.layout.display == "none"
    assert "No chart yet" in view.chart_note.value
    assert view.lesson_picker.layout.display == "none"
