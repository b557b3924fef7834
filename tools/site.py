"""Build the lessons as a static site that works with no kernel and no network: `make site` (or
`python -m tools.site [--out site]`).

Each lesson is executed as a copy in a temporary folder (the lesson files never hold outputs or widget state),
with a throwaway progress folder, and exported by nbconvert's HTMLExporter. Every script the pages load is a
local copy in ``<out>/assets/``: require.js and the widget renderer (npm, see package.json: run ``npm ci``),
anywidget's AMD build (this Python environment's nbextension folder) and plotly.js (the plotly package).
The notebooks' links between lessons (``.ipynb``) become links between pages (``.html``); ``index.html`` lists
the lessons in course order. A missing asset stops the build with one message; a page that would load a script
from anywhere but the site itself is refused (`external_scripts`).

Every page ends with the build date and when the lesson facts are next checked (lessons/SOURCES.md). The site is
an installable web app: ``site.webmanifest`` and a service worker (``sw.js``, its cache named by the build's hash:
a rebuilt site replaces the old cache) that keeps every file of the site, so a site served over https or from
http://localhost works offline after the first visit; the newest page is asked for first (network first for pages,
the cache when offline). Opened from ``file://`` there is no service worker, and none is needed.
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from html import escape
from pathlib import Path

import nbformat
from jinja2 import Environment, FileSystemLoader, select_autoescape

REPO = Path(__file__).resolve().parent.parent
LESSONS = REPO / "lessons"
TEMPLATES = Path(__file__).resolve().parent / "site_template"
NODE_MODULES = REPO / "node_modules"
STATIC_BUNDLES = REPO / "widgets" / "static" / "bundles"
ASSETS = "assets"  # the pages' scripts, relative to the site folder
# The learner code of the build's throwaway progress store (every page carries it, the same for everyone). The site's
# quiz does not use it: in the browser each learner gets a code of their own (static/site_store.js).
SITE_LEARNER = "learner-web-page"
SITE_FILES = {"index.html"}  # pages every page may link to besides the lessons
MAX_LESSON_BYTES = 1_000_000  # an executed lesson with its widget state (issue 14's goal)
# Files besides the lessons that the lessons link to; each becomes a page of its own.
EXTRA_PAGES = ("SOURCES.md",)

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
# ipywidgets controls: clicking one only tells Python. A widget holding one needs a kernel to do anything.
KERNEL_CONTROLS = {
    "ButtonModel",
    "ToggleButtonModel",
    "ToggleButtonsModel",
    "RadioButtonsModel",
    "CheckboxModel",
    "DropdownModel",
    "SelectModel",
    "SelectMultipleModel",
    "TextModel",
    "TextareaModel",
    "IntTextModel",
    "FloatTextModel",
    "BoundedIntTextModel",
    "BoundedFloatTextModel",
    "IntSliderModel",
    "FloatSliderModel",
    "FileUploadModel",
}
SCRIPT_SRC = re.compile(r"<script\b[^>]*?\bsrc\s*=\s*[\"']?([^\"'\s>]+)", re.I)
IMPORT_URL = re.compile(r"""\bimport\s*\(?\s*["']((?:[a-z][a-z0-9+.-]*:)?//[^"']+)["']""", re.I)
ANCHOR = re.compile(r"""<a\b([^>]*?)\bhref=(["'])([^"']*)\2([^>]*)>(.*?)</a>""", re.I | re.S)


CHECKED = re.compile(r"Last checked against sources: (\d{4}-\d\d-\d\d)\b.*?Next check due: (\d{4}-\d\d-\d\d)\b", re.S)


@dataclass(frozen=True)
class Stamp:
    """What every page says at its foot: when the site was built, when the lesson facts were last and next checked."""

    built: str
    checked: str
    due: str

    def line(self, template: str) -> str:
        return template.format(built=self.built, checked=self.checked, due=self.due)


def stamp(lessons_dir: Path = LESSONS, today: datetime.date | None = None) -> Stamp:
    """Today's date (UTC) and the two dates of lessons/SOURCES.md's footer; SiteError when that footer is missing."""
    m = CHECKED.search((lessons_dir / "SOURCES.md").read_text(encoding="utf-8"))
    if not m:
        raise SiteError(f"{lessons_dir / 'SOURCES.md'} has no 'Last checked against sources: … Next check due: …' line")
    built = today or datetime.datetime.now(datetime.UTC).date()
    return Stamp(built.isoformat(), m.group(1), m.group(2))


class SiteError(RuntimeError):
    """The site cannot be built (the message says what is missing and how to get it)."""


@dataclass(frozen=True)
class Asset:
    name: str  # file name under assets/
    source: Path
    how: str  # how to get it when it is missing


def assets() -> list[Asset]:
    """The local copies every page loads, and where each comes from."""
    import plotly

    npm = "run `npm ci` in the repository folder (package.json lists it)"
    pip = "run `make .venv/.installed` (pyproject.toml lists it)"
    html_manager = NODE_MODULES / "@jupyter-widgets" / "html-manager" / "dist"
    return [
        Asset("require.js", NODE_MODULES / "requirejs" / "require.js", npm),
        Asset("embed-amd.js", html_manager / "embed-amd.js", npm),
        Asset("anywidget.js", Path(sys.prefix) / "share" / "jupyter" / "nbextensions" / "anywidget" / "index.js", pip),
        Asset("plotly.min.js", Path(plotly.__file__).parent / "package_data" / "plotly.min.js", pip),
        Asset("site.css", TEMPLATES / "site.css", "restore tools/site_template/site.css from git"),
        Asset("offline.js", TEMPLATES / "offline.js", "restore tools/site_template/offline.js from git"),
        Asset("icon.svg", TEMPLATES / "icon.svg", "restore tools/site_template/icon.svg from git"),
        Asset("site_progress.js", STATIC_BUNDLES / "site_progress.js", "run `node tools/bundle.mjs`"),
    ]


def check_assets() -> list[Asset]:
    """Every asset, or SiteError naming each missing one and how to get it."""
    found = assets()
    missing = [a for a in found if not a.source.is_file()]
    if missing:
        lines = "\n".join(f"  {a.name}: not found at {a.source}; {a.how}" for a in missing)
        raise SiteError(f"cannot build the site, {len(missing)} file(s) missing:\n{lines}")
    return found


def copy_assets(out: Path) -> None:
    target = out / ASSETS
    target.mkdir(parents=True, exist_ok=True)
    for asset in check_assets():
        shutil.copyfile(asset.source, target / asset.name)
        if asset.name == "embed-amd.js":  # the widget renderer's icon fonts, found next to the script
            for font in asset.source.parent.iterdir():
                if font.suffix in {".woff2", ".woff", ".ttf", ".eot", ".svg"}:
                    shutil.copyfile(font, target / font.name)


def external_scripts(html: str) -> list[str]:
    """Script URLs in `html` that are not local to the site: absolute, protocol-relative or another scheme."""
    urls = SCRIPT_SRC.findall(html) + IMPORT_URL.findall(html)
    return [u for u in urls if re.match(r"^([a-z][a-z0-9+.-]*:|//|/)", u, re.I)]


def page_name(source: str) -> str:
    """``01_what_is_a_twitch.ipynb`` → ``01_what_is_a_twitch.html``."""
    return Path(source).with_suffix(".html").name


def relink(html: str, pages: set[str], dropped: list[str] | None = None) -> str:
    """Links to a lesson notebook (or a Markdown file) of the site point at its page; a link to a file the site does
    not have (teacher material) keeps its words but stops being a link, and is added to `dropped`."""

    def swap(m: re.Match[str]) -> str:
        before, quote, href, after, text = m.groups()
        target, _, fragment = href.partition("#")
        if not target or re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I) or target in SITE_FILES:
            return m.group(0)  # a place in this page, a page on the web, or the site's own list
        if target in pages:
            new = page_name(target) + (f"#{fragment}" if fragment else "")
            return f"<a{before}href={quote}{new}{quote}{after}>{text}</a>"
        if dropped is not None:
            dropped.append(href)
        return text

    return ANCHOR.sub(swap, html)


def execute(notebook: Path, workdir: Path, timeout: int = 180) -> nbformat.NotebookNode:
    """Run a copy of `notebook` in `workdir` (widget state kept in its metadata, as JupyterLab saves it)."""
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    nb = nbformat.read(notebook, as_version=4)
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3", resources={"metadata": {"path": str(workdir)}})
    with tempfile.TemporaryFile() as log:  # the kernel's own chatter, shown only when the kernel itself failed
        try:
            client.execute(stdout=log, stderr=subprocess.STDOUT)
        except CellExecutionError as e:
            cell = next((i for i, c in enumerate(nb.cells) for o in c.get("outputs", []) if o.get("ename")), "?")
            raise SiteError(f"{notebook.name} did not run: cell {cell} raised {e.ename}: {e.evalue}") from None
        except Exception as e:
            log.seek(0)
            said = log.read().decode(errors="replace").strip()[-2000:]
            raise SiteError(
                f"{notebook.name} did not run: {e}" + (f"\nthe kernel said:\n{said}" if said else "")
            ) from e
    return nb


def widget_models(nb: nbformat.NotebookNode, model_id: str) -> set[str]:
    """The model names (``ButtonModel``…) of a widget and everything it holds, from the notebook's widget state."""
    state = nb.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    names: set[str] = set()
    todo, seen = [model_id], set()
    while todo:
        mid = todo.pop()
        if mid in seen or mid not in state:
            continue
        seen.add(mid)
        names.add(state[mid]["model_name"])
        todo += re.findall(r"IPY_MODEL_([0-9a-f]+)", json.dumps(state[mid].get("state", {})))
    return names


# The start page's progress widgets (their root's CSS class, views/palette.py) → the part of static/site_progress.js
# that takes their place on the site, where the answers are kept in the browser.
SITE_PARTS = {"progress-overview": "table", "progress-backup": "backup"}


def site_parts(nb: nbformat.NotebookNode, data: dict[str, object]) -> int:
    """Put the site's own progress parts in place of the progress table and "keep your progress" widgets (a kernel
    saves their answers in JupyterLab; on the site the browser keeps them): an empty element holding `data` as JSON,
    which assets/site_progress.js fills. Returns how many were put in."""
    state = nb.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    put = 0
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        outputs = []
        for output in cell.get("outputs", []):
            view = output.get("data", {}).get(WIDGET_VIEW)
            classes = state.get(view["model_id"], {}).get("state", {}).get("_dom_classes", []) if view else []
            part = next((SITE_PARTS[c] for c in classes if c in SITE_PARTS), None)
            if part is None:
                outputs.append(output)
                continue
            html = (
                f'<div class="site-progress" data-part="{part}"><script type="application/json" '
                f'class="site-progress-data">{payload}</script></div>'
            )
            if not put:
                html += f'<script src="{ASSETS}/site_progress.js" defer></script>'
            put += 1
            outputs.append(nbformat.v4.new_output("display_data", data={"text/html": html}))
        cell.outputs = outputs
    return put


def site_progress_data() -> dict[str, object]:
    """Everything the site's progress parts read: the course (progress_data) and their words (start.yaml, site.yaml)."""
    from widgets.content.load import load_site_texts, load_start_texts

    return {
        "course": progress_data(),
        "start": load_start_texts().model_dump(),
        "site": {"progress": load_site_texts().progress.model_dump()},
    }


def mark_kernel_parts(nb: nbformat.NotebookNode, note: str) -> int:
    """Put `note` above each widget whose controls are ipywidgets ones (their clicks go to Python, which the site
    does not have; what works in the page is an anywidget). Returns how many were marked."""
    marked = 0
    for cell in nb.cells:
        outputs = []
        for output in cell.get("outputs", []):
            view = output.get("data", {}).get(WIDGET_VIEW)
            if view and widget_models(nb, view["model_id"]) & KERNEL_CONTROLS:
                marked += 1
                html = f'<p class="site-needs-python" role="note">{escape(note)}</p>'
                outputs.append(nbformat.v4.new_output("display_data", data={"text/html": html}))
            outputs.append(output)
        if cell.cell_type == "code":
            cell.outputs = outputs
    return marked


def exporter(title: str):
    from nbconvert import HTMLExporter

    return HTMLExporter(
        extra_template_basedirs=[str(TEMPLATES.parent)],
        template_name=TEMPLATES.name,
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        require_js_url=f"{ASSETS}/require.js",
        widget_renderer_url=f"{ASSETS}/embed-amd.js",
    )


def render(nb: nbformat.NotebookNode, title: str, pages: set[str], echo=print, footer: str = "") -> str:
    nb.metadata["title"] = title
    html, _ = exporter(title).from_notebook_node(nb, resources={"site_assets": ASSETS, "site_footer": footer})
    dropped: list[str] = []
    html = relink(html, pages, dropped)
    for href in dropped:
        echo(f"  {title}: the link to {href} is plain text (not part of the site)")
    bad = external_scripts(html)
    if bad:
        raise SiteError(f"page {title!r} would load scripts from outside the site: {bad[:3]}")
    return html


def progress_data() -> dict[str, object]:
    """What the site's progress panel (static/site_progress.js) needs of the course, as plain JSON: the lessons in
    order (id, title), each bank's full question ids and content hashes (all_banks order, as the results file), and
    the final review's list. The page builds the progress table, the download and the results file from it."""
    from widgets.content.content_hash import question_hash
    from widgets.content.load import all_banks, load_course, load_review

    banks = [
        {"lesson": b.lesson, "ids": b.full_ids(), "hashes": [question_hash(q) for q in b.questions]}
        for b in all_banks()
    ]
    lessons = [{"id": lesson.id, "title": lesson.title} for lesson in load_course().lessons]
    return {"lessons": lessons, "banks": banks, "review": list(load_review().questions)}


def drop_build_paths(html: str, folder: str) -> str:
    """The page without the build's temporary `folder` (the progress view shows where answers are kept, a folder
    that does not exist for a reader of the site): each ``<p><code>…</code></p>`` naming it goes, in the page and in
    its widget state (where "/" is written "\\/"); SiteError if the folder is named anywhere else."""
    for form, end in ((folder, "</"), (folder.replace("/", "\\/"), "<\\/")):
        html = re.sub(re.escape("<p><code>" + form) + ".*?" + re.escape(end + "code>" + end + "p>"), "", html)
        if form in html:
            raise SiteError(f"a page names the build's temporary folder {folder}: no path of the build may show")
    return html


def markdown_page(path: Path) -> nbformat.NotebookNode:
    """A Markdown file as a one-cell notebook, so it gets the lessons' look."""
    return nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(path.read_text(encoding="utf-8"))])


