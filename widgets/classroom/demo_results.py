"""Made-up class results for trying the roll-up: `python -m widgets.classroom.demo_results FOLDER [--learners 30]`.

Each made-up learner answers the current question banks through the real grading and export code, so
the files are exactly what learners hand in. A few bad files (corrupt, a second file of one learner, a
progress file, a text file) show how the roll-up treats them. Without a folder, a new private one is made
with `tempfile.mkdtemp`; files are created exclusively and never through a link.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..content.content_hash import question_hash
from ..content.model import QuestionBank
from ..engine.grading import grade
from ..engine.review import LESSON as REVIEW_LESSON
from ..engine.review import review_id
from .export import build_export, encode, export_filename

NAMES = (
    "Ada",
    "Ben",
    "Cleo",
    "Dev",
    "Eli",
    "Fay",
    "Gus",
    "Hana",
    "Ivo",
    "Jun",
    "Kai",
    "Lena",
    "Milo",
    "Nia",
    "Omar",
    "Pia",
    "Quinn",
    "Rosa",
    "Sam",
    "Tess",
    "Uma",
    "Vik",
    "Wren",
    "Xia",
    "Yusuf",
    "Zoe",
)


def _difficulty(qid: str) -> float:
    """A stable chance (0.35–0.95) that a made-up learner gets this question right first time."""
    return 0.35 + 0.6 * int(hashlib.sha256(qid.encode()).hexdigest()[:8], 16) / 0xFFFFFFFF


def _ability(n: int) -> float:
    """A stable shift (-0.3 to 0.3) of made-up learner number `n`'s chances: some learners know more than others, so
    the per-question statistics (a question's discrimination) have something to find, as in a real class."""
    return -0.3 + 0.6 * int(hashlib.sha256(f"ability-{n}".encode()).hexdigest()[:8], 16) / 0xFFFFFFFF


def learner_progress(
    n: int, banks: list[QuestionBank], rng: random.Random, review: Iterable[str] = ()
) -> dict[str, Any]:
    """The progress document of made-up learner number `n`; most who finish every lesson also do the review."""
    progress: dict[str, Any] = {"learner": f"learner-{rng.getrandbits(64):016x}", "attempts": []}
    stop_after = len(banks) if rng.random() < 0.7 else rng.randrange(1, len(banks) + 1)
    for bank in banks[:stop_after]:
        for q in bank.questions:
            if rng.random() < 0.1:
                continue  # skipped this one
            qid = bank.full_id(q)
            chance = min(0.98, max(0.02, _difficulty(qid) + _ability(n)))
            first = q.right_answer() if rng.random() < chance else q.wrong_answer(rng)
            tries = [first] + ([] if first == q.right_answer() or rng.random() < 0.2 else [q.right_answer()])
            for answer in tries:
                result = grade(q, answer)
                progress["attempts"].append(
                    {
                        "question": qid,
                        "lesson": bank.lesson,
                        "chosen": result.chosen,
                        "correct": result.correct,
                        "time": "2026-01-01T09:30:00+00:00",
                        "hash": question_hash(q),
                    }
                )
    questions = {bank.full_id(q): q for bank in banks for q in bank.questions}
    if stop_after == len(banks) and rng.random() < 0.6:
        for qid in (q for q in review if q in questions):
            q = questions[qid]
            answer = q.right_answer() if rng.random() < 0.8 else q.wrong_answer(rng)
            result = grade(q, answer)
            progress["attempts"].append(
                {
                    "question": review_id(qid),
                    "lesson": REVIEW_LESSON,
                    "chosen": result.chosen,
                    "correct": result.correct,
                    "time": "2026-01-01T09:50:00+00:00",
                    "hash": question_hash(q),
                }
            )
    return progress


# Chance that a made-up learner gets a check question right, by goal in course order: the class learns the first
# three goals and the warning signs, and hardly moves on the fourth (causes in the foot) — a realistic spread.
BEFORE_CHANCE = (0.35, 0.5, 0.45, 0.25, 0.4)
AFTER_CHANCE = (0.85, 0.9, 0.75, 0.3, 0.8)


def check_attempts(progress: dict[str, Any], rng: random.Random) -> list[dict[str, Any]]:
    """A made-up learner's answers to the before-check (almost everyone) and, for those who reached the final
    review, the after-check; each learner a little stronger or weaker than the class."""
    from ..content.load import check_hashes, check_questions, load_course

    goals = [g.id for g in load_course().goals]
    reached_end = any(a["lesson"] == REVIEW_LESSON for a in progress["attempts"])
    skill = rng.uniform(-0.15, 0.15)
    out = []
    for qid, (lesson, q) in check_questions().items():
        if (lesson == "check-before" and rng.random() < 0.05) or (lesson == "check-after" and not reached_end):
            continue
        chance = (BEFORE_CHANCE if lesson == "check-before" else AFTER_CHANCE)[goals.index(q.goal) % 5] + skill
        wrong = [o.id for o in q.options if o.id != q.answer]
        chosen = q.answer if rng.random() < chance else rng.choice(wrong)
        when = "2026-01-01T09:05:00+00:00" if lesson == "check-before" else "2026-01-01T09:55:00+00:00"
        out.append(
            {
                "question": qid,
                "lesson": lesson,
                "chosen": [chosen],
                "correct": chosen == q.answer,
                "time": when,
                "hash": check_hashes()[qid],
            }
        )
    return out


def write_new(path: Path, content: bytes) -> None:
    """Create `path` holding `content`; refuse if anything (a file, a planted link) is already there."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags, 0o644)
    with os.fdopen(fd, "wb") as f:
        f.write(content)


def write_demo(
    folder: Path | str | None = None,
    learners: int = 30,
    seed: int = 7,
    bad_files: bool = True,
    banks: Iterable[QuestionBank] | None = None,
    review: Iterable[str] | None = None,
) -> Path:
    """Write `learners` results files (and, if `bad_files`, four bad ones) into `folder`; return the folder.

    Without a folder, a new private one is made (`tempfile.mkdtemp`). Files are created exclusively, never
    through a link: FileExistsError if a file of the same name is already there. Output is the same for the
    same seed and banks. `review` lists the final review's questions (default: content/review.yaml).
    """
    if banks is None:
        from ..content.load import all_banks

        banks = all_banks()
    banks = list(banks)
    from ..content.load import load_review

    review = load_review().questions if review is None else list(review)
    out = Path(folder) if folder is not None else Path(tempfile.mkdtemp(prefix="class-results-demo-"))
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    checks_rng = random.Random(seed * 7919 + 1)  # its own stream: the lessons' answers stay as they were
    first = None
    for n in range(learners):
        name = f"{NAMES[n % len(NAMES)]}" + (f" {n // len(NAMES) + 1}" if n >= len(NAMES) else "")
        progress = learner_progress(n, banks, rng, review)
        progress["attempts"] = check_attempts(progress, checks_rng) + progress["attempts"]
        doc = build_export(progress, banks, name, now=f"2026-01-01T10:{n % 60:02d}:00+00:00", review=review)
        write_new(out / export_filename(doc), encode(doc))
        first = first or (name, progress)
    if bad_files and first is not None:
        name, progress = first  # the same learner handed in an earlier file too
        earlier = dict(progress, attempts=progress["attempts"][:5])
        older = build_export(earlier, banks, name, now="2026-01-01T09:45:00+00:00", review=review)
        write_new(out / "class-results-ada-old-copy.json", encode(older))
        write_new(out / "class-results-broken.json", b'{"format": "foot-twitch-lessons/class-res')
        progress = {
            "format": "foot-twitch-lessons/progress",
            "version": 1,
            "learner": "learner-0000000000000099",
            "created": "2026-01-01T09:00:00+00:00",
            "attempts": [],
        }
        write_new(out / "progress.json", json.dumps(progress).encode("utf-8"))
        write_new(out / "notes.txt", b"Bring the results to the next class.\n")
    return out


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(prog="python -m widgets.classroom.demo_results", description=__doc__.splitlines()[0])
    p.add_argument("folder", help="folder to write the files into (made if missing)")
    p.add_argument("--learners", type=int, default=30, help="how many made-up learners (default 30)")
    p.add_argument("--seed", type=int, default=7, help="random seed (same seed, same files)")
    p.add_argument("--no-bad-files", action="store_true", help="leave out the corrupt, duplicate and foreign files")
    args = p.parse_args(argv)
    try:
        out = write_demo(args.folder, args.learners, args.seed, not args.no_bad_files)
    except FileExistsError as e:
        p.exit(
            1,
            f"{Path(e.filename).name} is already in {args.folder} (nothing is overwritten); "
            "choose an empty or a new folder.\n",
        )
    print(f"wrote {args.learners} learners' results to {out}")


if __name__ == "__main__":
    main()
