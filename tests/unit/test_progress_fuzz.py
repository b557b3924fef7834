"""Arbitrary bytes and arbitrary JSON thrown at load and restore: each succeeds or gives the one clear message,
and the answers saved before are unchanged (or, for a file that cannot be read, kept byte for byte)."""

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from widgets.store.progress import FORMAT, ProgressStore
from widgets.store.progress_doc import encode_progress, read_progress_upload
from widgets.views.backup import progress_backup

EXAMPLES = {"restore": 300, "load-json": 60, "load-bytes": 40, "db-bytes": 40}

scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12)
json_values = st.recursive(
    scalars, lambda c: st.lists(c, max_size=4) | st.dictionaries(st.text(max_size=8), c, max_size=4), max_leaves=12
)
ids = st.sampled_from(["L/q1", "01-physiology/q1", "05-review/01-physiology/q2", "L/w-1.2"]) | st.text(max_size=12)
attempt_like = st.fixed_dictionaries(
    {
        "question": ids,
        "lesson": st.sampled_from(["L", "05-review"]) | st.text(max_size=6),
        "chosen": st.lists(st.text(max_size=5), max_size=3) | json_values,
        "correct": st.booleans() | json_values,
        "time": st.sampled_from(["2026-01-01T09:00:00+00:00", "2026-01-01"]) | st.text(max_size=10),
    },
    optional={
        "hash": st.text(alphabet="0123456789abcdef", max_size=20) | json_values,
        "attempt_id": st.sampled_from(["page-0001", "page-0002", "x"]) | json_values,
    },
)
doc_like = st.fixed_dictionaries(
    {
        "format": st.just(FORMAT) | st.text(max_size=5),
        "version": st.sampled_from([1, 2, 3, 4, 0, True, "2", 1.0]),
        "learner": st.sampled_from(["learner-0123456789abcdef", "x", "\ud800", "a b"]) | st.text(max_size=20),
        "attempts": st.lists(attempt_like, max_size=4) | json_values,
    },
    optional={"created": st.text(max_size=30), "extra": json_values},
)
payloads = (
    st.binary(max_size=300)
    | doc_like.map(lambda d: json.dumps(d).encode())
    | json_values.map(lambda v: json.dumps(v).encode())
)


def fuzz(kind: str) -> settings:
    return settings(
        deadline=None,
        max_examples=EXAMPLES[kind],
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


def saved_store(directory: Path) -> ProgressStore:
    store = ProgressStore(directory)
    store.record("L", "L/q1", ["a"], True, hash="ab")
    store.record("L", "L/q1", ["b"], False, hash="ab")
    return store


def test_anything_at_restore_is_accepted_whole_or_refused_with_one_message(tmp_path):
    store = saved_store(tmp_path / "mine")
    before = store.load()
    view = progress_backup(store)

    @fuzz("restore")
    @given(payloads)
    def attack(content):
        good = view.restore_bytes(content, "upload.json")
        if good:
            assert "is a good progress file" in view.restore_out.value
            view.cancel_button.click()
            with tempfile.TemporaryDirectory() as d:  # restoring it works, and restores it again
                other = ProgressStore(d)
                other.replace(read_progress_upload(content))
                assert read_progress_upload(encode_progress(other.load()))["attempts"] == other.load()["attempts"]
        else:
            assert view.restore_out.value.count("cannot be restored:") == 1
            assert "Nothing was changed" in view.restore_out.value
        assert store.load() == before

    attack()


def _load_fresh(name: str, content: bytes) -> None:
    with tempfile.TemporaryDirectory() as d:
        (Path(d) / name).write_bytes(content)
        store = ProgressStore(d)
        data = store.load()  # never raises
        notes = store.pop_notices()
        assert len(notes) == 1
        kept = [p for p in Path(d).iterdir() if p.name not in ("progress.db", name)]
        if "moved from progress.json" in notes[0]:  # a good old file: every answer imported
            assert data["attempts"] == [dict(a, hash=a.get("hash", "")) for a in json.loads(content)["attempts"]]
        else:  # anything else: kept as it was, byte for byte
            assert data["attempts"] == [] and notes[0].count("It was kept as") == 1
        assert len(kept) == 1 and kept[0].read_bytes() == content and kept[0].name in notes[0]


@fuzz("load-json")
@given(doc_like.map(lambda d: json.dumps(d).encode()))
def test_any_json_as_the_old_progress_file_loads_or_is_kept_aside(content):
    _load_fresh("progress.json", content)


@fuzz("load-bytes")
@given(st.binary(max_size=500))
def test_any_bytes_as_the_old_progress_file_load_or_are_kept_aside(content):
    _load_fresh("progress.json", content)


@fuzz("db-bytes")
@given(
    st.binary(min_size=1, max_size=3000)
    | st.binary(min_size=100, max_size=3000).map(lambda b: b"SQLite format 3\0" + b)
)
def test_any_bytes_as_the_database_are_kept_aside_byte_for_byte(content):
    with tempfile.TemporaryDirectory() as d:
        (Path(d) / "progress.db").write_bytes(content)
        store = ProgressStore(d)
        assert store.load()["attempts"] == []
        notes = store.pop_notices()
        kept = list(Path(d).glob("progress-damaged-*.db"))
        assert len(notes) == 1 and len(kept) == 1 and kept[0].read_bytes() == content and kept[0].name in notes[0]
