"""The clinical safety case is checked, not only written: safety/hazard-log.yaml against the tests and the report.

Fast (every run): every hazard names at least one test, and every named test exists (pytest collects it); every
rating is DCB0129's 5x5 matrix and is marked "draft for Clinical Safety Officer review"; no residual risk is above
its initial risk; every broken fixture named by a control exists, is used and still applies to today's files; the
report's summary table is the one rendered from the log (``python -m tests.test_safety_case --write`` rewrites it);
and no lesson or widget claims the course is "not a medical device".

Slow (``-m slow``): the named tests pass on an unbroken copy of the project, and for every control with a broken
fixture (tests/fixtures/broken_safety/), the control is removed in a fresh copy and its tests must then FAIL. The
copy is widgets/, tests/, lessons/, tools/ and the top files, in a temporary folder that comes first on the Python
path, so nothing in the working tree is touched. A fixture says how the break is caught: ``test`` (a named test
fails on an assertion) or ``loader`` (the content loader refuses the file, so the tests cannot even start).
"""

from __future__ import annotations

import copy
import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import date
from functools import cache
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
LOG = ROOT / "safety" / "hazard-log.yaml"
CASE = ROOT / "safety" / "safety-case.md"
BROKEN = ROOT / "tests" / "fixtures" / "broken_safety"
STATUS = "draft for Clinical Safety Officer review"
COMMAND = "python -m tests.test_safety_case --write"

# DCB0129's scheme, as NHS Digital's implementation guidance sets it out (safety/safety-case.md, "Risk scheme").
SEVERITY = {1: "minor", 2: "significant", 3: "considerable", 4: "major", 5: "catastrophic"}
LIKELIHOOD = {1: "very low", 2: "low", 3: "medium", 4: "high", 5: "very high"}
MATRIX = {  # likelihood -> risk for severity minor ... catastrophic
    5: (3, 4, 4, 5, 5),
    4: (2, 3, 3, 4, 5),
    3: (2, 2, 3, 3, 4),
    2: (1, 2, 2, 3, 4),
    1: (1, 1, 2, 2, 3),
}
# Topics the issue asks the log to cover (each hazard has one `topic`).
TOPICS = {
    "under-triage",
    "alarm",
    "skipped questions",
    "misread question",
    "distressed pupil",
    "explore mode",
    "out-of-date source",
    "out-of-date offline copy",
    "wrong region",
    "store failure",
    "healthcare plan",
    "teacher switch",
    "injury",
    "reassuring wording",
    "vague call now",
}
KINDS = {"design", "test", "information"}
OPS = {"replace", "set", "remove_rule", "set_outcome"}
COPIED = ("widgets", "tests", "lessons", "tools", "conftest.py", "pyproject.toml", "README.md")
IGNORED = shutil.ignore_patterns("__pycache__", "*.pyc", "node_modules", "artifacts", ".ipynb_checkpoints")


# -- reading the log ---------------------------------------------------------------------------------------------
@cache
def log() -> dict:
    return yaml.safe_load(LOG.read_text(encoding="utf-8"))


def hazards() -> list[dict]:
    return log()["hazards"]


def controls() -> list[tuple[dict, dict]]:
    return [(h, c) for h in hazards() for c in h["controls"]]


def level(value: str, words: dict[int, str]) -> int:
    """ "5 catastrophic" -> 5, checking the word is the scale's word for that number."""
    m = re.fullmatch(r"([1-5]) ([a-z ]+)", str(value))
    assert m, f"{value!r}: expected a number 1-5 and its word, e.g. '4 {words[4]}'"
    n = int(m.group(1))
    assert m.group(2) == words[n], f"{value!r}: {n} is {words[n]!r} on DCB0129's scale"
    return n


def risk(rating: dict) -> int:
    return MATRIX[level(rating["likelihood"], LIKELIHOOD)][level(rating["severity"], SEVERITY) - 1]


def named_tests() -> list[str]:
    return sorted({t for _, c in controls() for t in c.get("tests", [])})


def fixture(path: str) -> dict:
    return yaml.safe_load((ROOT / path).read_text(encoding="utf-8"))


