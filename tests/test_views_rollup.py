"""The class results view over a folder: chart order and labels, tables, skipped files, missing folder."""

from widgets.demo_results import write_demo
from widgets.load import load_course
from widgets.views.rollup import ClassResults, class_results


def test_reads_a_folder_and_draws_the_most_missed_first(tmp_path):
    folder = write_demo(tmp_path / "class", learners=30, seed=5)
    view = ClassResults(str(folder))
    assert view.result is None
    view.read_button.click()
    result = view.result
    assert len(result.learners) == 30 and "30 learner(s)" in view.status.value
    bar = view.figure.data[0]
    shown = [s for s in result.questions if s.answered]
    assert list(bar.x) == [s.percent for s in shown]
    assert list(bar.x) == sorted(bar.x)
    assert view.figure.layout.yaxis.autorange == "reversed"        # first bar (most missed) on top
    assert all(s.question in label for s, label in zip(shown, bar.y))
    assert all(s.prompt.replace("&", "&amp;").replace("<", "&lt;") in h for s, h in zip(shown, bar.hovertext))
    for lesson in result.lessons:
        title = next(l.title for l in load_course().lessons if l.id == lesson.lesson)
        assert title.replace("'", "&#x27;") in view.completion.value
    top = result.misconceptions[0]
    assert f"{top.count} of {top.answered}" in view.misconceptions.value
    for name in ("class-results-broken.json", "progress.json", "notes.txt", "class-results-ada-old-copy.json"):
        assert name in view.skipped.value


def test_missing_folder_explains_what_to_do(tmp_path):
    view = class_results(tmp_path / "not-yet")
    assert view.result is None and view.figure is None
    assert "There is no folder" in view.status.value and "Make it" in view.status.value


def test_empty_folder_shows_no_learners_and_no_chart(tmp_path):
    view = class_results(tmp_path)
    assert view.result.learners == [] and view.figure is None
    assert "0 learner(s)" in view.status.value and "No files were skipped" in view.skipped.value


def test_demo_mode_makes_thirty_learners():
    view = class_results(demo=True)
    assert len(view.result.learners) == 30 and view.figure is not None
