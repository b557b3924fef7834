"""A real JupyterHub on 127.0.0.1 for the hub tests and the load benchmark.

- `user_env()` builds the learners' Python environment from Debian's /usr/bin/python3 (every user can run
  it; the project's own venv may sit where they cannot read) with jupyterhub, jupyterlab, nbgitpuller and
  this package, in a root-owned, world-readable folder, cached by the dependency list.
- `unix_users()` creates real Unix users (homes closed to others, as The Littlest JupyterHub makes them)
  and removes them, their homes and their processes afterwards, whatever happened.
- `start_hub()` runs jupyterhub (DummyAuthenticator, LocalProcessSpawner: each server runs as its user)
  with configurable-http-proxy, all on loopback ports picked free.
- `Learner` logs in through the hub's login form, follows links, runs code in a kernel of its own server.
"""

from __future__ import annotations

import hashlib
import html
import importlib.metadata
import json
import os
import pwd
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import tomllib
import uuid
from collections import Counter
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

from widgets.classroom.handin import TEACHERS  # the Unix group that may read the drop box

ROOT = Path(__file__).resolve().parents[2]
SYSTEM_PYTHON = Path("/usr/bin/python3")
PROXY = "configurable-http-proxy"
MARK = "foot-twitch-lessons hub test"  # the GECOS field of every user the fixture makes
ENV_HOME = Path(os.environ.get("FOOT_LESSONS_HUB_ENV", "/opt/foot-twitch-lessons-hub-env"))


def missing() -> str | None:
    """Why a real hub cannot run here (None when it can)."""
    if os.geteuid() != 0:
        return "the hub tests create Unix users and need root (CI runs as root)"
    for tool in ("useradd", "userdel", "groupadd", "git"):
        if shutil.which(tool) is None:
            return f"{tool} not found"
    if shutil.which(PROXY) is None:
        return f"{PROXY} not found (npm install -g configurable-http-proxy)"
    try:
        importlib.metadata.version("jupyterhub")
    except importlib.metadata.PackageNotFoundError:
        return "jupyterhub is not installed in this venv (pip install -e '.[test]')"
    if not SYSTEM_PYTHON.exists():
        return f"{SYSTEM_PYTHON} not found (apt-get install python3 python3-venv)"
    probe = subprocess.run([str(SYSTEM_PYTHON), "-c", "import venv, ensurepip"], capture_output=True)
    if probe.returncode:
        return f"{SYSTEM_PYTHON} lacks venv/ensurepip (apt-get install python3-venv)"
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# ---------------------------------------------------------------- the learners' Python environment


def _env_key() -> str:
    conf = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    parts = [
        importlib.metadata.version("jupyterhub"),
        "nbgitpuller",
        *conf["project"]["dependencies"],
        subprocess.run([str(SYSTEM_PYTHON), "-V"], capture_output=True, text=True).stdout,
    ]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:12]