@cache
def collected() -> frozenset[str]:
    """Every test id pytest collects from the files the log names (one collection per session)."""
    files = sorted(_existing_files())
    if not files:
        return frozenset()
    out = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-o", "addopts=", "-p", "no:cacheprovider", *files],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    ).stdout
    return frozenset(line.strip() for line in out.splitlines() if "::" in line and not line.startswith(" "))


def _existing_files() -> set[str]:
    return {t.split("::")[0] for t in named_tests() if (ROOT / t.split("::")[0]).is_file()}


def exists(node: str) -> bool:
    return any(c == node or c.startswith(node + "[") or c.startswith(node + "::") for c in collected())


# -- the fast checks ---------------------------------------------------------------------------------------------
def test_the_matrix_is_dcb0129s():
    """Spot checks against the published table, and risk never falls as severity or likelihood rises."""
    assert MATRIX[1] == (1, 1, 2, 2, 3) and MATRIX[5] == (3, 4, 4, 5, 5) and MATRIX[3][2] == 3
    for lik in range(1, 6):
        for sev in range(1, 6):
            if sev < 5:
                assert MATRIX[lik][sev - 1] <= MATRIX[lik][sev]
            if lik < 5:
                assert MATRIX[lik][sev - 1] <= MATRIX[lik + 1][sev - 1]


def test_the_log_is_complete_and_its_ids_are_in_order():
    top = log()
    assert {"system", "version", "date", "scheme", "status", "hazards", "signoff"} <= set(top)
    assert top["status"] == STATUS and top["scheme"]["matrix"] == {k: list(v) for k, v in MATRIX.items()}
    date.fromisoformat(str(top["date"]))
    ids = [h["id"] for h in hazards()]
    assert ids == [f"H-{i:02d}" for i in range(1, len(ids) + 1)], ids
    fields = {"id", "title", "topic", "cause", "effect", "initial", "controls", "residual", "clinician_signoff"}
    for h in hazards():
        assert fields <= set(h) <= fields | {"open_actions"}, (h["id"], set(h) ^ fields)
        for f in ("title", "cause", "effect", "clinician_signoff"):
            assert isinstance(h[f], str) and len(h[f].split()) >= 3, (h["id"], f)
        assert h["controls"], h["id"]
        cids = [c["id"] for c in h["controls"]]
        assert cids == [f"{h['id']}.C{i}" for i in range(1, len(cids) + 1)], cids
        for c in h["controls"]:
            assert set(c) <= {"id", "text", "kind", "tests", "broken"} and c["kind"] in KINDS, c["id"]
            assert len(c["text"].split()) >= 4, c["id"]


def test_every_topic_the_issue_names_has_a_hazard():
    assert {h["topic"] for h in hazards()} >= TOPICS
    assert {h["topic"] for h in hazards()} <= TOPICS | {"no verdict shown", "stale verdict"}


def test_every_hazard_names_a_test_and_every_named_test_exists():
    for h in hazards():
        assert any(c.get("tests") for c in h["controls"]), f"{h['id']} names no test"
    missing = [t for t in named_tests() if not exists(t)]
    assert not missing, f"named in safety/hazard-log.yaml but not collected by pytest: {missing}"


def test_every_rating_is_the_matrix_and_marked_draft_for_clinical_safety_officer_review():
    for h in hazards():
        for when in ("initial", "residual"):
            r = h[when]
            assert set(r) == {"severity", "likelihood", "risk", "status"}, (h["id"], when)
            assert r["risk"] == risk(r), f"{h['id']} {when}: risk {r['risk']}, the matrix gives {risk(r)}"
            assert r["status"] == STATUS, (h["id"], when)


def test_no_residual_risk_is_above_its_initial_risk():
    for h in hazards():
        i, r = h["initial"], h["residual"]
        assert r["risk"] <= i["risk"], h["id"]
        assert level(r["severity"], SEVERITY) <= level(i["severity"], SEVERITY), h["id"]
        assert level(r["likelihood"], LIKELIHOOD) <= level(i["likelihood"], LIKELIHOOD), h["id"]


