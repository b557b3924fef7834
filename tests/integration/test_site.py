"""The static site builder (tools/site.py): what it writes loads scripts only from the site itself, its links stay
inside the site, each executed lesson stays small, and a missing asset stops it with one clear message.

One real build (module fixture: the lessons executed, as `make site` does); the browser side is
tests/browser/test_site.py.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import re
import shutil

import nbformat
import pytest

from tests.integration.test_no_cdn import external_refs
from tools import site
from widgets.content.load import load_course

LESSONS = [lesson.notebook for lesson in load_course().lessons]
# The lesson files as they were before the build (read at collection): the build must run copies.
BEFORE = {n: hashlib.sha256((site.LESSONS / n).read_bytes()).hexdigest() for n in LESSONS}
HREF = re.compile(r"""<a\b[^>]*?\bhref=["']([^"']+)["']""", re.I)


@pytest.fixture(scope="module")
def built(built_site):
    """One real build (tests/conftest.py: shared with the static-site browser tests and
    tests/integration/test_no_cdn.py)."""
    assert site.report(built_site.pages, built_site.seconds, built_site.out)
    return built_site.out, built_site.pages


def test_the_script_check_finds_scripts_from_elsewhere():
    assert site.external_scripts('<script src="https://cdn.jsdelivr.net/npm/x.js"></script>')
    assert site.external_scripts("<script type='text/javascript' src='//unpkg.com/x'>")
    assert site.external_scripts('<script src="/assets/require.js"></script>')  # the root of the disk, not the site
    assert site.external_scripts('<script>import("https://esm.sh/react")</script>')
    assert not site.external_scripts('<script src="assets/require.js"></script>')
    assert not site.external_scripts('<a href="https://example.org">a link is not a script</a>')


@pytest.mark.timeout(600)
def test_every_page_loads_scripts_only_from_its_own_folder(built):
    out, pages = built
    assert [p.page for p in pages][: len(LESSONS)] == [site.page_name(n) for n in LESSONS]
    for page in [*pages, "index.html"]:
        path = out / (page if isinstance(page, str) else page.page)
        html = path.read_text(encoding="utf-8")
        assert not site.external_scripts(html), path.name
        assert not [r for r in external_refs(html) if not r.startswith("require.config")], path.name
        for src in site.SCRIPT_SRC.findall(html):
            assert (out / src).is_file(), f"{path.name} loads {src}, which is not in the site"


@pytest.mark.timeout(600)
def test_links_between_pages_stay_in_the_site(built):
    out, pages = built
    index = (out / "index.html").read_text(encoding="utf-8")
    assert HREF.findall(index) == [site.page_name(n) for n in LESSONS]
    for page in pages:
        for href in HREF.findall((out / page.page).read_text(encoding="utf-8")):
            if re.match(r"^[a-z]+:", href) or href.startswith("#"):
                continue  # a source on the web, or a place in the same page
            assert not href.endswith((".ipynb", ".md")), f"{page.page} links to {href}"
            assert (out / href.split("#")[0]).is_file(), f"{page.page} links to {href}, not in the site"


@pytest.mark.timeout(600)
def test_each_next_link_leads_to_the_following_lesson(built):
    out, _ = built
    for here, there in itertools.pairwise(LESSONS):
        assert f'href="{site.page_name(there)}"' in (out / site.page_name(here)).read_text(encoding="utf-8"), here


@pytest.mark.timeout(600)
def test_executed_lessons_with_widget_state_stay_under_1_mb_and_the_lesson_files_stay_clean(built):
    _, pages = built
    lessons = [p for p in pages if p.source in LESSONS]
    assert len(lessons) == len(LESSONS)
    for p in lessons:
        print(
            f"{p.page}: executed {p.executed_bytes / 1e6:.3f} MB, page {p.html_bytes / 1e6:.3f} MB, {p.seconds:.1f} s"
        )
        assert 0 < p.executed_bytes < site.MAX_LESSON_BYTES, p
    for name in LESSONS:  # the build ran copies: the lessons themselves are untouched
        assert hashlib.sha256((site.LESSONS / name).read_bytes()).hexdigest() == BEFORE[name], name


def test_a_missing_asset_stops_the_build_with_one_message_naming_it(tmp_path, monkeypatch):
    monkeypatch.setattr(site, "NODE_MODULES", tmp_path / "no_node_modules")
    with pytest.raises(site.SiteError) as caught:
        site.build(tmp_path / "out", echo=lambda *_: None)
    message = str(caught.value)
    assert "require.js" in message and "embed-amd.js" in message and "npm ci" in message
    assert not (tmp_path / "out").exists()  # nothing half-built


def test_a_lesson_that_fails_to_run_stops_the_build_naming_it(tmp_path):
    lessons = tmp_path / "lessons"
    shutil.copytree(site.LESSONS, lessons)
    first = LESSONS[0]
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 / 0")])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, lessons / first)
    with pytest.raises(
        site.SiteError, match=rf"^{re.escape(first)} did not run: cell 0 raised ZeroDivisionError: division by zero$"
    ):
        site.build(tmp_path / "out", lessons_dir=lessons, echo=lambda *_: None)


def test_the_command_reports_a_missing_asset_in_one_line_per_file(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(site, "NODE_MODULES", tmp_path / "no_node_modules")
    assert site.main(["--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("site: cannot build the site, 2 file(s) missing:")
    assert len(err.strip().splitlines()) == 3 and "Traceback" not in err


def _with_widget(models: dict[str, str]) -> nbformat.NotebookNode:
    """A notebook with one widget output: model id → model name, the first holding the others."""
    ids = list(models)
    state = {
        mid: {"model_name": name, "state": {"children": [f"IPY_MODEL_{c}" for c in ids[1:]] if mid == ids[0] else []}}
        for mid, name in models.items()
    }
    view = nbformat.v4.new_output("display_data", data={site.WIDGET_VIEW: {"model_id": ids[0]}})
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("x"), nbformat.v4.new_code_cell(outputs=[view])])
    nb.metadata["widgets"] = {site.WIDGET_STATE: {"state": state}}
    return nb


def test_a_part_with_python_controls_gets_the_note_and_a_page_only_part_does_not():
    nb = _with_widget({"a1": "VBoxModel", "b2": "HTMLModel", "c3": "ButtonModel"})
    assert site.mark_kernel_parts(nb, "Needs <Python> & a kernel") == 1
    note, view = nb.cells[1].outputs
    assert note.data["text/html"] == '<p class="site-needs-python" role="note">Needs &lt;Python&gt; &amp; a kernel</p>'
    assert site.WIDGET_VIEW in view.data
    page_only = _with_widget({"a1": "VBoxModel", "d4": "AnyModel", "e5": "HTMLModel"})
    assert site.mark_kernel_parts(page_only, "n") == 0 and len(page_only.cells[1].outputs) == 1


def test_page_names_and_links():
    assert site.page_name("01_what_is_a_twitch.ipynb") == "01_what_is_a_twitch.html"
    pages = {"01_what_is_a_twitch.ipynb", "SOURCES.md"}
    html = (
        '<a href="01_what_is_a_twitch.ipynb#goals">x</a> <a class="c" href="SOURCES.md">s</a> '
        '<a href="https://example.org/a.md">w</a> <a href="#top">t</a> '
        '<a href="instructor/guide.md">the <b>guide</b></a>'
    )
    dropped: list[str] = []
    assert site.relink(html, pages, dropped) == (
        '<a href="01_what_is_a_twitch.html#goals">x</a> <a class="c" href="SOURCES.html">s</a> '
        '<a href="https://example.org/a.md">w</a> <a href="#top">t</a> the <b>guide</b>'
    )
    assert dropped == ["instructor/guide.md"]


# --- Issue 27: a site any school can put on a web space or a USB stick ---


def test_every_page_is_at_most_a_million_bytes_of_html(built):
    out, _ = built
    pages = sorted(out.glob("*.html"))
    assert len(pages) == len(LESSONS) + 2  # the lessons, SOURCES and the index
    sizes = {p.name: p.stat().st_size for p in pages}
    assert all(n <= 1_000_000 for n in sizes.values()), sizes


def test_no_path_of_the_build_shows_anywhere_in_the_site(built):
    """The start page once showed "Saved in:" and the build's temporary folder: no file of the site names it."""
    out, _ = built
    for f in out.rglob("*"):
        if f.is_file() and f.suffix in {".html", ".js", ".json", ".webmanifest", ".css"}:
            text = f.read_text(encoding="utf-8", errors="replace")
            assert "foot-lessons-site-" not in text and str(site.REPO) not in text, f.name


