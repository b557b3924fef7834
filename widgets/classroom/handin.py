"""Hand-in to the class drop box on a JupyterHub: one call for the learner, one listing for the teacher.

The hub admin sets one thing, the drop box folder, in the environment of every server
(``FOOT_LESSONS_DROPBOX``), and lets the hub make each learner's own folder in it before their server
starts (`prepare_dropbox`, a ``pre_spawn_hook``; see deploy/). Like nbgrader's exchange "inbound":

    <dropbox>/              root:<teachers> 0751   learners may pass through, not list
    <dropbox>/<unix user>/  <user>:<teachers> 2750 only its owner writes; teachers read; others nothing

A hand-in belongs to the Unix user who owns the file *and* its folder, never to a name or code written
inside the file or in its file name: a learner can write only into their own folder, so a file named after a
classmate cannot block or replace the classmate's hand-in. On Zero to JupyterHub every learner has the same
uid; there each learner's server mounts only their own sub-folder (subPath), the teacher's the whole volume,
and the teacher lists by folder (``FOOT_LESSONS_DROPBOX_OWNERS=folder``); a hub user name that would lead out
of the drop box (``..``, a slash) is refused. The teacher counts only results files (``class-results-….json``),
each learner's newest one that reads; a hand-in replaced while the teacher reads is looked for again, never lost.
"""

from __future__ import annotations

import contextlib
import grp
import os
import pwd
import re
import stat
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from ..store.safe_json import UnreadableFile

if TYPE_CHECKING:
    from .rollup import Skipped

# `export` (pydantic, the question banks) is imported where it is used: the hub's own Python imports this
# module for `prepare_dropbox` with nothing but the standard library (`pip install --no-deps`).

ENV = "FOOT_LESSONS_DROPBOX"
ENV_OWNERS = "FOOT_LESSONS_DROPBOX_OWNERS"  # "uid" (default: real users) or "folder" (one shared uid)
TEACHERS = "ftl-teachers"
PREFIX = "class-results-"
_USER = re.compile(r"^[a-z_][a-z0-9_.-]{0,63}$")

NO_DROPBOX = (
    "There is no class drop box here (this is not a class hub, or your teacher has not set one up). "
    "Use 'Make my results file' instead, save the file, and give it to your teacher."
)
BAD_BOX_NAME = (
    "Nothing was handed in: your hub user name cannot be used as a folder name in the class drop box "
    '(it is "." or "..", or it holds a slash, a backslash or a null character). Tell your teacher; until it '
    "is fixed, use 'Make my results file' and give them the file."
)
NOT_RESULTS = f"other files, not counted (only {PREFIX}….json files count): {{names}}"
MAX_TRIES = 20  # times a learner's folder is listed while a hand-in in it is being replaced
MAX_READS = 10  # results files of one learner read, newest first, before giving up on finding one that reads
BUSY_NS = 1_000_000_000  # a folder changed this recently (ns) may be in the middle of a hand-in


@dataclass(frozen=True)
class HandIn:
    """What happened when the learner handed in: `ok`, a message to show, and the file written."""

    ok: bool
    message: str
    path: Path | None = None
    document: dict[str, Any] | None = None  # the results document handed in (for widgets/classroom/lrs.py)


@dataclass(frozen=True)
class DropboxEntry:
    """One hand-in as the teacher sees it: the hub user it belongs to, the file and when it was written."""

    user: str
    path: Path
    modified: datetime


@dataclass(frozen=True)
class Refused:
    """A file or folder in the drop box that is not counted, and why."""

    path: Path
    reason: str


def dropbox_root(environ: Mapping[str, str] | None = None) -> Path | None:
    """The drop box folder the admin set, or None outside a class hub."""
    value = (os.environ if environ is None else environ).get(ENV, "").strip()
    return Path(value) if value else None


def owners_mode(environ: Mapping[str, str] | None = None) -> str:
    """ "uid" (each learner is a Unix user: The Littlest JupyterHub, LocalProcessSpawner) or "folder" (one
    shared uid, each learner's folder mounted alone: Zero to JupyterHub)."""
    env = os.environ if environ is None else environ
    return "folder" if env.get(ENV_OWNERS, "").strip() == "folder" else "uid"


