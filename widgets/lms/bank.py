"""Every question bank for an LMS: `python -m widgets.lms.bank --output DIR`.

Writes each bank (widgets/content/questions/*.yaml, the final review's 05-review.yaml included) as
`DIR/qti/<lesson>.zip` (QTI 1.2, for Canvas: lms_qti.py says why 1.2), `DIR/moodle/<lesson>.xml`
(Moodle XML) and `DIR/gift/<lesson>.gift.txt` (GIFT), and prints where a format holds a question
differently from the lessons (the same notes are comments in the files). review.yaml is not a bank (it
lists the 05-review questions in order and what each asks again); it is loaded and checked too.

Every bank goes through the loader (widgets/content/load.py) first: a bank with a mistake stops the export with
the loader's one "file, entry, field" message and nothing is written. `--bank FILE` exports other bank
files instead of the course's (checked the same way).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from ..content.load import ContentError, all_banks, load_file, load_review
from ..content.model import QuestionBank
from .common import ExportError, Note, Notes, Writer
from .gift import bank_gift
from .moodle import bank_moodle_xml
from .qti import bank_qti

# format name → (folder, file suffix, writer)
FORMATS: dict[str, tuple[str, str, Writer]] = {
    "QTI 1.2": ("qti", ".zip", bank_qti),
    "Moodle XML": ("moodle", ".xml", bank_moodle_xml),
    "GIFT": ("gift", ".gift.txt", bank_gift),
}


def load_banks(files: Sequence[Path] = ()) -> list[QuestionBank]:
    """The banks to export, validated by the loader: the given files, or every bank of the course."""
    if files:
        return [load_file(QuestionBank, f) for f in files]
    banks = all_banks()
    load_review()  # the final review names 05-review's questions: check it agrees with the banks
    return banks


def render(banks: Sequence[QuestionBank], moodle_ordering: bool = False) -> tuple[dict[Path, bytes], list[Note]]:
    """Every file of the export (path relative to the output folder → bytes) and every note, in memory.
    `moodle_ordering`: ordering questions as Moodle's ordering type (4.4 and later), not as matching."""
    files: dict[Path, bytes] = {}
    notes: list[Note] = []
    for fmt, (folder, suffix, write) in FORMATS.items():
        for bank in banks:
            collected = Notes(fmt)
            data = (
                bank_moodle_xml(bank, collected, moodle_ordering)
                if write is bank_moodle_xml
                else write(bank, collected)
            )
            files[Path(folder) / f"{bank.lesson}{suffix}"] = data
            notes += collected.items
    return files, notes


def export(output: Path, files: Sequence[Path] = (), moodle_ordering: bool = False) -> list[Note]:
    """Load, render, then write everything into `output`; nothing is written unless every bank exports."""
    rendered, notes = render(load_banks(files), moodle_ordering)
    for rel, data in rendered.items():
        (output / rel).parent.mkdir(parents=True, exist_ok=True)
        (output / rel).write_bytes(data)
    return notes


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m widgets.lms.bank", description=__doc__.split("\n")[0])
    parser.add_argument("--output", type=Path, required=True, help="folder to write qti/, moodle/ and gift/ into")
    parser.add_argument("--bank", type=Path, action="append", default=[], help="a bank file to export instead")
    parser.add_argument(
        "--moodle-ordering",
        action="store_true",
        help="write put-in-order questions as Moodle's ordering type (Moodle 4.4 and later) instead of matching",
    )
    args = parser.parse_args(argv)
    try:
        notes = export(args.output, args.bank, args.moodle_ordering)
    except (ContentError, ExportError) as e:
        print(f"Nothing exported: {e}", file=sys.stderr)
        return 2
    written = sorted(p.relative_to(args.output) for p in args.output.rglob("*") if p.is_file())
    print(f"Wrote {len(written)} files into {args.output}:")
    print("\n".join(f"  {p}" for p in written))
    print(f"\n{len(notes)} places where a format holds a question differently (also comments in the files):")
    print("\n".join(f"  {n}" for n in notes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