def test_every_broken_fixture_exists_is_used_and_still_applies():
    """A fixture whose text or rule no longer exists would prove nothing: it fails here, fast, naming itself."""
    used = {c["broken"] for _, c in controls() if c.get("broken")}
    on_disk = {str(p.relative_to(ROOT)) for p in BROKEN.glob("*.yaml")}
    assert used <= on_disk, f"named but missing: {sorted(used - on_disk)}"
    assert on_disk <= used, f"fixtures no control names: {sorted(on_disk - used)}"
    for _, c in controls():
        if c.get("broken"):
            assert c.get("tests"), f"{c['id']}: a broken fixture needs a test to catch it"
    for path in sorted(used):
        f = fixture(path)
        assert set(f) == {"breaks", "caught_by", "patches"} and f["caught_by"] in ("test", "loader"), path
        assert f["patches"], path
        for p in f["patches"]:
            assert p["op"] in OPS and (ROOT / p["file"]).is_file(), (path, p)
            apply(copy.deepcopy(p), ROOT, dry=True)
    apply(copy.deepcopy(HARMLESS), ROOT, dry=True)  # the slow checker's control run still applies too


def test_the_safety_case_table_is_the_one_rendered_from_the_log():
    text = CASE.read_text(encoding="utf-8")
    assert table_block() in text, f"the summary table in {CASE.name} differs from the log: run `{COMMAND}`"


def test_the_safety_case_says_what_the_issue_asks():
    text = " ".join(CASE.read_text(encoding="utf-8").split())
    for needed in (
        "Intended use",
        "Who it is not for",
        "Medical device stand-alone software including apps",
        "The personal check",
        "Explore mode and the practice stories",
        "keep the personal check pending regulatory advice",
        "run it on stories only",
        "EU MDR and FDA rules were not assessed",
        STATUS,
        "Clinical Safety Officer",
        "school nurse",
    ):
        assert needed.lower() in text.lower(), needed
    signoff = log()["signoff"]
    assert {"who", "what", "by"} <= set(signoff) and signoff["status"] == "to do"
    assert date.fromisoformat(str(signoff["by"])) > date.fromisoformat(str(log()["date"]))
    assert f"by {signoff['by']}" in text


def test_no_lesson_or_widget_claims_not_a_medical_device():
    """The personal check is the kind of software MHRA names as most likely to be a device (safety-case.md)."""
    files = [ROOT / "README.md", *(ROOT / "lessons").rglob("*"), *(ROOT / "widgets").rglob("*")]
    said = [
        str(p.relative_to(ROOT))
        for p in files
        if p.is_file()
        and p.suffix in {".md", ".ipynb", ".yaml", ".py", ".html", ".js", ".toml"}
        and "not a medical device" in p.read_text(encoding="utf-8", errors="replace").lower()
    ]
    assert not said, said


# -- the summary table -------------------------------------------------------------------------------------------
def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def render_table() -> str:
    rows = [
        "| Hazard | Title | Initial (S × L → risk) | Controls (tests / broken fixture) | Residual (S × L → risk) |",
        "|---|---|---|---|---|",
    ]
    for h in hazards():
        i, r = h["initial"], h["residual"]
        tested = sum(1 for c in h["controls"] if c.get("tests"))
        broken = sum(1 for c in h["controls"] if c.get("broken"))
        rows.append(
            f"| {h['id']} | {_cell(h['title'])} | {i['severity']} × {i['likelihood']} → **{i['risk']}** | "
            f"{len(h['controls'])} ({tested} tested, {broken} with a broken fixture) | "
            f"{r['severity']} × {r['likelihood']} → **{r['risk']}** |"
        )
    cs = [c for _, c in controls()]
    rows += [
        "",
        f"Totals: {len(hazards())} hazards; {len(cs)} controls, {sum(1 for c in cs if c.get('tests'))} of them "
        f"verified by named tests ({len(named_tests())} distinct tests), {sum(1 for c in cs if c.get('broken'))} "
        f"with a broken fixture; {sum(len(h.get('open_actions', [])) for h in hazards())} open actions.",
    ]
    return "\n".join(rows)