def box_name(environ: Mapping[str, str] | None = None) -> str:
    """The name of this learner's folder in the drop box: their Unix user name, or with one shared uid the
    hub user name (JupyterHub sets JUPYTERHUB_USER)."""
    env = os.environ if environ is None else environ
    if owners_mode(env) == "folder" and env.get("JUPYTERHUB_USER"):
        return env["JUPYTERHUB_USER"]
    return pwd.getpwuid(os.getuid()).pw_name


def usable_box_name(name: str) -> bool:
    """Whether `name` names a folder directly in the drop box: every name JupyterHub allows (``a.b@school.org``,
    any script) except an empty one, ``.``, ``..`` and one holding ``/``, ``\\`` or NUL (it would leave the folder)."""
    return name not in ("", ".", "..") and not any(c in name for c in "/\\\0")


def results_document(progress: dict[str, Any], name: str | None = None) -> dict[str, Any]:
    """The results file the learner hands in (the same document 'Make my results file' saves)."""
    from ..content.load import all_banks, load_review
    from . import export

    return export.build_export(progress, all_banks(), name, review=load_review().questions)


def _own_folder(root: Path, user: str) -> Path:
    """The learner's folder in the drop box, checked: a real folder (no link) that this process owns."""
    folder = root / user
    st = os.lstat(folder)
    if not stat.S_ISDIR(st.st_mode):
        raise PermissionError(f"{folder} is not a folder")
    if st.st_uid != os.getuid():
        raise PermissionError(f"{folder} belongs to someone else")
    return folder


def hand_in(progress: dict[str, Any], name: str | None = None, environ: Mapping[str, str] | None = None) -> HandIn:
    """Write the learner's results file into their own drop box folder, replacing their earlier hand-in.

    Never raises for a missing or broken drop box: the result says what happened and what to do instead.
    """
    root = dropbox_root(environ)
    if root is None:
        return HandIn(False, NO_DROPBOX)
    user = box_name(environ)
    if not usable_box_name(user):
        return HandIn(False, BAD_BOX_NAME)
    try:
        folder = _own_folder(root, user)
    except OSError:
        return HandIn(
            False,
            f"Your hand-in folder in the class drop box is missing or not yours ({root / user}). "
            "Tell your teacher; until it is fixed, use 'Make my results file' and give them the file.",
        )
    from . import export

    doc = results_document(progress, name)
    target = folder / export.export_filename(doc)
    tmp = folder / f".hand-in-{os.getpid()}.tmp"
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0), 0o640)
        try:
            os.fchmod(fd, 0o640)  # teachers (the folder's group) read; whatever the umask
            os.write(fd, export.encode(doc))
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, target)
    except OSError as e:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        return HandIn(
            False,
            f"Handing in failed ({e.strerror or e}). Your answers are safe; try again, "
            "or use 'Make my results file' and give the file to your teacher.",
        )
    for old in folder.glob(f"{PREFIX}*.json"):  # one hand-in per learner: the newest
        if old != target:
            with contextlib.suppress(OSError):
                old.unlink()
    when = datetime.now().strftime("%H:%M")
    return HandIn(
        True,
        f"Handed in at {when}: your teacher can see your results now. "
        "You can hand in again later; the new file replaces this one.",
        target,
        doc,
    )


def prepare_dropbox(root: Path | str, user: str, teachers: str = TEACHERS) -> Path:
    """(Hub, as root, before a server starts) make the drop box and the folder of Unix user `user` in it;
    safe to call at every spawn. Needs only the standard library."""
    if not _USER.match(user):
        raise ValueError(f"not a Unix user name: {user!r}")
    root = Path(root)
    gid = grp.getgrnam(teachers).gr_gid
    root.mkdir(mode=0o751, parents=True, exist_ok=True)
    os.chown(root, 0, gid)
    os.chmod(root, 0o751)
    folder = root / user
    with contextlib.suppress(FileExistsError):
        os.mkdir(folder, 0o700)
    st = os.lstat(folder)
    if not stat.S_ISDIR(st.st_mode):
        raise RuntimeError(f"{folder} exists and is not a folder; remove it and start the server again")
    entry = pwd.getpwnam(user)
    os.chown(folder, entry.pw_uid, gid, follow_symlinks=False)
    os.chmod(folder, 0o2750)
    return folder


