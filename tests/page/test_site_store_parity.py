"""The site's progress reader says what the store says: every crafted restore file (tests/restore_cases.py) through
Python's `read_progress_upload` and through static/site_store.js `readProgressUpload` in real node, the outcome and
the whole message compared. A page-side check that accepts a file Python refuses, refuses one Python accepts, or
words a reason otherwise fails here.
"""

from __future__ import annotations

import base64
import json
import subprocess
from typing import Any

import pytest

from tests.page.test_quiz_parity import NODE
from tests.restore_cases import crafted
from widgets.store.progress_doc import ProgressDoc, ProgressFormatError, read_progress_upload
from widgets.views.palette import STATIC

STORE = STATIC / "site_store.js"

RUNNER = """
const S = await import(process.argv[1]);
const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
const out = {};
for (const [name, b64] of Object.entries(input)) {
  try { out[name] = { ok: true, doc: S.readProgressUpload(new Uint8Array(Buffer.from(b64, "base64")), "the file") }; }
  catch (e) { out[name] = e instanceof S.FormatError ? { ok: false, why: e.message } : { crash: String(e.stack) }; }
}
process.stdout.write(JSON.stringify(out));
"""


def run_node(runner: str, payload: Any) -> Any:
    done = subprocess.run(
        [NODE, "--no-warnings", "--input-type=commonjs", "-e", f"(async () => {{ {runner} }})()", str(STORE)],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)


def python_outcome(content: bytes) -> dict[str, Any]:
    try:
        return {"ok": True, "doc": read_progress_upload(content, what="the file")}
    except ProgressFormatError as e:
        return {"ok": False, "why": str(e)}


@pytest.fixture(scope="module")
def outcomes() -> dict[str, tuple[dict[str, Any], dict[str, Any]]]:
    cases = crafted()
    page = run_node(RUNNER, {name: base64.b64encode(c).decode() for name, c in cases.items()})
    return {name: (python_outcome(c), page[name]) for name, c in cases.items()}


def test_every_crafted_restore_file_gets_the_same_outcome_and_words_from_the_page_as_from_the_store(outcomes):
    differ = {name: (py, page) for name, (py, page) in outcomes.items() if py != page}
    assert not differ, json.dumps(differ, indent=1, ensure_ascii=False, default=str)[:4000]


def test_the_crafted_files_try_every_kind_of_refusal(outcomes):
    """The list is worth comparing: good files, and refusals from the JSON reader and from each model check."""
    reasons = [py["why"] for py, _ in outcomes.values() if not py["ok"]]
    assert sum(py["ok"] for py, _ in outcomes.values()) >= 8
    for words in [
        "not valid JSON",
        "not UTF-8",
        "UTF-16",
        "more than the",
        "nested more than",
        "nested too deeply",
        "not valid Unicode",
        "cannot be read: a number with",
        "is out of range",
        "is not a number JSON allows",
        "class-results file",
        "not a progress file",
        "unknown progress file version",
        "newer version",
        "attempt 1 is malformed",
        "attempt 3 is malformed",
        "Extra inputs are not permitted",
        "Field required",
        "appears twice",
        "more than 200 attempts",
        "List should have at most",
    ]:
        assert any(words in r for r in reasons), words


def test_the_page_reads_its_field_order_from_the_models():
    """The schema file lists fields sorted; the page keeps the models' order (errors come in that order)."""
    from widgets.store.progress_doc import Attempt

    text = STORE.read_text(encoding="utf-8")
    assert f"ProgressDoc: {json.dumps(list(ProgressDoc.model_fields))}" in text
    assert f"Attempt: {json.dumps(list(Attempt.model_fields))}" in text
