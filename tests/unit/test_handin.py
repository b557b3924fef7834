"""The hand-in engine without a hub: no drop box, a missing folder, writing and replacing, the teacher's list.
(Other users' files and folders are tested with real Unix users in tests/hub.)"""

from __future__ import annotations

import json
import os
import pwd

from widgets.classroom import handin
from widgets.store.progress import ProgressStore

ME = pwd.getpwuid(os.getuid()).pw_name


def _progress(tmp_path):
    store = ProgressStore(tmp_path / "data")
    store.record("01-physiology", "01-physiology/q1", ["a"], True)
    return store.load()


def test_outside_a_hub_it_says_there_is_no_drop_box_and_to_download_instead(tmp_path):
    result = handin.hand_in(_progress(tmp_path), "Ann", environ={})
    assert not result.ok and result.path is None
    assert "no class drop box" in result.message and "Make my results file" in result.message


def test_a_missing_folder_says_tell_the_teacher_and_writes_nothing(tmp_path):
    box = tmp_path / "box"
    box.mkdir()
    result = handin.hand_in(_progress(tmp_path), "Ann", environ={handin.ENV: str(box), "JUPYTERHUB_USER": ME})
    assert not result.ok and "teacher" in result.message
    assert list(box.iterdir()) == []


def test_a_link_in_place_of_the_folder_is_refused(tmp_path):
    box, elsewhere = tmp_path / "box", tmp_path / "elsewhere"
    box.mkdir()
    elsewhere.mkdir()
    (box / ME).symlink_to(elsewhere)
    result = handin.hand_in(_progress(tmp_path), "Ann", environ={handin.ENV: str(box), "JUPYTERHUB_USER": ME})
    assert not result.ok and list(elsewhere.iterdir()) == []


def test_hand_in_writes_a_group_readable_file_and_a_second_one_replaces_it(tmp_path):
    box = tmp_path / "box"
    (box / ME).mkdir(parents=True)
    env = {handin.ENV: str(box), "JUPYTERHUB_USER": ME}
    old = os.umask(0o077)
    try:
        first = handin.hand_in(_progress(tmp_path), "Ann", environ=env)
    finally:
        os.umask(old)
    assert first.ok, first.message
    assert first.path.parent == box / ME and first.path.stat().st_mode & 0o777 == 0o640
    doc = json.loads(first.path.read_bytes())
    assert doc["name"] == "Ann" and doc["questions"]["01-physiology/q1"]["now_correct"] is True
    second = handin.hand_in(_progress(tmp_path), "Ann B.", environ=env)
    assert second.ok and [p.name for p in (box / ME).iterdir()] == [second.path.name]
    handins, refused = handin.read_handins(box, by="uid")
    assert [(u, d["name"]) for u, d in handins] == [(ME, "Ann B.")] and refused == []


def test_the_teacher_list_refuses_links_stray_files_and_broken_hand_ins(tmp_path):
    box = tmp_path / "box"
    (box / ME).mkdir(parents=True)
    (box / "stray.json").write_text("{}")
    (box / "not-a-user").mkdir()  # named after nobody: not owned by that name
    target = tmp_path / "secret.json"
    target.write_text("{}")
    (box / ME / "class-results-link.json").symlink_to(target)
    (box / ME / "class-results-x.json").write_text("not json")
    handins, refused = handin.read_handins(box, by="uid")
    assert handins == []
    reasons = {p.name: r for p, r in ((r.path, r.reason) for r in refused)}
    assert set(reasons) == {"stray.json", "not-a-user", "class-results-link.json", "class-results-x.json"}
    assert "plain file" in reasons["class-results-link.json"] and "JSON" in reasons["class-results-x.json"]
    # with one shared uid (Kubernetes), folders are kept apart by mounts and named by the hub user
    handins, _ = handin.list_handins(box, by="folder")
    assert [h.user for h in handins] == [ME]


def test_the_hub_side_needs_only_the_standard_library():
    """The hub's own Python imports `prepare_dropbox` after `pip install --no-deps` (deploy/tljh)."""
    import subprocess
    import sys

    code = (
        "import sys, widgets.classroom.handin; "
        "print(sorted(m for m in ('pydantic', 'yaml', 'ipywidgets', 'filelock', 'platformdirs') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_dropbox_files_feed_the_class_roll_up(tmp_path):
    from widgets.classroom.rollup import rollup
    from widgets.content.load import all_banks, load_review

    box = tmp_path / "box"
    (box / ME).mkdir(parents=True)
    (box / ME / "class-results-x.json").write_text("not json")
    files, skipped = handin.dropbox_files(box, by="uid")
    assert files == [] and [s.file for s in skipped] == [f"{ME}/class-results-x.json"]
    assert handin.hand_in(_progress(tmp_path), "Ann", environ={handin.ENV: str(box)}).ok
    files, skipped = handin.dropbox_files(box, by="uid")
    assert [f.split("/")[0] for f, _ in files] == [ME] and skipped == []
    r = rollup(files, all_banks(), load_review().questions, skipped)
    assert len(r.learners) == 1 and next(c for c in r.lessons if c.lesson == "01-physiology").started == 1