@dataclass
class Page:
    source: str
    page: str
    title: str
    seconds: float
    executed_bytes: int  # the executed notebook with its widget state, as it would be saved
    html_bytes: int


def build(out: Path, lessons_dir: Path = LESSONS, echo=print, keep_executed: Path | None = None) -> list[Page]:
    """Build the site into `out` (replaced); returns one Page per lesson and extra page, in course order.
    `keep_executed`: a folder to keep each executed lesson in, as saved with its widget state (the tests read it)."""
    from widgets.content.load import load_course, load_site_texts
    from widgets.store.progress import ENV_DIR, ProgressStore
    from widgets.store.progress_doc import empty_progress

    check_assets()
    course, texts = load_course(), load_site_texts()
    progress = site_progress_data()
    note, footer = texts.needs_python, stamp(lessons_dir).line(texts.footer)
    sources = [lesson.notebook for lesson in course.lessons]
    missing = [s for s in sources if not (lessons_dir / s).is_file()]
    if missing:
        raise SiteError(f"course.yaml names lessons that are not in {lessons_dir}: {missing}")
    extras = [e for e in EXTRA_PAGES if (lessons_dir / e).is_file()]
    pages = set(sources) | set(extras)
    if out.exists():
        shutil.rmtree(out)
    copy_assets(out)
    built: list[Page] = []
    with tempfile.TemporaryDirectory(prefix="foot-lessons-site-") as tmp:
        work = Path(tmp) / "lessons"
        shutil.copytree(lessons_dir, work, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "text", "instructor"))
        before = os.environ.get(ENV_DIR)
        os.environ[ENV_DIR] = str(Path(tmp) / "progress")  # the kernels' throwaway progress store
        ProgressStore(Path(tmp) / "progress").replace(empty_progress(SITE_LEARNER))
        try:
            for lesson in course.lessons:
                start = time.perf_counter()
                nb = execute(work / lesson.notebook, work)
                saved = work / lesson.notebook
                nbformat.write(nb, saved)
                if keep_executed is not None:
                    keep_executed.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(saved, keep_executed / lesson.notebook)
                site_parts(nb, progress)
                needs_python = mark_kernel_parts(nb, note)
                html = drop_build_paths(render(nb, lesson.title, pages, echo, footer), tmp)
                target = out / page_name(lesson.notebook)
                target.write_text(html, encoding="utf-8")
                built.append(
                    Page(
                        lesson.notebook,
                        target.name,
                        lesson.title,
                        time.perf_counter() - start,
                        saved.stat().st_size,
                        target.stat().st_size,
                    )
                )
                echo(f"  {target.name}: {built[-1].seconds:.1f} s; parts that need Python: {needs_python}")
        finally:
            if before is None:
                os.environ.pop(ENV_DIR, None)
            else:
                os.environ[ENV_DIR] = before
    for extra in extras:
        start = time.perf_counter()
        title = extra.removesuffix(".md").title()
        html = render(markdown_page(lessons_dir / extra), title, pages, echo, footer)
        target = out / page_name(extra)
        target.write_text(html, encoding="utf-8")
        built.append(Page(extra, target.name, title, time.perf_counter() - start, 0, target.stat().st_size))
    index = home(course, texts, footer)
    (out / "index.html").write_text(index, encoding="utf-8")
    write_offline_files(out, course.title)
    return built