def _owner(uid: int) -> str:
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return f"uid {uid}"


def _lstat(path: Path, refused: list[Refused]) -> os.stat_result | None:
    """`path`'s own status; None if it vanished meanwhile, or could not be read (then said in `refused`)."""
    try:
        return os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError as e:
        refused.append(Refused(path, f"cannot be read ({e.strerror or e})"))
        return None


def _learner_folders(root: Path, by: str) -> tuple[list[tuple[Path, os.stat_result]], list[Refused]]:
    """The learners' folders in the drop box, by name, and what else is in it. Raises OSError only when the
    drop box itself cannot be listed; an entry that vanishes while it is looked at is left out."""
    folders: list[tuple[Path, os.stat_result]] = []
    refused: list[Refused] = []
    for folder in sorted(root.iterdir(), key=lambda p: p.name):
        if (fst := _lstat(folder, refused)) is None:
            continue
        if not stat.S_ISDIR(fst.st_mode):
            refused.append(Refused(folder, "not a learner's folder"))
        elif by == "uid" and _owner(fst.st_uid) != folder.name:
            refused.append(Refused(folder, f"the folder belongs to {_owner(fst.st_uid)}, not {folder.name}"))
        else:
            folders.append((folder, fst))
    return folders, refused


def _results_files(
    folder: Path, fst: os.stat_result
) -> tuple[list[tuple[DropboxEntry, os.stat_result]], list[Refused]]:
    """The results files in one learner's folder, newest first, and what in it is not counted. Only plain
    files named like a hand-in (``class-results-….json``) count; an entry that vanishes meanwhile is left out."""
    try:
        names = sorted(os.listdir(folder))
    except FileNotFoundError:
        return [], []
    except OSError as e:
        return [], [Refused(folder, f"cannot be read ({e.strerror or e})")]
    files: list[tuple[DropboxEntry, os.stat_result]] = []
    refused: list[Refused] = []
    results = [n for n in names if n.startswith(PREFIX) and n.endswith(".json")]
    others = [n for n in names if not n.startswith(".") and not (n.startswith(PREFIX) and n.endswith(".json"))]
    if others:  # one line per folder, however many (a folder of 60,000 files stays one line)
        more = f" and {len(others) - 3:,} more" if len(others) > 3 else ""
        refused.append(Refused(folder, NOT_RESULTS.format(names=", ".join(others[:3]) + more)))
    for name in results:
        path = folder / name
        if (st := _lstat(path, refused)) is None:
            continue
        if not stat.S_ISREG(st.st_mode):
            refused.append(Refused(path, "not a plain file"))
        elif st.st_uid != fst.st_uid:
            refused.append(Refused(path, f"written by {_owner(st.st_uid)}, not by the folder's owner"))
        else:
            files.append((DropboxEntry(folder.name, path, datetime.fromtimestamp(st.st_mtime, UTC)), st))
    files.sort(key=lambda f: (f[1].st_mtime_ns, f[0].path.name), reverse=True)
    return files, refused


def list_handins(root: Path | str | None = None, by: str | None = None) -> tuple[list[DropboxEntry], list[Refused]]:
    """(Teacher) the newest results file of every learner in the drop box (not read yet), and what was refused.
    `by` is "uid" (the file and its folder must be owned by the user the folder is named after) or "folder"
    (one shared uid, folders kept apart by mounts; default from FOOT_LESSONS_DROPBOX_OWNERS)."""

    def newest(folder: Path, fst: os.stat_result) -> tuple[DropboxEntry | None, list[Refused]]:
        files, refused = _results_files(folder, fst)
        return (files[0][0] if files else None), refused

    return _each_learner(root, by, newest)