def table_block() -> str:
    return (
        f"<!-- hazard-table generated by `{COMMAND}`; do not edit by hand -->\n{render_table()}\n<!-- /hazard-table -->"
    )


def write_table() -> bool:
    text = CASE.read_text(encoding="utf-8")
    new = re.sub(r"<!-- hazard-table generated.*?<!-- /hazard-table -->", lambda _: table_block(), text, flags=re.S)
    if new != text:
        CASE.write_text(new, encoding="utf-8")
    return new != text


# -- breaking a control in a copy --------------------------------------------------------------------------------
def _dump(data) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1_000_000)


def _step(node, key):
    """One step of a `set` path: a key, a list index, or ``id=<value>`` for the list entry with that id."""
    if isinstance(key, str) and key.startswith("id="):
        found = [x for x in node if isinstance(x, dict) and x.get("id") == key[3:]]
        assert len(found) == 1, f"no single entry with {key}"
        return found[0]
    return node[key]


def _rule(data: dict, rid: str) -> dict:
    found = [r for r in data["rules"] if r["id"] == rid]
    assert len(found) == 1, f"no rule {rid!r} in the rule file (the fixture no longer applies)"
    return found[0]


def apply(patch: dict, root: Path, dry: bool = False) -> None:
    """Apply one patch of a broken fixture to the file under `root` (checked only, not written, if `dry`)."""
    path = root / patch["file"]
    text = path.read_text(encoding="utf-8")
    op = patch["op"]
    if op == "replace":
        n = text.count(patch["old"])
        assert n >= 1, f"{patch['file']}: the text to replace is no longer there: {patch['old']!r}"
        assert patch["old"] != patch["new"]
        new = text.replace(patch["old"], patch["new"])
    else:
        data = yaml.safe_load(text)
        if op == "remove_rule":
            data["rules"].remove(_rule(data, patch["rule"]))
        elif op == "set_outcome":
            rule = _rule(data, patch["rule"])
            assert rule["outcome"] != patch["outcome"], patch
            rule["outcome"] = patch["outcome"]
        else:  # set
            *parents, last = patch["path"]
            node = data
            for key in parents:
                node = _step(node, key)
            assert last in node if isinstance(node, dict) else True, f"{patch['file']}: no {patch['path']}"
            assert node[last] != patch["value"], patch
            node[last] = patch["value"]
        new = _dump(data)
    if not dry:
        path.write_text(new, encoding="utf-8")


def make_copy(into: Path) -> Path:
    for name in COPIED:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, into / name, ignore=IGNORED)
        elif src.is_file():
            shutil.copy2(src, into / name)
    modules = ROOT / "tests" / "js" / "node_modules"  # happy-dom for the page tests (tests/widget_in_node.py): linked
    if modules.is_dir():
        (into / "tests" / "js" / "node_modules").symlink_to(modules)
    return into


