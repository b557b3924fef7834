"""The "Hand in my results" button: into the drop box on a hub, a plain message outside one."""

from __future__ import annotations

import json
import os
import pwd

import ipywidgets as W

from widgets.classroom import handin
from widgets.store.progress import ProgressStore
from widgets.views.handin import HandInButton

ME = pwd.getpwuid(os.getuid()).pw_name


def _store(tmp_path):
    store = ProgressStore(tmp_path / "data")
    store.record("01-physiology", "01-physiology/q1", ["b"], False)
    return store


def test_outside_a_hub_the_click_says_to_use_the_results_file(tmp_path):
    v = HandInButton(_store(tmp_path), environ={})
    v.button.click()
    assert not v.result.ok and "Make my results file" in v.out.value and "no class drop box" in v.out.value


def test_on_a_hub_one_click_hands_in_under_the_typed_name(tmp_path):
    box = tmp_path / "box"
    (box / ME).mkdir(parents=True)
    v = HandInButton(_store(tmp_path), environ={handin.ENV: str(box)})
    v.name.value = "Ann <b>"
    v.button.click()
    assert v.result.ok and "lesson-icon-right" in v.out.value and "&lt;" not in v.out.value
    (saved,) = (box / ME).iterdir()
    doc = json.loads(saved.read_bytes())
    assert doc["name"] == "Ann <b>" and doc["questions"]["01-physiology/q1"]["first_correct"] is False


def test_it_can_share_the_start_notebooks_name_field(tmp_path):
    name = W.Text(value="Ben")
    box = tmp_path / "box"
    (box / ME).mkdir(parents=True)
    v = HandInButton(_store(tmp_path), name=name, environ={handin.ENV: str(box)})
    assert v.name is name
    v.button.click()
    assert json.loads(v.result.path.read_bytes())["name"] == "Ben"