def test_a_build_path_left_in_a_page_is_removed_or_refused():
    folder = "/tmp/foot-lessons-site-abc"
    shown = f"<p>kept in</p><p><code>{folder}/progress</code></p><p>next</p>"
    assert site.drop_build_paths(shown, folder) == "<p>kept in</p><p>next</p>"
    state = shown.replace("/", "\\/")
    assert site.drop_build_paths(state, folder) == "<p>kept in<\\/p><p>next<\\/p>"
    with pytest.raises(site.SiteError, match="temporary folder"):
        site.drop_build_paths(f"<span>{folder}</span>", folder)


def test_every_page_ends_with_the_build_date_and_the_next_check_of_the_facts(built):
    out, _ = built
    due = re.search(r"Next check due: (\d{4}-\d\d-\d\d)", (site.LESSONS / "SOURCES.md").read_text()).group(1)
    for page in sorted(out.glob("*.html")):
        foot = re.search(r'<footer class="site-footer"><p>(.*?)</p></footer>', page.read_text(encoding="utf-8"), re.S)
        assert foot, page.name
        assert re.search(r"built on \d{4}-\d\d-\d\d", foot.group(1)) and f"next check due {due}" in foot.group(1)


def test_the_index_has_the_disclaimer_the_emergency_list_and_each_lessons_time(built):
    from widgets.content.load import load_care_file, load_site_texts

    out, _ = built
    html = (out / "index.html").read_text(encoding="utf-8")
    texts, care = load_site_texts(), load_care_file()
    assert texts.disclaimer in html and texts.under_18 in html
    assert care.region().emergency_numbers in html
    assert all(e.short in html for e in care.emergency_list)
    for lesson in load_course().lessons:
        assert f'href="{site.page_name(lesson.notebook)}"' in html and f"{lesson.minutes} min" in html
    assert 'rel="stylesheet" href="assets/site.css"' in html


