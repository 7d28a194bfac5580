"""Rotating log file in the user log folder; the path is shown in every crash dialog.

The log is kept free of personal data: the folder and every log file are owner-only (0700 and
0600 on POSIX), and a ``tdkt`` command is recorded by its command, action and option names
only (``command_for_log``), never the values typed after them (names, CCCD numbers, notes).
"""

from __future__ import annotations

import argparse
import io
import logging
import logging.handlers
from collections.abc import Iterable, Sequence
from pathlib import Path

from desktop.paths import create_private_file, private_dir

LOG_FILE_NAME = "tdkt.log"


class _PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating log whose every file (the current one and each new one after a rollover)
    is created owner-only."""

    def _open(self) -> io.TextIOWrapper:
        create_private_file(Path(self.baseFilename))
        return super()._open()


def configure(log_dir: Path, *, debug: bool = False, console: bool = False) -> Path:
    private_dir(log_dir)
    log_file = log_dir / LOG_FILE_NAME
    root = logging.getLogger()
    root.setLevel(logging.DEBUG if debug else logging.INFO)
    for handler in list(root.handlers):
        if getattr(handler, "_tdkt", False):
            root.removeHandler(handler)
            handler.close()
    file_handler = _PrivateRotatingFileHandler(
        log_file, maxBytes=2_000_000, backupCount=5, encoding="utf-8"
    )
    file_handler.setFormatter(
        logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    )
    file_handler._tdkt = True  # type: ignore[attr-defined]
    root.addHandler(file_handler)
    if console:
        stream = logging.StreamHandler()
        stream.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        stream._tdkt = True  # type: ignore[attr-defined]
        root.addHandler(stream)
    return log_file


# -- what a command line may say in the log --------------------------------------------------
def command_for_log(parser: argparse.ArgumentParser, argv: Sequence[str],
                    args: argparse.Namespace) -> str:
    """``tdkt people add --name --cccd --unit`` for ``tdkt people add --name "Lê Thị Hường"
    --cccd 012190000123 --unit PTH``: the command and action chosen (``args.command``,
    ``args.action``) and the names of the options given, in order. Values, positional
    arguments and anything the parser does not know as an option are left out."""
    words = ["tdkt"]
    words.extend(str(getattr(args, key)) for key in ("command", "action")
                 if isinstance(getattr(args, key, None), str))
    known = set(_option_strings(parser))
    for token in argv:
        name = token.split("=", 1)[0]
        if name.startswith("-") and name in known:
            words.append(name)
    return " ".join(words)


def _option_strings(parser: argparse.ArgumentParser) -> Iterable[str]:
    for action in parser._actions:  # argparse has no public walk of its sub-commands
        yield from action.option_strings
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                yield from _option_strings(sub)


def database_for_log(target: str) -> str:
    """A database path as is; a server URL by its scheme and host only (no user, password)."""
    if "://" not in target:
        return target
    scheme, rest = target.split("://", 1)
    host = rest.rsplit("@", 1)[-1].split("/", 1)[0]
    return f"{scheme}://…@{host}" if "@" in rest else f"{scheme}://{host}"
