"""Build the course tab's JupyterLab extension: ``make labextension`` (labextension/ -> widgets/jupyter/labextension/).

The build is committed, so installing the package needs no Node. ``jupyter-builder build`` (the jupyter_builder that
JupyterLab 4.6 installs) runs the extension's own ``@jupyterlab/builder`` (labextension/package-lock.json) against
the core package data of the JupyterLab in this environment (its ``staging/package.json``): the shared singletons
(@jupyterlab/*, @lumino/*) are those of the locked JupyterLab and come from it at run time. The hash of the sources
goes into ``widgets/jupyter/labextension/source.sha256``; ``--check`` exits 1 when the sources changed since the
committed build (tests/integration/test_course_extension.py).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "labextension"
BUILT = ROOT / "widgets" / "jupyter" / "labextension"
STAMP = BUILT / "source.sha256"


def source_files() -> list[Path]:
    """What the build is made from: package.json, the lock, src/ and style/."""
    files = [SOURCE / "package.json", SOURCE / "package-lock.json"]
    files += sorted(p for d in ("src", "style") for p in (SOURCE / d).rglob("*") if p.is_file())
    return files


def source_hash() -> str:
    h = hashlib.sha256()
    for f in source_files():
        h.update(f.relative_to(SOURCE).as_posix().encode() + b"\0" + f.read_bytes() + b"\0")
    return h.hexdigest()


def build() -> None:
    import jupyterlab

    core = Path(jupyterlab.__file__).parent / "staging" / "package.json"
    if BUILT.exists():
        shutil.rmtree(BUILT)  # no file of an earlier build stays
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
    subprocess.run(["jupyter-builder", "build", "--core-package-file", str(core), str(SOURCE)], check=True, env=env)
    STAMP.write_text(source_hash() + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.build_labextension", description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the sources changed since the build")
    args = parser.parse_args(argv)
    if args.check:
        if not STAMP.is_file() or STAMP.read_text(encoding="utf-8").strip() != source_hash():
            print("widgets/jupyter/labextension is out of date: run `make labextension`", file=sys.stderr)
            return 1
        return 0
    build()
    return 0


if __name__ == "__main__":
    sys.exit(main())
