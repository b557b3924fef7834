"""Benchmarks: ``python -m benchmarks [--browser]``. Each module here with a ``run(args)`` adds lines."""