def user_env(log=print) -> Path:
    """The learners' environment (a venv of /usr/bin/python3), built once per dependency list; this
    package is reinstalled from the working tree every time (a wheel, not a link into the tree)."""
    env = ENV_HOME / _env_key()
    pip = [str(env / "bin" / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    if not (env / ".ready").exists():
        shutil.rmtree(env, ignore_errors=True)
        ENV_HOME.mkdir(parents=True, exist_ok=True)
        t = time.monotonic()
        subprocess.run([str(SYSTEM_PYTHON), "-m", "venv", str(env)], check=True)
        subprocess.run(
            [*pip, f"jupyterhub=={importlib.metadata.version('jupyterhub')}", "nbgitpuller", str(ROOT)],
            check=True,
            cwd=tempfile.gettempdir(),
        )
        (env / ".ready").touch()
        log(f"built the learners' environment {env} in {time.monotonic() - t:.0f} s")
    else:
        subprocess.run([*pip, "--no-deps", "--force-reinstall", str(ROOT)], check=True, cwd=tempfile.gettempdir())
    subprocess.run(["chmod", "-R", "a+rX,go-w", str(ENV_HOME)], check=True)
    return env


# ---------------------------------------------------------------- the lessons repository


@dataclass
class LessonsRepo:
    """The teacher's lessons repository: a working copy that pushes to the bare repository the server serves."""

    work: Path
    url: str

    def git(self, *args: str) -> str:
        return subprocess.run(["git", "-C", str(self.work), *args], check=True, capture_output=True, text=True).stdout

    def add_note(self, notebook: str, note: str) -> None:
        """The teacher adds a line to a lesson's first Markdown cell, commits and pushes."""
        file = self.work / "lessons" / notebook
        nb = json.loads(file.read_text(encoding="utf-8"))
        cell = next(c for c in nb["cells"] if c["cell_type"] == "markdown")
        cell["source"] = ("".join(cell["source"]) + "\n\n" + note).splitlines(keepends=True)
        file.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        self.git("commit", "-qam", f"{notebook}: {note}")
        self.git("push", "-q", "origin", "main")


def lessons_repo(base: Path) -> tuple[Path, Path]:
    """A bare repository class/lessons holding the project's lessons, and a teacher's working copy of it."""
    bare, work = base / "git" / "class" / "lessons", base / "work"
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(bare)], check=True)
    work.mkdir()
    shutil.copytree(ROOT / "lessons", work / "lessons", ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    shutil.copy(ROOT / "README.md", work / "README.md")
    env = {
        "GIT_AUTHOR_NAME": "Teacher",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "Teacher",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    for cmd in (
        ["init", "-q", "-b", "main"],
        ["add", "-A"],
        ["commit", "-qm", "lessons"],
        ["remote", "add", "origin", str(bare)],
        ["push", "-q", "origin", "main"],
        ["config", "user.name", "Teacher"],
        ["config", "user.email", "t@example.org"],
    ):
        subprocess.run(["git", "-C", str(work), *cmd], check=True, env={**os.environ, **env})
    return base / "git", work


# ---------------------------------------------------------------- Unix users


def _uid_processes(uid: int) -> list[int]:
    pids = []
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                if d.stat().st_uid == uid:
                    pids.append(int(d.name))
            except OSError:
                pass
    return pids


def remove_user(name: str) -> None:
    """Stop the user's processes (by pid) and delete the user, home included. Only users we made."""
    try:
        entry = pwd.getpwnam(name)
    except KeyError:
        return
    if entry.pw_gecos != MARK:
        raise RuntimeError(f"refusing to remove {name}: not made by the hub tests")
    for sig in (signal.SIGTERM, signal.SIGKILL):
        pids = _uid_processes(entry.pw_uid)
        for pid in pids:
            with suppress(ProcessLookupError):
                os.kill(pid, sig)
        deadline = time.monotonic() + 5
        while pids and _uid_processes(entry.pw_uid) and time.monotonic() < deadline:
            time.sleep(0.1)
    subprocess.run(["userdel", "--remove", name], capture_output=True)
    shutil.rmtree(entry.pw_dir, ignore_errors=True)


def stale_users() -> list[str]:
    """Users left by an earlier run that was killed before its clean-up (recognised by MARK)."""
    return [p.pw_name for p in pwd.getpwall() if p.pw_gecos == MARK]


@contextmanager
def unix_users(names: list[str], teachers: list[str] = ()):
    """Create the users (home closed to other users, as TLJH makes them) and group TEACHERS;
    remove them all afterwards, even when the block fails."""
    for old in stale_users():
        remove_user(old)
    made: list[str] = []
    group_made = subprocess.run(["getent", "group", TEACHERS], capture_output=True).returncode != 0
    subprocess.run(["groupadd", "--force", TEACHERS], check=True)
    try:
        for name in names:
            extra = ["--groups", TEACHERS] if name in teachers else []
            subprocess.run(
                ["useradd", "--create-home", "--shell", "/bin/bash", "--comment", MARK, *extra, name], check=True
            )
            made.append(name)
            os.chmod(pwd.getpwnam(name).pw_dir, 0o750)
        yield made
    finally:
        for name in made:
            remove_user(name)
        if group_made:
            subprocess.run(["groupdel", TEACHERS], capture_output=True)


# ---------------------------------------------------------------- the hub


@dataclass
class Hub:
    url: str
    token: str
    workdir: Path
    env: Path
    process: subprocess.Popen
    log: Path

    def api(self, method: str, path: str, **kw):
        import requests

        r = requests.request(
            method, f"{self.url}/hub/api{path}", headers={"Authorization": f"token {self.token}"}, timeout=60, **kw
        )
        r.raise_for_status()
        return r.json() if r.content else None

    def user_token(self, name: str) -> str:
        return self.api("POST", f"/users/{name}/tokens", json={"note": "hub tests", "expires_in": 3600})["token"]

    def log_tail(self, lines: int = 40) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])


