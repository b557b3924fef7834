"""Run every benchmark module of this package and print one line per measurement."""

from __future__ import annotations

import argparse
import importlib
import pkgutil

import benchmarks as bench


def main() -> None:
    p = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    p.add_argument("--runs", type=int, default=200, help="repetitions per kernel-side callback (default 200)")
    p.add_argument("--browser", action="store_true", help="also run the real-browser benchmarks (slow)")
    p.add_argument("--only", default="", help="run only modules whose name contains this text")
    args = p.parse_args()
    for info in sorted(pkgutil.iter_modules(bench.__path__), key=lambda m: m.name):
        if info.name in ("common", "__main__") or args.only not in info.name:
            continue
        module = importlib.import_module(f"{bench.__name__}.{info.name}")
        if not hasattr(module, "run") or (getattr(module, "BROWSER", False) and not args.browser):
            continue
        for text in module.run(args):
            print(text, flush=True)


if __name__ == "__main__":
    main()
