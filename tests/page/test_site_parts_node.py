"""Page parts that run with no kernel, in node with a DOM (tests/js/site_parts.mjs, happy-dom): the restore button's
name has no leading space where its icon is hidden (issue 26), and the site's progress parts (the classic script
the site loads) draw the table and the keep/restore buttons, or say once that the browser keeps nothing.
"""

from __future__ import annotations

import json
import subprocess

from tests.page.test_quiz_parity import NODE
from tools.site import site_progress_data
from widgets.content.load import load_site_texts
from widgets.views.palette import STATIC

HARNESS = STATIC.parents[1] / "tests" / "js" / "site_parts.mjs"


def run(*args: str) -> dict:
    done = subprocess.run(
        [NODE, "--no-warnings", str(HARNESS), *args], capture_output=True, text=True, timeout=60, cwd=HARNESS.parent
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)


def test_the_restore_buttons_name_is_its_words_with_no_leading_space():
    assert run("filepicker", str(STATIC / "filepicker.js")) == {"name": "Choose a progress file"}


def site(tmp_path, mode: str) -> dict:
    data = tmp_path / "data.json"
    data.write_text(json.dumps(site_progress_data()).replace("</", "<\\/"), encoding="utf-8")
    return run("site", str(STATIC / "bundles" / "site_progress.js"), str(data), mode)


def test_the_sites_progress_parts_draw_the_table_and_the_buttons_from_a_fresh_browser(tmp_path):
    out = site(tmp_path, "ok")
    words = load_site_texts().progress
    assert out["ready"] == ["true", "true"] and out["notes"] == []
    assert [r[0] for r in out["rows"]][:1] == ["Lesson 1 of 5: What is a twitch?"]
    assert all(r[1].startswith("0/") and r[2:] == ["0", "0"] for r in out["rows"])
    assert out["buttons"] == [words.make_results, words.download, words.choose]


def test_a_browser_that_keeps_nothing_is_told_so_once_and_nothing_claims_kept(tmp_path):
    out = site(tmp_path, "blocked")
    assert out["notes"] == [load_site_texts().progress.not_kept]
    assert out["ready"] == ["true", "true"]
