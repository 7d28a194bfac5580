"""argparse speaking Vietnamese: its own messages are translated while ``tdkt`` parses.

argparse looks its messages up through the module-level ``_``/``ngettext`` at call time, so
swapping those two names for the duration of building and parsing is enough; they are put back
afterwards so nothing else in the process is affected.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import NoReturn

from desktop.domain.vntext import printable

_MESSAGES = {
    "usage: ": "Cách dùng: ",
    "positional arguments": "đối số",
    "options": "tùy chọn",
    "show this help message and exit": "hiện trợ giúp này rồi thoát",
    "show program's version number and exit": "hiện số phiên bản rồi thoát",
    "argument %(argument_name)s: %(message)s": "đối số %(argument_name)s: %(message)s",
    "unrecognized arguments: %s": "không hiểu các đối số: %s",
    "the following arguments are required: %s": "thiếu đối số bắt buộc: %s",
    "one of the arguments %s is required": "cần một trong các đối số %s",
    "not allowed with argument %s": "không được dùng cùng với %s",
    "ignored explicit argument %r": "tùy chọn này không nhận giá trị %r",
    "expected one argument": "cần một giá trị",
    "expected at most one argument": "cần nhiều nhất một giá trị",
    "expected at least one argument": "cần ít nhất một giá trị",
    "ambiguous option: %(option)s could match %(matches)s":
        "tùy chọn %(option)s không rõ ràng, có thể là %(matches)s",
    "invalid %(type)s value: %(value)r": "giá trị %(value)r không hợp lệ (cần kiểu %(type)s)",
    "invalid choice: %(value)r (choose from %(choices)s)":
        "lựa chọn %(value)r không hợp lệ (chọn một trong: %(choices)s)",
    "unexpected option string: %s": "tùy chọn không mong đợi: %s",
    "%(prog)s: error: %(message)s\n": "%(prog)s: lỗi: %(message)s\n",
}


def _translate(message: str) -> str:
    return _MESSAGES.get(message, message)


def _ntranslate(singular: str, plural: str, n: int) -> str:
    if singular == "expected %s argument":
        return "cần %s giá trị"
    return singular if n == 1 else plural


@contextmanager
def vietnamese_argparse() -> Iterator[None]:
    """Translate argparse's own texts (usage, errors, section titles) inside the block."""
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._ = _translate  # type: ignore[attr-defined]
    argparse.ngettext = _ntranslate  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


class ViArgumentParser(argparse.ArgumentParser):
    """Usage errors exit 2 like argparse; with ``--json`` they are also reported on stdout."""

    json_errors = False

    def error(self, message: str) -> NoReturn:
        message = printable(message)  # an argument echoed back never carries a raw ESC
        if ViArgumentParser.json_errors:
            print(json.dumps({"error": message, "usage_error": True}, ensure_ascii=False))
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: lỗi: {message}\n")


class HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """Keeps the epilog's own line breaks; a little wider help column for Vietnamese texts."""

    def __init__(self, prog: str) -> None:
        super().__init__(prog, max_help_position=32, width=100)