def _templates() -> Environment:
    return Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html", "j2"]))


def home(course, texts, footer: str) -> str:
    """The first page: the course title, the disclaimer and emergency list (care.yaml's words, as the lessons
    have them), the course map with each lesson's time, and what works offline."""
    import mistune

    from widgets.content.care_text import blocks
    from widgets.content.load import load_care_file

    emergency = mistune.html(blocks(load_care_file())["emergency_list"])
    lessons = [(lesson, page_name(lesson.notebook)) for lesson in course.lessons]
    return (
        _templates()
        .get_template("home.html.j2")
        .render(title=course.title, lessons=lessons, assets=ASSETS, texts=texts, emergency=emergency, footer=footer)
    )


def site_hash(out: Path) -> str:
    """A hash of every file of the site (the service worker's own file aside): it names the offline cache."""
    digest = hashlib.sha256()
    for f in sorted(p for p in out.rglob("*") if p.is_file() and p.name != "sw.js"):
        digest.update(f.relative_to(out).as_posix().encode() + b"\0" + f.read_bytes())
    return digest.hexdigest()[:16]


def write_offline_files(out: Path, title: str) -> None:
    """site.webmanifest (an installable app) and sw.js (the offline cache of every file of this build)."""
    manifest = {
        "name": title,
        "short_name": "Foot twitch lessons",
        "start_url": "index.html",
        "scope": "./",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#005A8C",
        "icons": [{"src": f"{ASSETS}/icon.svg", "sizes": "any", "type": "image/svg+xml", "purpose": "any"}],
    }
    (out / "site.webmanifest").write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    worker = _templates().get_template("sw.js.j2").render(cache=f"foot-lessons-{site_hash(out)}", files=files)
    (out / "sw.js").write_text(worker, encoding="utf-8")


