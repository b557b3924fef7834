"""The layers hold: each role package imports only the roles below it; below the views nothing imports ipywidgets or
plotly; `import widgets` stays light."""

import subprocess
import sys
from pathlib import Path

import pytest

import widgets

PACKAGE = Path(widgets.__file__).parent
# The role packages under widgets/, each with the packages it must never import (at the top or inside a function).
# content → questions → engine → store → classroom, lms → views; jupyter sits beside the views (the server and kernel
# start-up). Only the views reach the integrations: the engine and the store never send anything anywhere.
INTEGRATIONS = {"classroom", "lms", "jupyter"}
NEVER = {
    "content": {"engine", "store", "views", *INTEGRATIONS},
    "questions": {"engine", "store", "views", *INTEGRATIONS},
    "engine": {"store", "views", *INTEGRATIONS},
    "store": {"views", *INTEGRATIONS},
    "classroom": {"views", "lms", "jupyter"},
    "lms": {"store", "views", "classroom", "jupyter"},
    "jupyter": {"store", "classroom", "lms"},
}
NO_VIEW_LIBRARY = sorted(
    ".".join(p.relative_to(PACKAGE).with_suffix("").parts).removesuffix(".__init__")
    for package in sorted(set(NEVER) - {"jupyter"})
    for p in (PACKAGE / package).glob("*.py")
)


def _loaded_after(statement: str) -> set[str]:
    code = f"import sys; {statement}; print(' '.join(sorted(m.split('.')[0] for m in sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return set(out.split())


@pytest.mark.slow  # a fresh interpreter per module (not in `make check`)
@pytest.mark.parametrize("module", NO_VIEW_LIBRARY)
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

    import widgets.content.vocab as vocab

    lists = [v for k, v in vars(vocab).items() if k.isupper() and isinstance(v, tuple) and len(v) >= 2]
    package = Path(vocab.__file__).parents[1]
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


SCHEMAS = {f"content.{m}" for m in ("schema", "vocab", "model", "care_model", "figure_model", "triage_model")}


def _is_schema(module: str) -> bool:
    return module in SCHEMAS or module.split(".")[0] == "questions"


def test_schemas_import_only_other_schemas():
    for module, deps in _package_imports().items():
        if _is_schema(module):
            above = {d for d in deps if not _is_schema(d) and d != "content"}
            assert not above, f"the schema module {module} imports {sorted(above)}: schemas import nothing above them"


def test_every_module_sits_in_a_role_package():
    """widgets/__init__.py holds the one-liners; every other module sits in a folder named for its role."""
    loose = sorted(p.name for p in PACKAGE.glob("*.py") if p.name != "__init__.py")
    assert not loose, f"modules outside a role package: {loose}"
    roles = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    assert roles == {*NEVER, "views"}, roles


@pytest.mark.parametrize("package", sorted(NEVER))
def test_a_role_package_imports_none_of_the_roles_above_it(package):
    for module, deps in _package_imports().items():
        if module.split(".")[0] != package:
            continue
        reached = sorted(d for d in deps if d.split(".")[0] in NEVER[package])
        assert not reached, f"{module} imports {reached}: {package}/ must not reach {sorted(NEVER[package])}"
