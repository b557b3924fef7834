"""Session fixtures for the hub suite: one real JupyterHub on 127.0.0.1, two learners and a teacher as real
Unix users, a git server of the lessons on loopback, and the class drop box.

Where a piece is missing (root, configurable-http-proxy, jupyterhub, Debian's python3 with venv) the tests
skip on a laptop with the reason, but fail when ``CI=true``. The users, their homes and processes, the drop
box and the lessons repository are removed afterwards, even when a test fails.
"""

from __future__ import annotations

import os
import secrets
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from widgets.jupyter.links import nbgitpuller_url

from .gitserver import serve_git
from .harness import Hub, Learner, LessonsRepo, lessons_repo, missing, start_hub, unix_users, user_env


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/hub/" in str(item.fspath):
            item.add_marker(pytest.mark.hub)


@dataclass
class ClassHub:
    hub: Hub
    learners: list[Learner]
    teacher: Learner
    repo: LessonsRepo
    dropbox: Path
    link: str


@pytest.fixture(scope="session")
def class_hub():
    reason = missing()
    if reason:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{reason}; CI needs it (see .ci/run)")
        pytest.skip(reason)
    started = time.monotonic()
    env = user_env()
    tag = secrets.token_hex(2)
    names = [f"ftl{tag}-ann", f"ftl{tag}-ben", f"ftl{tag}-tea"]
    base = Path(tempfile.mkdtemp(prefix="ftl-class-"))
    os.chmod(base, 0o755)  # learners pass through to the drop box inside it
    dropbox = base / "dropbox"
    try:
        git_root, work = lessons_repo(base)
        with (
            unix_users(names, teachers=[names[2]]) as users,
            serve_git(git_root) as git_url,
            start_hub(users, env, dropbox=dropbox) as hub,
        ):
            repo = LessonsRepo(work, f"{git_url}/class/lessons")
            link = nbgitpuller_url(hub.url, repo.url, "main")
            learners = [Learner(hub, n) for n in users[:2]]
            print(f"\nhub up {time.monotonic() - started:.1f} s after the session began")
            yield ClassHub(hub, learners, Learner(hub, users[2]), repo, dropbox, link)
    finally:
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(scope="session")
def arrived(class_hub):
    """Both learners and the teacher have logged in and clicked the class link once (lessons pulled)."""
    for person in [*class_hub.learners, class_hub.teacher]:
        t = time.monotonic()
        person.pull(class_hub.link)
        person.timings["click → lessons pulled"] = time.monotonic() - t
    return class_hub