CONFIG = """
import os, sys
sys.path.insert(0, {root!r})
c = get_config()  # noqa
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = {port}
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {hub_port}
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{proxy_api}"
c.JupyterHub.db_url = "sqlite:///{workdir}/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = "{workdir}/cookie_secret"
c.JupyterHub.pid_file = "{workdir}/hub.pid"
c.JupyterHub.authenticator_class = "dummy"
c.Authenticator.allowed_users = set({users!r})
c.Authenticator.admin_users = set()
c.JupyterHub.spawner_class = "localprocess"
c.LocalProcessSpawner.ip = "127.0.0.1"
c.Spawner.cmd = ["{env}/bin/jupyterhub-singleuser"]
c.Spawner.args = ["--LabApp.extension_manager=readonly"]
c.Spawner.default_url = "/lab"
c.Spawner.environment = {{"PATH": "{env}/bin:/usr/local/bin:/usr/bin:/bin"}}
c.JupyterHub.services = [{{"name": "hub-tests", "api_token": {token!r}}}]
c.JupyterHub.load_roles = [{{"name": "hub-tests", "services": ["hub-tests"],
    "scopes": ["admin:users", "admin:servers", "tokens", "access:servers", "read:users", "list:users"]}}]
{extra}
"""

# The drop box and spawn settings: the very file The Littlest JupyterHub recipe installs.
TLJH_SNIPPET = ROOT / "deploy" / "tljh" / "jupyterhub_config.d" / "foot-lessons.py"