def folder_bytes(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())


def report(pages: list[Page], seconds: float, out: Path | None = None, echo=print) -> bool:
    """Print each page's numbers (and the folder's, given `out`); False when an executed lesson is over
    MAX_LESSON_BYTES."""
    echo(f"{'page':<28} {'executed lesson':>16} {'HTML':>10} {'seconds':>8}")
    ok = True
    for p in pages:
        executed = f"{p.executed_bytes / 1e6:.3f} MB" if p.executed_bytes else "-"
        echo(f"{p.page:<28} {executed:>16} {p.html_bytes / 1e6:>7.3f} MB {p.seconds:>8.1f}")
        ok = ok and p.executed_bytes < MAX_LESSON_BYTES
    echo(f"built {len(pages)} pages in {seconds:.1f} s")
    if out is not None:
        shared, whole = folder_bytes(out / ASSETS) / 1e6, folder_bytes(out) / 1e6
        echo(f"assets/ (scripts and fonts every page shares): {shared:.1f} MB; whole site {whole:.1f} MB")
    if not ok:
        echo(f"an executed lesson is over {MAX_LESSON_BYTES / 1e6:.0f} MB with its widget state")
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "site", help="the site folder (replaced; default: site/)")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    try:
        pages = build(args.out)
    except SiteError as e:
        print(f"site: {e}", file=sys.stderr)
        return 1
    ok = report(pages, time.perf_counter() - start, args.out)
    print(f"open {(args.out / 'index.html').resolve().as_uri()}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
