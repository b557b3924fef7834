"""The one way the package reads JSON from a file or an upload: bounded size, UTF-8 only, bounded depth and numbers.

Every failure (too big, not UTF-8, bad JSON, lone surrogate, absurd number, too deep, not a regular file, a
link) becomes one `UnreadableFile` whose message names the file and says what is wrong in plain words.
"""

from __future__ import annotations

import json
import math
import os
import re
import stat
from collections.abc import Iterable
from pathlib import Path
from typing import Any

MAX_DEPTH = 32  # our documents nest 4 levels; anything deeper is not ours
MAX_NUMBER_DIGITS = 30  # a count or a time never needs more


class UnreadableFile(ValueError):
    """A file or upload that cannot be read as one of this course's JSON documents; the message says why."""


def _size(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB" if n >= 1_000_000 else f"{max(1, round(n / 1000))} kB"


def _too_big(what: str, size: int, limit: int) -> str:
    """The message for a file of `size` bytes over `limit`: rounded sizes, or exact bytes where those would look
    the same ("16,000,001 bytes, more than the 16,000,000 bytes", never "16.0 MB, more than the 16.0 MB")."""
    shown, most = _size(size), _size(limit)
    if shown == most:
        shown, most = f"{size:,} bytes", f"{limit:,} bytes"
    return f"{what} is {shown}, more than the {most} these lessons accept."


def _int(text: str) -> int:
    if len(text) > MAX_NUMBER_DIGITS and len(text.lstrip("-")) > MAX_NUMBER_DIGITS:
        raise ValueError(f"a number with {len(text)} digits")
    return int(text)


def _float(text: str) -> float:
    if len(text) > MAX_NUMBER_DIGITS and len(text.lstrip("-")) > MAX_NUMBER_DIGITS:
        raise ValueError(f"a number with {len(text)} digits")
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"the number {text[:20]} is out of range")
    return value


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


# A \uD800-\uDFFF escape in the JSON text: the only way a decoded string can hold a lone surrogate (UTF-8 text
# cannot), so only then is every string encoded to find one.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def _check_tree(value: Any, strings: bool) -> None:
    """Depth at most MAX_DEPTH (a value inside a container one level deeper than it) and, if `strings`, no lone
    surrogate in any key or string (UnicodeEncodeError). Iterative: containers only, strings when asked."""
    if not strings:
        _check_depth(value)
        return
    stack = [(value, 0)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise ValueError(f"data nested more than {MAX_DEPTH} levels deep")
        children: Iterable[Any]
        if isinstance(node, dict):
            if node and depth + 1 > MAX_DEPTH:
                raise ValueError(f"data nested more than {MAX_DEPTH} levels deep")
            if strings:
                for k in node:
                    k.encode("utf-8")
            children = node.values()
        elif isinstance(node, list):
            if node and depth + 1 > MAX_DEPTH:
                raise ValueError(f"data nested more than {MAX_DEPTH} levels deep")
            children = node
        else:
            if strings and isinstance(node, str):
                node.encode("utf-8")  # a lone surrogate ("\ud800") raises UnicodeEncodeError
            continue
        for child in children:
            if isinstance(child, (dict, list)):
                stack.append((child, depth + 1))
            elif strings and isinstance(child, str):
                child.encode("utf-8")


def _check_depth(value: Any) -> None:
    """_check_tree without strings, one level at a time: no value deeper than MAX_DEPTH (json.loads makes plain
    dicts and lists only, so their exact types are tested)."""
    level, depth = [value], 0
    while level:
        below = []
        for node in level:
            kind = type(node)
            if kind is dict:
                below += [c for c in node.values() if type(c) is dict or type(c) is list]
            elif kind is list:
                below += [c for c in node if type(c) is dict or type(c) is list]
            else:
                continue
            if node and depth + 1 > MAX_DEPTH:
                raise ValueError(f"data nested more than {MAX_DEPTH} levels deep")
        depth += 1
        if below and depth > MAX_DEPTH:
            raise ValueError(f"data nested more than {MAX_DEPTH} levels deep")
        level = below


def parse_json(content: bytes, *, what: str, max_bytes: int) -> Any:
    """Decode `content` (bytes of a JSON document) or raise `UnreadableFile` naming `what` ("The file x.json")."""
    if len(content) > max_bytes:
        raise UnreadableFile(_too_big(what, len(content), max_bytes))
    if content[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise UnreadableFile(f"{what} is saved as UTF-16 text (Notepad can do this); save it as UTF-8 and try again.")
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UnreadableFile(f"{what} is not UTF-8 text, so it is not a file these lessons made.") from None
    try:
        value = json.loads(text, parse_int=_int, parse_float=_float, parse_constant=_no_constant)
        _check_tree(value, strings=bool(_SURROGATE_ESCAPE.search(text)))
    except json.JSONDecodeError as e:
        raise UnreadableFile(f"{what} is not valid JSON (line {e.lineno}, column {e.colno}: {e.msg}).") from None
    except RecursionError:
        raise UnreadableFile(f"{what} is nested too deeply to be a file these lessons made.") from None
    except UnicodeEncodeError:
        raise UnreadableFile(f"{what} holds text that is not valid Unicode (a broken character escape).") from None
    except ValueError as e:
        raise UnreadableFile(f"{what} cannot be read: {e}.") from None
    return value


def read_regular_file(path: Path | str, *, max_bytes: int, what: str | None = None) -> bytes:
    """The bytes of `path`, read without following a link, only if it is a regular file of at most `max_bytes`.

    A FIFO, a device, a folder or a symbolic link raises `UnreadableFile` at once (never blocks or reads
    without bound), as does any OS error; the message names the file.
    """
    path = Path(path)
    what = what or f"The file {path.name}"
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError as e:
        if path.is_symlink():
            raise UnreadableFile(f"{what} is a link to another file; only plain files are read.") from None
        raise UnreadableFile(f"{what} cannot be opened ({e.strerror or e}).") from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise UnreadableFile(f"{what} is not a plain file.")
        if st.st_size > max_bytes:
            raise UnreadableFile(_too_big(what, st.st_size, max_bytes))
        chunks, total = [], 0
        while total <= max_bytes:
            chunk = os.read(fd, min(1 << 20, max_bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > max_bytes:
            raise UnreadableFile(f"{what} grew past {_size(max_bytes)} while being read.")
        return b"".join(chunks)
    except OSError as e:
        raise UnreadableFile(f"{what} cannot be read ({e.strerror or e}).") from None
    finally:
        os.close(fd)
