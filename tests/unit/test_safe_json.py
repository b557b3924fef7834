"""The one JSON reader: every kind of bad bytes or bad file gives UnreadableFile with a plain message."""

import json
import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from widgets.store.safe_json import MAX_DEPTH, UnreadableFile, parse_json, read_regular_file

OK = 1_000_000


def parse(b: bytes):
    return parse_json(b, what="The file x.json", max_bytes=OK)


def test_plain_document_round_trips():
    doc = {"a": [1, 2.5, "é", None, True], "b": {"c": "learner-ab"}}
    assert parse(json.dumps(doc).encode()) == doc


@pytest.mark.parametrize(
    "content, words",
    [
        ('{"a": 1}'.encode("utf-16"), "UTF-16"),
        (b'{"a": "\xff\xfe\xfa"}', "not UTF-8"),
        (b'{"a": ', "not valid JSON"),
        (b'{"a": "\\ud800"}', "not valid Unicode"),
        (b'{"a": ' + b"9" * 5000 + b"}", "digits"),
        (b'{"a": 1e999}', "out of range"),
        (b'{"a": NaN}', "NaN"),
        (b"[" * 100_000 + b"]" * 100_000, "nested"),
        (b"[" * (MAX_DEPTH + 2) + b"]" * (MAX_DEPTH + 2), "nested"),
    ],
)
def test_each_bad_document_gives_one_clear_message(content, words):
    with pytest.raises(UnreadableFile, match=words) as e:
        parse(content)
    assert str(e.value).startswith("The file x.json")


def test_too_big_is_refused_before_parsing():
    with pytest.raises(UnreadableFile, match="more than the 1 kB"):
        parse_json(b" " * 5000, what="The upload", max_bytes=1000)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300))
def test_arbitrary_bytes_parse_or_give_the_clear_error(content):
    try:
        parse(content)
    except UnreadableFile as e:
        assert str(e).startswith("The file x.json")


def test_reads_regular_file_and_refuses_link_fifo_folder_and_big(tmp_path):
    f = tmp_path / "a.json"
    f.write_bytes(b"{}")
    assert read_regular_file(f, max_bytes=10) == b"{}"
    (tmp_path / "link.json").symlink_to(f)
    with pytest.raises(UnreadableFile, match="link"):
        read_regular_file(tmp_path / "link.json", max_bytes=10)
    os.mkfifo(tmp_path / "pipe.json")
    with pytest.raises(UnreadableFile, match="not a plain file"):
        read_regular_file(tmp_path / "pipe.json", max_bytes=10)
    with pytest.raises(UnreadableFile, match="not a plain file"):
        read_regular_file(tmp_path, max_bytes=10)
    with pytest.raises(UnreadableFile, match="more than"):
        read_regular_file(f, max_bytes=1)
    with pytest.raises(UnreadableFile, match="cannot be opened"):
        read_regular_file(tmp_path / "missing.json", max_bytes=10)


def test_a_file_just_over_the_limit_never_reads_16_mb_more_than_16_mb(tmp_path):
    """Issue 24 item 20: one byte over 16 MB said "16.0 MB, more than the 16.0 MB"; the two sizes must differ."""
    from widgets.store.progress_doc import MAX_BYTES

    big = tmp_path / "progress.json"
    with open(big, "wb") as f:
        f.truncate(MAX_BYTES + 1)  # a real file of 16,000,001 bytes (sparse: nothing written)
    with pytest.raises(UnreadableFile) as on_disk:
        read_regular_file(big, max_bytes=MAX_BYTES, what="The file progress.json")
    with pytest.raises(UnreadableFile) as uploaded:
        parse_json(b" " * (MAX_BYTES + 1), what="The file progress.json", max_bytes=MAX_BYTES)
    for e in (on_disk, uploaded):
        assert str(e.value) == (
            "The file progress.json is 16,000,001 bytes, more than the 16,000,000 bytes these lessons accept."
        )
    with pytest.raises(UnreadableFile, match=r"is 40\.0 MB, more than the 16\.0 MB"):  # far over: rounded
        parse_json(b" " * 40_000_000, what="The file progress.json", max_bytes=MAX_BYTES)
