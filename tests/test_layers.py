"""The layers hold: engine modules import neither ipywidgets nor plotly; `import widgets` stays light."""

import subprocess
import sys
from pathlib import Path

import pytest

import widgets

PACKAGE = Path(widgets.__file__).parent
ENGINE = sorted(p.stem for p in PACKAGE.glob("*.py") if p.stem != "__init__")


def _loaded_after(statement: str) -> set[str]:
    code = f"import sys; {statement}; print(' '.join(sorted(m.split('.')[0] for m in sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return set(out.split())


@pytest.mark.parametrize("module", ENGINE)
def test_engine_module_imports_no_view_library(module):
    loaded = _loaded_after(f"import widgets.{module}")
    assert not loaded & {"ipywidgets", "plotly", "anywidget"}, module


def test_import_widgets_loads_nothing_heavy():
    assert not _loaded_after("import widgets") & {"ipywidgets", "plotly", "pydantic", "numpy"}


def test_every_public_one_liner_resolves():
    for name in widgets.__all__:
        assert callable(getattr(widgets, name)), name


def test_each_word_list_is_spelled_out_once_in_vocab():
    """Outcomes, signs, durations, triggers, glossary kinds, regions, motor-unit parts: defined in vocab.py only."""
    import re
    from pathlib import Path

    import widgets.vocab as vocab

    lists = [v for k, v in vars(vocab).items() if k.isupper() and isinstance(v, tuple) and len(v) >= 2]
    package = Path(vocab.__file__).parent
    for path in package.rglob("*.py"):
        if path.name == "vocab.py":
            continue
        source = re.sub(r"\s+", " ", path.read_text(encoding="utf-8"))
        for words in lists:
            spelled = ", ".join(f'"{w}"' for w in words)
            assert spelled not in source, f"{path.relative_to(package)} spells out {words}: import it from vocab"
