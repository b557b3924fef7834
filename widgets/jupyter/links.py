"""Binder and JupyterHub (nbgitpuller) links to the lessons: `python -m widgets.jupyter.links [REPO] [--hub URL]`.

The project's own repository, branch and hub are set in one place, `[tool.foot-twitch-lessons]` in
pyproject.toml; the README's links are made from them (`--write-readme`) and a test checks they agree.
A teacher runs it in the folder of their fork (or passes `--pyproject` and `--readme`): the command never
looks for the repository from where the package is installed.
"""

from __future__ import annotations

import argparse
import re
import tomllib
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

START = "lessons/00_start_here.ipynb"
BADGE = "https://mybinder.org/badge_logo.svg"


def settings(pyproject: Path | str = "pyproject.toml") -> dict[str, Any]:
    """`repository`, `branch` and `hub` from `[tool.foot-twitch-lessons]` in pyproject.toml."""
    data = tomllib.loads(Path(pyproject).read_text(encoding="utf-8"))
    conf = data.get("tool", {}).get("foot-twitch-lessons", {})
    return {"repository": conf["repository"], "branch": conf.get("branch", "main"), "hub": conf.get("hub", "")}


def _split_repo(repository: str) -> tuple[str, str, str]:
    """(host, owner/…, repo name) of a repository URL such as https://github.com/owner/repo."""
    parts = urlsplit(repository.strip())
    path = parts.path.strip("/").removesuffix(".git")
    if parts.scheme not in ("http", "https") or not parts.netloc or path.count("/") < 1 or parts.query:
        raise ValueError(f"expected a repository URL like https://github.com/owner/repo, got {repository!r}")
    return parts.netloc.lower(), path, path.rsplit("/", 1)[-1]


def _clean_repo_url(repository: str) -> str:
    """The repository URL without a trailing slash or `.git`; `http` stays `http` (a git server on the
    class's own network or on loopback, as in the hub tests), everything else is `https`."""
    host, path, _ = _split_repo(repository)
    scheme = "http" if urlsplit(repository.strip()).scheme == "http" else "https"
    return f"{scheme}://{host}/{path}"


def binder_url(repository: str, branch: str = "main", notebook: str = START) -> str:
    """The mybinder.org link that builds the repository and opens `notebook` in JupyterLab."""
    host, path, _ = _split_repo(repository)
    ref = quote(branch, safe="")
    if host == "github.com":
        base = f"https://mybinder.org/v2/gh/{path}/{ref}"
    elif host == "gitlab.com":
        base = f"https://mybinder.org/v2/gl/{quote(path, safe='')}/{ref}"
    else:
        base = f"https://mybinder.org/v2/git/{quote(_clean_repo_url(repository), safe='')}/{ref}"
    return f"{base}?urlpath={quote('lab/tree/' + notebook, safe='/')}"


def binder_badge(repository: str, branch: str = "main") -> str:
    """The Markdown Binder badge linking to `binder_url`."""
    return f"[![Launch on Binder]({BADGE})]({binder_url(repository, branch)})"


def nbgitpuller_url(hub: str, repository: str, branch: str = "main", notebook: str = START) -> str:
    """The link a teacher shares on a JupyterHub: it pulls the repository into each learner's home
    (folder named after the repository) and opens `notebook` in JupyterLab."""
    hub_parts = urlsplit(hub.strip())
    if hub_parts.scheme not in ("http", "https") or not hub_parts.netloc:
        raise ValueError(f"expected a hub URL like https://hub.example.org, got {hub!r}")
    _, _, name = _split_repo(repository)
    query = urlencode(
        {"repo": _clean_repo_url(repository), "urlpath": f"lab/tree/{name}/{notebook}", "branch": branch},
        quote_via=quote,
        safe="",
    )
    return f"{hub.strip().rstrip('/')}/hub/user-redirect/git-pull?{query}"


def readme_blocks(repository: str, branch: str, hub: str) -> dict[str, str]:
    """The README's generated link blocks, by marker name."""
    return {
        "binder": (f"{binder_badge(repository, branch)}\n\nBinder link: <{binder_url(repository, branch)}>"),
        "hub": ("```text\n" + nbgitpuller_url(hub, repository, branch) + "\n```"),
        "hub_install": (
            f'```bash\npip install nbgitpuller "foot-twitch-lessons @ git+{_clean_repo_url(repository)}@{branch}"\n```'
        ),
    }


_BLOCK = re.compile(r"(<!-- links:(\w+) [^>]*-->\n)(.*?)(\n<!-- /links:\2 -->)", re.S)


def read_readme_blocks(text: str) -> dict[str, str]:
    """The generated blocks found in README text, by marker name."""
    return {m.group(2): m.group(3) for m in _BLOCK.finditer(text)}


def update_readme(text: str, blocks: dict[str, str]) -> str:
    """README text with each marked block replaced by the freshly generated one."""
    return _BLOCK.sub(lambda m: m.group(1) + blocks.get(m.group(2), m.group(3)) + m.group(4), text)


def main(argv: list[str] | None = None) -> None:
    pre = argparse.ArgumentParser(add_help=False)
    pre.add_argument("--pyproject", type=Path, default=Path("pyproject.toml"))
    known, _ = pre.parse_known_args(argv)
    try:
        conf = settings(known.pyproject)
    except (OSError, KeyError, ValueError) as e:
        conf = {"repository": None, "branch": "main", "hub": "", "error": f"{known.pyproject}: {e!r}"}
    p = argparse.ArgumentParser(prog="python -m widgets.jupyter.links", description=__doc__.splitlines()[0])
    p.add_argument(
        "--pyproject",
        type=Path,
        default=Path("pyproject.toml"),
        help="the project settings to read (default: pyproject.toml in this folder)",
    )
    p.add_argument(
        "--readme",
        type=Path,
        default=Path("README.md"),
        help="the README whose link blocks --write-readme rewrites (default: README.md in this folder)",
    )
    p.add_argument(
        "repository",
        nargs="?",
        default=conf["repository"],
        help=f"repository URL (default from pyproject.toml: {conf['repository'] or 'none found'})",
    )
    p.add_argument("--branch", default=conf["branch"], help=f"branch (default {conf['branch']})")
    p.add_argument("--hub", default=conf["hub"], help=f"JupyterHub URL (default {conf['hub'] or 'none'})")
    p.add_argument(
        "--write-readme",
        action="store_true",
        help="rewrite the link blocks in README.md (uses pyproject.toml's settings)",
    )
    args = p.parse_args(argv)
    if "error" in conf and (args.write_readme or args.repository is None):
        p.error(
            f"cannot read [tool.foot-twitch-lessons] from {conf['error']}; run this in your fork's folder, "
            "pass --pyproject, or give the repository URL"
        )
    if args.write_readme:
        readme = args.readme
        readme.write_text(
            update_readme(
                readme.read_text(encoding="utf-8"), readme_blocks(conf["repository"], conf["branch"], conf["hub"])
            ),
            encoding="utf-8",
        )
        print(f"updated the links in {readme}")
        return
    try:
        print(f"Binder link:  {binder_url(args.repository, args.branch)}")
        print(f"Binder badge: {binder_badge(args.repository, args.branch)}")
        if args.hub:
            print(f"JupyterHub (nbgitpuller) link: {nbgitpuller_url(args.hub, args.repository, args.branch)}")
    except ValueError as e:
        p.error(str(e))


if __name__ == "__main__":
    main()
