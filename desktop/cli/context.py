"""What every command gets: parsed options, the console, the folders, and the database opened
on demand (services are imported lazily so ``tdkt --help`` stays instant)."""

from __future__ import annotations

import argparse
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.cli.argparse_vi import HelpFormatter
from desktop.cli.output import Console
from desktop.domain.errors import DomainError, NotFoundError, StorageError, ValidationError
from desktop.paths import AppPaths

if TYPE_CHECKING:
    from desktop.services import Services
    from desktop.services.units import UnitRow


class NotConfiguredError(DomainError):
    """A data command on a database nobody has set up yet."""


@dataclass
class Context:
    args: argparse.Namespace
    console: Console
    paths: AppPaths
    db_target: str
    log_file: Path | None = None
    _services: Services | None = field(default=None, repr=False)

    @property
    def json(self) -> bool:
        return self.console.json_mode

    @property
    def is_url(self) -> bool:
        return "://" in self.db_target

    @property
    def db_path(self) -> Path:
        """The SQLite file; file operations (backup, restore) refuse server databases."""
        if self.is_url:
            raise StorageError("Sao lưu và khôi phục tệp chỉ áp dụng cho cơ sở dữ liệu SQLite "
                               "nhúng; với PostgreSQL hãy dùng công cụ của máy chủ (pg_dump).")
        return Path(self.db_target).expanduser().resolve()

    def open(self, *, create: bool = False, configured: bool = True) -> Services:
        """The services over the database; by default it must exist and be set up already."""
        if self._services is None:
            from desktop.services import Services

            self._services = Services.open(self.db_target, self.paths, create=create)
        if configured and not self._services.setup.is_configured:
            raise NotConfiguredError(
                "Cơ sở dữ liệu chưa được thiết lập. Hãy chạy “tdkt init --office-name … "
                "--office-code … --office-kind …” hoặc tạo dữ liệu mẫu bằng “tdkt demo”."
            )
        return self._services

    def close(self) -> None:
        if self._services is not None:
            self._services.close()
            self._services = None


# -- building sub-commands --------------------------------------------------------------------
def add_command(subparsers: Any, name: str, *, help: str, common: argparse.ArgumentParser,
                description: str | None = None, epilog: str | None = None
                ) -> argparse.ArgumentParser:
    """A sub-command that also accepts the global options (``--json`` after the command)."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        name, help=help, description=description or help, epilog=epilog, parents=[common],
        formatter_class=HelpFormatter, add_help=False)
    parser.add_argument("-h", "--help", action="help", help="hiện trợ giúp này rồi thoát")
    return parser


def add_group(subparsers: Any, name: str, *, help: str, common: argparse.ArgumentParser,
              epilog: str | None = None) -> Any:
    """A command with its own actions (``tdkt units list``); returns their subparsers."""
    parser = add_command(subparsers, name, help=help, common=common, epilog=epilog)
    return parser.add_subparsers(dest="action", required=True, metavar="THAO_TÁC",
                                 title="các thao tác")


# -- argument values --------------------------------------------------------------------------
def non_negative_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}” không phải số nguyên") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"“{text}” phải là số không âm")
    return value


def positive_int(text: str) -> int:
    value = non_negative_int(text)
    if value == 0:
        raise argparse.ArgumentTypeError("phải lớn hơn 0")
    return value


_DMY_RE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_ISO_RE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def parse_date(text: str | None, field_name: str, label: str) -> date | None:
    """dd/mm/yyyy (also d/m/yyyy, dd.mm.yyyy) or yyyy-mm-dd; a wrong one is refused input."""
    if text is None or not text.strip():
        return None
    text = text.strip()
    if match := _DMY_RE.match(text):
        day, month, year = (int(g) for g in match.groups())
    elif match := _ISO_RE.match(text):
        year, month, day = (int(g) for g in match.groups())
    else:
        raise ValidationError.single(field_name, label, f"“{text}” không đúng dạng ngày "
                                     "(dd/mm/yyyy hoặc yyyy-mm-dd)")
    try:
        return date(year, month, day)
    except ValueError:
        raise ValidationError.single(field_name, label,
                                     f"ngày “{text}” không có trong lịch") from None


def resolve_unit(services: Services, ref: str) -> UnitRow:
    """A unit by its code (case-insensitive), else by its number; ``#12`` always means ID 12."""
    ref = ref.strip()
    if ref.startswith("#") and ref[1:].isdigit():
        return services.units.get(int(ref[1:]))
    if ref:
        wanted = ref.casefold()
        # The indexed search first; a full scan catches codes SQLite's lower() cannot fold (Đ).
        for candidates in (services.units.search(ref, limit=1_000_000),
                           services.units.search("", limit=1_000_000)):
            for row in candidates:
                if row.code.casefold() == wanted:
                    return row
    if ref.isdigit():
        return services.units.get(int(ref))
    raise NotFoundError(f"Không tìm thấy đơn vị có mã “{ref}”.")