def _changed(path: Path, st: os.stat_result) -> bool:
    """Whether the file at `path` is gone or another file since `st` was taken (a hand-in replaced meanwhile)."""
    try:
        now = os.lstat(path)
    except OSError:
        return True
    return (now.st_ino, now.st_mtime_ns, now.st_size) != (st.st_ino, st.st_mtime_ns, st.st_size)


def _busy(folder: Path, before: os.stat_result) -> bool:
    """Whether `folder` changed since `before` or within the last second: a listing of it may then have missed a
    hand-in being replaced (a directory listing is no snapshot: a file renamed in while it runs can be skipped)."""
    try:
        after = os.lstat(folder)
    except OSError:
        return False
    return after.st_mtime_ns != before.st_mtime_ns or 0 <= time.time_ns() - after.st_mtime_ns < BUSY_NS


def _newest_readable(
    folder: Path, fst: os.stat_result
) -> tuple[tuple[DropboxEntry, dict[str, Any]] | None, list[Refused]]:
    """One learner's hand-in: the newest results file that reads (a broken newer one is refused, an older one
    counts). A file replaced or removed while it is read is no reason to refuse, and a folder that is being
    written to is looked at again (at most MAX_TRIES times) before the learner is left out."""
    from .export import ExportFormatError
    from .rollup import read_file  # the one reader of a results file (regular files only, bounded)

    refused: list[Refused] = []
    for attempt in range(MAX_TRIES):
        if attempt:
            time.sleep(0.001)
        try:
            before = os.lstat(folder)
        except OSError:
            return None, []
        files, refused = _results_files(folder, fst)
        if len(files) > MAX_READS:
            refused.append(Refused(folder, f"{len(files) - MAX_READS:,} older results files, not read"))
        moved = False
        for entry, st in files[:MAX_READS]:
            try:
                return (entry, read_file(entry.path)), refused
            except (UnreadableFile, ExportFormatError, OSError) as e:
                if not _changed(entry.path, st):
                    refused.append(Refused(entry.path, str(e)))
                elif attempt < MAX_TRIES - 1:
                    moved = True  # replaced meanwhile: list the folder again before trying an older file
                    break
        if not (moved or _busy(folder, before)):
            break
    return None, refused


T = TypeVar("T")


def _each_learner(
    root: Path | str | None, by: str | None, pick: Callable[[Path, os.stat_result], tuple[T | None, list[Refused]]]
) -> tuple[list[T], list[Refused]]:
    """`pick` applied to every learner's folder in the drop box: what it found, and everything refused."""
    root = Path(root) if root is not None else dropbox_root()
    if root is None:
        raise FileNotFoundError(NO_DROPBOX)
    folders, refused = _learner_folders(root, by or owners_mode())
    found = []
    for folder, fst in folders:
        one, more = pick(folder, fst)
        refused += more
        if one is not None:
            found.append(one)
    return found, refused


def _read(root: Path | str | None, by: str | None) -> tuple[list[tuple[DropboxEntry, dict[str, Any]]], list[Refused]]:
    return _each_learner(root, by, _newest_readable)


def read_handins(
    root: Path | str | None = None, by: str | None = None
) -> tuple[list[tuple[str, dict[str, Any]]], list[Refused]]:
    """(Teacher) the checked results documents of the drop box as (hub user, document), and what was refused."""
    docs, refused = _read(root, by)
    return [(entry.user, doc) for entry, doc in docs], refused


def dropbox_files(
    root: Path | str | None = None, by: str | None = None
) -> tuple[list[tuple[str, dict[str, Any]]], list[Skipped]]:
    """(Teacher) the drop box in the form `widgets.classroom.rollup.rollup` takes: ("<hub user>/<file name>", document)
    pairs, and the refused entries as `rollup.Skipped`."""
    from .rollup import Skipped

    docs, refused = _read(root, by)
    return (
        [(f"{entry.user}/{entry.path.name}", doc) for entry, doc in docs],
        [Skipped(f"{r.path.parent.name}/{r.path.name}", r.reason) for r in refused],
    )
