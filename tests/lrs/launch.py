"""Start Ralph 5.1's learning record store (LRS) on 127.0.0.1 with its file-system backend, for the tests.

Run with the LRS's own Python (``.venv-lrs/bin/python``, made by ``make .venv-lrs/.installed``; Ralph pins
fastapi, uvicorn and httpx exactly, so it never shares the lessons' venv):

    .venv-lrs/bin/python tests/lrs/launch.py DIR [--port N] [--user NAME --password WORD]

It prints one line ``listening on 127.0.0.1:<port>`` once the server accepts requests, and serves until it is
stopped (SIGTERM / SIGINT). Statements are kept in ``DIR/fs_lrs.jsonl``, users in ``DIR/auth.json``.

The one change to Ralph, and why: its file-system LRS backend writes with the data backends' default
operation, CREATE, which refuses an existing file, so only the first statement is ever stored (every later
write answers 500, "already exists and overwrite is not allowed"). Ralph has no setting for the operation,
so this launcher sets the backend class's ``default_operation_type`` to APPEND before the API module
instantiates it: each accepted statement becomes one more line of the JSON Lines file, which is the format
the same backend reads back for GET /xAPI/statements. Everything else (validation, authentication, the
duplicate-id check that makes a resend harmless) is Ralph's own code, unchanged.
"""

from __future__ import annotations

import argparse
import os
import socket
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("directory", type=Path, help="where the statements and users are kept")
    parser.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (0: any free one)")
    parser.add_argument("--user", default="lessons", help="the one user (basic authentication)")
    parser.add_argument("--password", default="lessons-secret")
    args = parser.parse_args(argv)
    directory = args.directory.resolve()
    directory.mkdir(parents=True, exist_ok=True)

    # Ralph reads its settings from the environment when its modules are imported.
    os.environ.update(
        {
            "RALPH_APP_DIR": str(directory),
            "RALPH_AUTH_FILE": str(directory / "auth.json"),
            "RALPH_HISTORY_FILE": str(directory / "history.json"),
            "RALPH_RUNSERVER_BACKEND": "fs",
            "RALPH_RUNSERVER_HOST": "127.0.0.1",
            "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(directory),
        }
    )

    # The user, written by Ralph's own `ralph auth` command (bcrypt hash, scopes, agent).
    from ralph.cli import cli

    if not (directory / "auth.json").exists():
        cli.main(
            ["auth", "-u", args.user, "-p", args.password, "-s", "all", "-M", "mailto:lessons@example.org", "-w"],
            standalone_mode=False,
        )

    from ralph.backends.data.base import BaseOperationType
    from ralph.backends.lrs.fs import FSLRSBackend

    FSLRSBackend.default_operation_type = BaseOperationType.APPEND  # see the module docstring

    import uvicorn
    from ralph.api import app

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", args.port))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False))

    startup = server.startup

    async def announce(sockets: list[socket.socket] | None = None) -> None:
        await startup(sockets=sockets)  # returns once the socket accepts requests
        print(f"listening on 127.0.0.1:{port}", flush=True)

    server.startup = announce  # type: ignore[method-assign]
    server.run(sockets=[sock])
    sys.exit(0)


if __name__ == "__main__":
    main()
