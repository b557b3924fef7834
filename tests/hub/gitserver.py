"""A smart-HTTP git server on 127.0.0.1 (``git http-backend`` as CGI) serving bare repositories of one folder.

nbgitpuller clones with ``--depth 1``, which git's "dumb" HTTP cannot do; ``git http-backend`` can.
Read-only: pushes are refused (the teacher pushes to the bare repository on disk).
"""

from __future__ import annotations

import os
import subprocess
import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit


def _handler(root: Path) -> type[BaseHTTPRequestHandler]:
    class GitCGI(BaseHTTPRequestHandler):
        def _run(self) -> None:
            url = urlsplit(self.path)
            if "git-receive-pack" in url.path or "git-receive-pack" in url.query:
                self.send_error(403, "read-only")
                return
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            env = {
                "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
                "GIT_PROJECT_ROOT": str(root),
                "GIT_HTTP_EXPORT_ALL": "1",
                "REQUEST_METHOD": self.command,
                "PATH_INFO": url.path,
                "QUERY_STRING": url.query,
                "CONTENT_TYPE": self.headers.get("Content-Type", ""),
                "CONTENT_LENGTH": str(len(body)),
                "REMOTE_ADDR": self.client_address[0],
                "HTTP_CONTENT_ENCODING": self.headers.get("Content-Encoding", ""),
                "GIT_PROTOCOL": self.headers.get("Git-Protocol", ""),
            }
            out = subprocess.run(["git", "http-backend"], input=body, env=env, capture_output=True).stdout
            head, _, payload = out.partition(b"\r\n\r\n")
            status, headers = 200, []
            for raw in head.decode("latin-1").split("\r\n"):
                name, _, value = raw.partition(":")
                if name.lower() == "status":
                    status = int(value.strip().split()[0])
                elif name:
                    headers.append((name, value.strip()))
            self.send_response(status)
            for name, value in headers:
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        do_GET = do_POST = _run

        def log_message(self, *args) -> None:  # quiet
            pass

    return GitCGI


@contextmanager
def serve_git(root: Path):
    """Serve the bare repositories under `root` at http://127.0.0.1:<port>/<name>.git; yields the base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(Path(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
