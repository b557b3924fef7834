"""Test-only server classes for the browser tests' JupyterLab, as on a machine whose cores are all busy (a hub at the
start of a class, CI with every worker running): every kernel starts seconds late, and the list of sessions a notebook
asks for before it starts its kernel comes a second late (so the course tab hears of the notebook before its kernel
start begins, the order in which the old tab took a starting kernel for a stopped one).

    start_course_lab(slow_kernels=4.0)   # tests/browser/lab.py passes the two classes below to the server
"""

from __future__ import annotations

import asyncio
from typing import Any

from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from jupyter_server.services.sessions.sessionmanager import SessionManager
from traitlets import Float


class SlowStartKernelManager(AsyncMappingKernelManager):  # type: ignore[misc]
    """Waits `delay` seconds before starting each kernel."""

    delay = Float(4.0, config=True, help="seconds to wait before each kernel start")

    async def start_kernel(self, *args: Any, **kwargs: Any) -> str:
        await asyncio.sleep(self.delay)
        return str(await super().start_kernel(*args, **kwargs))


class SlowListSessionManager(SessionManager):  # type: ignore[misc]
    """Answers the list of sessions `delay` seconds late."""

    delay = Float(1.0, config=True, help="seconds to wait before listing the sessions")

    async def list_sessions(self) -> Any:
        await asyncio.sleep(self.delay)
        return await super().list_sessions()
