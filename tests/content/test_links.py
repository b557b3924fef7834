"""Binder and nbgitpuller links: their form, the command, and that the README shows what it generates."""

from urllib.parse import parse_qs, urlsplit

import pytest

from tests.course_text import ROOT
from widgets.jupyter.links import (
    binder_badge,
    binder_url,
    main,
    nbgitpuller_url,
    read_readme_blocks,
    readme_blocks,
    settings,
    update_readme,
)


def test_binder_link_opens_the_start_notebook_in_jupyterlab():
    assert binder_url("https://github.com/acme/foot-twitch-lessons", "main") == (
        "https://mybinder.org/v2/gh/acme/foot-twitch-lessons/main?urlpath=lab/tree/lessons/00_start_here.ipynb"
    )
    assert binder_url("https://github.com/acme/lessons.git/", "dev").startswith(
        "https://mybinder.org/v2/gh/acme/lessons/dev?"
    )
    assert binder_url("https://gitlab.com/acme/x", "main").startswith("https://mybinder.org/v2/gl/acme%2Fx/main?")
    assert binder_url("https://codeberg.org/acme/x", "main").startswith(
        "https://mybinder.org/v2/git/https%3A%2F%2Fcodeberg.org%2Facme%2Fx/main?"
    )
    assert binder_badge("https://github.com/a/b").startswith(
        "[![Launch on Binder](https://mybinder.org/badge_logo.svg)]("
    )


def test_nbgitpuller_link_pulls_the_repository_and_opens_the_start_notebook():
    url = nbgitpuller_url("https://hub.school.org/", "https://github.com/acme/foot-twitch-lessons", "main")
    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "hub.school.org", "/hub/user-redirect/git-pull")
    assert parse_qs(parts.query) == {
        "repo": ["https://github.com/acme/foot-twitch-lessons"],
        "urlpath": ["lab/tree/foot-twitch-lessons/lessons/00_start_here.ipynb"],
        "branch": ["main"],
    }


def test_a_plain_http_git_server_stays_http():
    """A git server on the class's own network or on loopback (tests/hub) may have no TLS."""
    url = nbgitpuller_url("http://127.0.0.1:8000", "http://127.0.0.1:9418/class/lessons.git", "main")
    assert parse_qs(urlsplit(url).query)["repo"] == ["http://127.0.0.1:9418/class/lessons"]


@pytest.mark.parametrize(
    "repo", ["ftp://github.com/a/b", "https://github.com/onlyowner", "not a url", "https://github.com/a/b?x=1"]
)
def test_bad_repository_urls_are_refused(repo):
    with pytest.raises(ValueError, match="repository URL"):
        binder_url(repo)


def test_bad_hub_url_is_refused():
    with pytest.raises(ValueError, match="hub URL"):
        nbgitpuller_url("hub.school.org", "https://github.com/a/b")


def test_readme_links_are_the_ones_the_command_generates():
    conf = settings(ROOT / "pyproject.toml")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    found = read_readme_blocks(readme)
    assert found == readme_blocks(conf["repository"], conf["branch"], conf["hub"]), (
        "run: python -m widgets.jupyter.links --write-readme"
    )
    assert set(found) == {"binder", "hub", "hub_install"}


def test_update_readme_replaces_only_the_marked_blocks():
    text = "a\n<!-- links:binder generated -->\nOLD\n<!-- /links:binder -->\nb\n"
    new = update_readme(text, {"binder": "NEW"})
    assert new == "a\n<!-- links:binder generated -->\nNEW\n<!-- /links:binder -->\nb\n"


def test_command_prints_the_links_for_a_given_repository(capsys):
    main(["https://github.com/acme/x", "--hub", "https://hub.example.org", "--branch", "dev"])
    out = capsys.readouterr().out
    assert binder_url("https://github.com/acme/x", "dev") in out
    assert nbgitpuller_url("https://hub.example.org", "https://github.com/acme/x", "dev") in out


def test_project_url_is_a_marked_placeholder_in_one_place():
    conf = settings(ROOT / "pyproject.toml")
    assert conf["repository"].startswith("https://github.com/")
    assert "YOUR-ORG" in conf["repository"]  # replace with your fork; the README follows via --write-readme


def test_command_reads_the_settings_given_not_the_installed_package(tmp_path, capsys):
    (tmp_path / "pyproject.toml").write_text(
        '[tool.foot-twitch-lessons]\nrepository = "https://github.com/school/fork"\n'
        'hub = "https://hub.school.example"\n'
    )
    readme = tmp_path / "README.md"
    readme.write_text("x\n<!-- links:binder generated -->\nOLD\n<!-- /links:binder -->\n")
    main(["--pyproject", str(tmp_path / "pyproject.toml"), "--readme", str(readme), "--write-readme"])
    assert "school/fork" in readme.read_text() and "OLD" not in readme.read_text()


def test_command_without_settings_says_where_to_run_it(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit):
        main(["--write-readme"])
    assert "run this in your fork's folder" in capsys.readouterr().err