def run_tests(root: Path, nodes: list[str], stop_first: bool) -> tuple[int, str]:
    env = {**os.environ, "PYTHONPATH": str(root), "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("FOOT_TWITCH_PERSONAL_CHECK", None)
    cmd = [sys.executable, "-m", "pytest", "-q", "-o", "addopts=", "-p", "no:cacheprovider", "-p", "no:randomly"]
    probe = "import widgets, sys; sys.stdout.write(widgets.__file__)"
    where = subprocess.run([sys.executable, "-c", probe], cwd=root, env=env, capture_output=True, text=True).stdout
    assert Path(where).is_relative_to(root), f"the copy imported widgets from {where}, not from {root}"
    done = subprocess.run(
        [*cmd, *(["-x"] if stop_first else []), *nodes],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    return done.returncode, done.stdout + done.stderr


def _break_and_run(path: str, nodes: list[str]) -> tuple[int, str]:
    with tempfile.TemporaryDirectory(prefix="broken-safety-") as tmp:
        root = make_copy(Path(tmp))
        for p in fixture(path)["patches"]:
            apply(p, root)
        return run_tests(root, nodes, stop_first=True)


# The complete proof walks 106,786 inputs (about a minute): it runs on the real tree in the suite itself, and in a
# copy only where a control breaks it (a copy that could not run it would end in an error, which is no catch).
PROOF = "tests/unit/test_triage_proof.py::test_complete_proof"


def break_tests() -> list[str]:
    """The tests some broken control is checked against, but the complete proof: the clean copy must pass these, or a
    break's failure could be the copy's fault. (Every named test runs in the suite itself, on the real tree; running
    the rest again in the copy would only repeat them, the static site's build among them.)"""
    return sorted({t for _, c in controls() if c.get("broken") for t in c["tests"]} - {PROOF})


def _clean_run() -> tuple[int, str]:
    with tempfile.TemporaryDirectory(prefix="safety-copy-") as tmp:
        return run_tests(make_copy(Path(tmp)), break_tests(), stop_first=False)


HARMLESS = {
    "file": "widgets/content/triage.yaml",
    "op": "replace",
    "old": "# The symptom self-check",
    "new": "# The self-check",
}
HARMLESS_TESTS = [
    "tests/content/test_safety_controls.py::test_the_teacher_switch_reads_the_variable_first_then_the_project_table"
]


def _harmless_run() -> tuple[int, str]:
    """A change to a comment only: the checker must see the tests PASS, or every catch above would be vacuous."""
    with tempfile.TemporaryDirectory(prefix="harmless-") as tmp:
        root = make_copy(Path(tmp))
        apply(HARMLESS, root)
        return run_tests(root, HARMLESS_TESTS, stop_first=True)


@pytest.fixture(scope="module")
def runs():
    """Start every run at once (the clean copy and each broken control), as many at a time as there are CPUs."""
    pool = ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2))
    futures: dict[str, Future] = {"clean": pool.submit(_clean_run)}
    futures["harmless"] = pool.submit(_harmless_run)
    for _, c in controls():
        if c.get("broken"):
            futures[c["id"]] = pool.submit(_break_and_run, c["broken"], c["tests"])
    yield futures
    pool.shutdown(wait=True, cancel_futures=True)


def caught_by(code: int, out: str) -> str:
    """ "loader" when the content loader raised (its message follows "ContentError: "); "test" when a test failed
    on an assertion; anything else (a syntax error in a patch, a crash) is not a catch and is reported as such."""
    if re.search(r"\bContentError: ", out):
        return "loader"
    if code == 1 and re.search(r"^E\s+(AssertionError\b|assert |Failed: DID NOT RAISE)", out, re.M):
        return "test"
    return f"neither (exit {code})"


def _tail(out: str) -> str:
    return out[-3000:]


@pytest.mark.slow
def test_the_named_tests_pass_on_an_unbroken_copy(runs):
    code, out = runs["clean"].result()
    assert code == 0, f"the tests the broken controls are checked against fail without any break:\n{_tail(out)}"


@pytest.mark.slow
def test_a_change_that_breaks_nothing_is_not_counted_as_a_catch(runs):
    code, out = runs["harmless"].result()
    assert code == 0 and caught_by(code, out).startswith("neither"), _tail(out)


@pytest.mark.slow
@pytest.mark.parametrize("control", [c["id"] for _, c in controls() if c.get("broken")])
def test_each_broken_control_makes_its_tests_fail(runs, control):
    c = next(c for _, c in controls() if c["id"] == control)
    f = fixture(c["broken"])
    code, out = runs[control].result()
    why = f"{control}: with {c['broken']} ({f['breaks']})"
    assert code in (1, 2), f"{why} the tests did not fail (exit {code}):\n{_tail(out)}"
    by = caught_by(code, out)
    assert by == f["caught_by"], f"{why} the {by} caught it, but the fixture says {f['caught_by']}:\n{_tail(out)}"


if __name__ == "__main__":
    if sys.argv[1:] == ["--write"]:
        print(f"{CASE.relative_to(ROOT)}: {'rewritten' if write_table() else 'already up to date'}")
    else:
        print(render_table())