def test_the_site_is_an_installable_app_whose_worker_keeps_every_file_of_this_build(built):
    out, _ = built
    manifest = json.loads((out / "site.webmanifest").read_text(encoding="utf-8"))
    assert (out / manifest["start_url"]).is_file() and manifest["display"] == "standalone"
    assert all((out / icon["src"]).is_file() for icon in manifest["icons"])
    worker = (out / "sw.js").read_text(encoding="utf-8")
    files = json.loads(re.search(r"^const FILES = (.*);$", worker, re.M).group(1))
    on_disk = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file() and p.name != "sw.js")
    assert files == on_disk
    assert f'const CACHE = "foot-lessons-{site.site_hash(out)}";' in worker
    for page in out.glob("*.html"):  # every page registers it (where the browser allows) and names the manifest
        text = page.read_text(encoding="utf-8")
        links = [tag for tag in re.findall(r"<link\b[^>]*>", text) if re.search(r'rel="manifest"', tag)]
        assert [re.search(r'href="([^"]+)"', tag).group(1) for tag in links] == ["site.webmanifest"], page.name
        assert re.search(r'<script\b[^>]*src="assets/offline.js"', text), page.name


def test_a_changed_file_renames_the_offline_cache(tmp_path):
    (tmp_path / "a.html").write_text("one")
    (tmp_path / "sw.js").write_text("old worker")
    first = site.site_hash(tmp_path)
    (tmp_path / "sw.js").write_text("another worker")
    assert site.site_hash(tmp_path) == first  # the worker itself is not part of the build's hash
    (tmp_path / "a.html").write_text("two")
    assert site.site_hash(tmp_path) != first
