"""The layers hold: engine modules import neither ipywidgets nor plotly; `import widgets` stays light."""

import subprocess
import sys
from pathlib import Path

import pytest

import widgets

PACKAGE = Path(widgets.__file__).parent
ENGINE = sorted(
    [p.stem for p in PACKAGE.glob("*.py") if p.stem != "__init__"]
    + [f"questions.{p.stem}".removesuffix(".__init__") for p in (PACKAGE / "questions").glob("*.py")]
)


def _loaded_after(statement: str) -> set[str]:
    code = f"import sys; {statement}; print(' '.join(sorted(m.split('.')[0] for m in sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return set(out.split())


@pytest.mark.slow  # a fresh interpreter per module (not in `make check`)
@pytest.mark.parametrize("module", ENGINE)
def test_engine_module_imports_no_view_library(module):
    loaded = _loaded_after(f"import widgets.{module}")
    assert not loaded & {"ipywidgets", "plotly", "anywidget"}, module


@pytest.mark.slow
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


def _package_imports() -> dict[str, set[str]]:
    """Module → the package modules it imports, at the top or inside a function (relative imports only)."""
    import ast
    from pathlib import Path

    import widgets

    root = Path(widgets.__file__).parent
    graph: dict[str, set[str]] = {}
    for path in root.rglob("*.py"):
        name = ".".join(path.relative_to(root).with_suffix("").parts).removesuffix(".__init__")
        package = name.split(".")[:-1] if path.name != "__init__.py" else name.split(".")
        deps = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level:
                base = package[: len(package) - node.level + 1] if node.level > 1 else package
                target = ".".join([*base, node.module] if node.module else base)
                deps.add(target if node.module else "")
                if not node.module:
                    deps |= {".".join([*base, a.name]) for a in node.names}
        graph[name] = {d for d in deps if d}
    return graph


def test_no_import_cycle_in_the_package():
    graph = _package_imports()
    done: set[str] = set()

    def visit(module: str, path: tuple[str, ...]) -> None:
        assert module not in path, f"import cycle: {' -> '.join((*path, module))}"
        if module in done:
            return
        for dep in graph.get(module, ()):
            if dep in graph:
                visit(dep, (*path, module))
        done.add(module)

    for module in graph:
        visit(module, ())


SCHEMAS = {"schema", "vocab", "model", "care_model", "figure_model", "triage_model", "questions"}


def test_schemas_import_only_other_schemas():
    for module, deps in _package_imports().items():
        if module.split(".")[0] in SCHEMAS:
            above = {d for d in deps if d.split(".")[0] not in SCHEMAS}
            assert not above, f"the schema module {module} imports {sorted(above)}: schemas import nothing above them"
