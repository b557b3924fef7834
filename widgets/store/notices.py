"""What the progress store tells the learner, in one place: each message once, as a template the store fills
in (str.format), and the plain words for why a file could not be used. The views show them (views/store_notice.py).
"""

from __future__ import annotations

BUSY = {5, 6}  # SQLITE_BUSY, SQLITE_LOCKED: another notebook is saving

MESSAGES = {
    "pending_full": "Your answer was not kept: {most} answers are already waiting to be saved. Fix the problem below, "
    "then answer again.",
    "reset": "Your progress was reset. A backup copy of your {n} saved answer(s) was kept as {backup} in {folder}.",
    "restored": "The {n} answer(s) that were saved here were kept as {backup} in {folder}.",
    "newer_unsaved": " {n} answer(s) given here are kept only until this notebook is closed.",
    "waiting": "{n} answer(s) not saved yet: {why}. They are kept while this notebook is open and saved as soon as it "
    "works again. If the notebook is closed first, the quiz in this browser tries to send them again the next time "
    "you run it. Your answers saved before are safe.",
    "waiting_why": "the progress file cannot be written",
    "retired": "An answer you gave before your progress was reset or restored was sent again. It was not saved: your "
    "progress stays as the reset or restore left it.",
    "question_full": "Your answer to {question} was not saved: a question keeps at most {most} answers. Your earlier "
    "answers are all kept.",
    "file_full": "Your answer was not saved: your progress holds {total:,} answers, the most these lessons keep. "
    "Download your progress file, then reset to go on.",
    "newer": "Your progress file {file} was saved by a newer version of these lessons (format {version}; this one "
    "reads {reads}). It was left as it is and is only read here: update the lessons to save new answers.",
    "not_a_file": "your progress file {file} in {folder} is {kind} and cannot be renamed ({error})",
    "not_a_file_told": "{why}. Your answers cannot be saved until it is moved or removed.",
    "not_a_file_moved": "{file} in {folder} was {kind}; it was renamed {moved} and a new progress file was started.",
    "legacy_what": "Your old progress file {file}",
    "legacy_unreadable": "{why}. It was kept as \0 in {folder} and a new progress file was started.",
    "legacy_imported": "Your {n} saved answer(s) were moved from {file} into the new progress file; the old file was "
    "kept as \0.",
    # why answers wait (shown after "N answer(s) not saved yet: " or alone, capitalised)
    "cannot_save": "your answers cannot be saved in {folder} ({why})",
    "cannot_read": "your saved answers cannot be read just now ({why})",
    "newest_not_saved": "your newest answers are not saved yet: {why}",
    "damaged_not_replaced": "the progress file is damaged and cannot be replaced ({why})",
    "damaged_not_moved": "the progress file is damaged and cannot be moved aside ({why})",
    "integrity": "the integrity check failed: {result}",
    "same_code": "under the same learner code",
    "new_code": "under a new learner code",
    "download_restored": "Your progress file {file} was a downloaded progress file, copied over it. Its {n} saved "
    "answer(s) were restored from it under its learner code, as a restore would; the copy was kept as {moved} in "
    "{folder}.",
    "not_restorable": "Your progress file {file} held another file, which cannot be restored: {why}. It was kept as "
    "{moved} in {folder}; a new progress file was started.",
    "damaged": "Your progress file was damaged ({why}). It was kept as {moved} in {folder}; {n} saved answer(s) were "
    "rescued from it {code}.",
}


def reason(e: BaseException) -> str:
    """Why a file or folder could not be used, in plain words."""
    if isinstance(e, OSError):
        return f"{e.strerror}: {e.filename}" if e.strerror and e.filename else (e.strerror or str(e))
    code = getattr(e, "sqlite_errorcode", 0) & 0xFF
    if code in BUSY:
        return "another notebook is saving at the same moment and did not finish in time"
    if code == 13:
        return "the disk is full"
    if code in (8, 14, 3, 23):
        return f"the folder cannot be written ({e})"
    return str(e)