@contextmanager
def start_hub(users: list[str], env: Path, dropbox: Path | None = None, extra: str = "", ready_timeout: float = 60):
    """A running hub; stopped (servers and proxy with it) afterwards. `extra` is appended to its config."""
    workdir = Path(tempfile.mkdtemp(prefix="ftl-hub-"))  # 0700: root only
    port, token = free_port(), secrets.token_hex(16)
    hub_env = dict(os.environ)
    if dropbox is not None:
        hub_env["FOOT_LESSONS_DROPBOX"] = str(dropbox)
        extra = f"load_subconfig({str(TLJH_SNIPPET)!r})\n" + extra
    (workdir / "jupyterhub_config.py").write_text(
        CONFIG.format(
            root=str(ROOT),
            port=port,
            hub_port=free_port(),
            proxy_api=free_port(),
            workdir=workdir,
            users=list(users),
            env=env,
            token=token,
            extra=extra,
        )
    )
    log = workdir / "hub.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "jupyterhub", "-f", str(workdir / "jupyterhub_config.py")],
            cwd=workdir,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            env=hub_env,
        )
    hub = Hub(f"http://127.0.0.1:{port}", token, workdir, env, proc, log)
    try:
        import requests

        deadline = time.monotonic() + ready_timeout
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"jupyterhub exited ({proc.returncode}):\n{hub.log_tail()}")
            try:
                if requests.get(f"{hub.url}/hub/api/", timeout=2).ok:
                    break
            except requests.ConnectionError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"jupyterhub not up after {ready_timeout} s:\n{hub.log_tail()}")
            time.sleep(0.3)
        yield hub
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)  # the hub stops the servers and the proxy it started
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        if os.environ.get("FOOT_LESSONS_KEEP_HUB_LOG"):
            print(f"hub log kept in {log}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


# ---------------------------------------------------------------- a learner's browser-less session


@dataclass
class Learner:
    hub: Hub
    name: str
    session: object = None
    token: str = ""
    kernel: str = ""
    timings: dict = field(default_factory=dict)
    counts: Counter = field(default_factory=Counter)

    def __post_init__(self):
        import requests

        self.session = requests.Session()

    def open_link(self, link: str, timeout: float = 180) -> str:
        """Open `link` as a browser would, from a click: the hub's login form if not logged in (the _xsrf
        cookie and field); the "server not running" page, whose script goes to the spawn URL (or the
        learner clicks its button); "too many starting" (429): wait and try again; the spawn-pending page
        until the hub says the server is ready; then the link's page on the server. Returns its URL."""
        s, name = self.session, self.name
        deadline = time.monotonic() + timeout
        r = s.get(link, timeout=timeout)
        while True:
            if time.monotonic() > deadline:
                raise TimeoutError(f"{name}: {link} did not reach the server in {timeout} s ({r.status_code} {r.url})")
            path = urlsplit(r.url).path
            if r.ok and path.startswith(f"/user/{name}/"):
                return r.url
            if path == "/hub/login" and r.ok:
                r = s.post(
                    r.url,
                    data={"username": name, "password": "class", "_xsrf": s.cookies.get("_xsrf", "")},
                    timeout=timeout,
                )
            elif r.status_code == 424:  # not running: implicit spawn, or the Launch button
                m = re.search(r'var spawn_url = "([^"]+)"', r.text) or re.search(r'href="([^"]*/spawn/[^"]*)"', r.text)
                if not m:
                    raise RuntimeError(f"{name}: no spawn link on the not-running page")
                self.counts["clicked launch" if "implicit_spawn_seconds" not in r.text else "implicit spawn"] += 1
                r = s.get(urljoin(r.url, html.unescape(m.group(1))), timeout=timeout)
            elif r.status_code == 429:  # concurrent_spawn_limit: the page says try again
                self.counts["told to retry (429)"] += 1
                time.sleep(min(float(r.headers.get("Retry-After", 5)), 10))
                r = s.get(r.url, timeout=timeout)
            elif path.startswith(f"/hub/spawn-pending/{name}"):
                server = self.hub.api("GET", f"/users/{name}").get("servers", {}).get("")
                if not server:
                    raise RuntimeError(f"{name}: the spawn failed\n{self.hub.log_tail(15)}")
                if server.get("ready"):
                    r = s.get(urljoin(r.url, parse_qs(urlsplit(r.url).query).get("next", [link])[0]), timeout=timeout)
                else:
                    time.sleep(0.5)
            elif r.status_code >= 400:
                raise RuntimeError(f"{name}: {r.status_code} at {r.url}")
            else:
                time.sleep(0.5)
                r = s.get(r.url, timeout=timeout)

    def pull(self, link: str) -> list[dict]:
        """Click the nbgitpuller link: follow it to the git-pull page, then run the pull its page's script
        runs (the event stream at git-pull/api with the same query); returns the events."""
        final = self.open_link(link)
        parts = urlsplit(final)
        assert parts.path.endswith("/git-pull"), final
        events = []
        with self.session.get(f"{self.hub.url}{parts.path}/api?{parts.query}", stream=True, timeout=120) as r:
            r.raise_for_status()
            for raw in r.iter_lines(decode_unicode=True):
                if raw and raw.startswith("data:"):
                    events.append(json.loads(raw[5:]))
                    if events[-1].get("phase") in ("finished", "error"):
                        break
        if not events or events[-1].get("phase") != "finished":
            raise RuntimeError(f"{self.name}: nbgitpuller failed: {events[-3:]}")
        return events

    # -- a kernel of the learner's own server, driven through its REST and websocket API

    def _headers(self) -> dict:
        if not self.token:
            self.token = self.hub.user_token(self.name)
        return {"Authorization": f"token {self.token}"}

    def stop_kernel(self) -> None:
        import requests

        if self.kernel:
            requests.delete(
                f"{self.hub.url}/user/{self.name}/api/kernels/{self.kernel}", headers=self._headers(), timeout=60
            ).raise_for_status()
            self.kernel = ""

    def start_kernel(self) -> str:
        import requests

        r = requests.post(
            f"{self.hub.url}/user/{self.name}/api/kernels",
            json={"name": "python3"},
            headers=self._headers(),
            timeout=60,
        )
        r.raise_for_status()
        self.kernel = r.json()["id"]
        return self.kernel

    def run(self, code: str, timeout: float = 120) -> str:
        """Execute `code` in the learner's kernel; return its stdout; raise with the traceback on error."""
        import websocket

        if not self.kernel:
            self.start_kernel()
        ws_url = f"ws://{urlsplit(self.hub.url).netloc}/user/{self.name}/api/kernels/{self.kernel}/channels"
        ws = websocket.create_connection(
            ws_url, header=[f"{k}: {v}" for k, v in self._headers().items()], timeout=timeout
        )
        try:
            msg_id = uuid.uuid4().hex
            ws.send(
                json.dumps(
                    {
                        "header": {
                            "msg_id": msg_id,
                            "username": self.name,
                            "session": uuid.uuid4().hex,
                            "msg_type": "execute_request",
                            "version": "5.3",
                        },
                        "parent_header": {},
                        "metadata": {},
                        "channel": "shell",
                        "buffers": [],
                        "content": {
                            "code": code,
                            "silent": False,
                            "store_history": False,
                            "user_expressions": {},
                            "allow_stdin": False,
                            "stop_on_error": True,
                        },
                    }
                )
            )
            out, error, deadline = [], None, time.monotonic() + timeout
            while time.monotonic() < deadline:
                msg = json.loads(ws.recv())
                if msg.get("parent_header", {}).get("msg_id") != msg_id:
                    continue
                kind = msg["msg_type"]
                if kind == "stream":
                    out.append(msg["content"]["text"])
                elif kind == "error":
                    error = "\n".join(msg["content"]["traceback"])
                elif kind == "status" and msg["content"]["execution_state"] == "idle":
                    break
            else:
                raise TimeoutError(f"{self.name}: code did not finish in {timeout} s")
        finally:
            ws.close()
        if error:
            raise RuntimeError(f"{self.name}'s kernel raised:\n{error}")
        return "".join(out)

    def shell(self, code: str) -> subprocess.CompletedProcess:
        """Run Python as this Unix user outside the hub (for probing what the user may touch)."""
        return subprocess.run(
            ["runuser", "-u", self.name, "--", str(self.hub.env / "bin" / "python"), "-c", code],
            capture_output=True,
            text=True,
            cwd="/",
            timeout=60,
        )
