"""Benchmarks: ``python -m widgets.bench [--browser]``. Each module here with a ``run(args)`` adds lines."""
