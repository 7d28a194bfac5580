"""Every file the program reads from disk at run time, and a check that a bundle (or the source
tree) still has each one: ``--smoke-test`` runs it first and names, in Vietnamese, whatever is
missing, instead of a page failing later on an officer's PC.

Pure: no Qt and no database here (the icon names come from the caller, which knows the pages),
so a unit test can check a fake bundle layout file by file.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

KIND_TRANSLATION = "bản dịch giao diện"
KIND_TEMPLATE = "mẫu văn bản Word"
KIND_CATALOG = "danh mục dữ liệu"
KIND_MIGRATION = "bản nâng cấp cơ sở dữ liệu"
KIND_ICON = "biểu tượng"
KIND_MODULE = "mô-đun chương trình"

# Relative to the bundle root (sys._MEIPASS) or the repository root: the same layout in both,
# because build.spec copies each folder to the path the code reads it from.
TRANSLATIONS = ("resources/translations/desktop_vi.qm",)
CATALOG = tuple(f"resources/catalog/{name}" for name in (
    "award_kinds.json", "base_salaries.json", "legal_grounds.json", "legal_rules.json",
    "province_parameters.json"))  # tests/unit/test_bundle.py keeps this equal to the folder
TEMPLATES_DIR = "desktop/templates_docx"
ICONS_DIR = "resources/icons"
MIGRATIONS_DIR = "desktop/db/migrations"
MIGRATION_FILES = (f"{MIGRATIONS_DIR}/env.py", f"{MIGRATIONS_DIR}/script.py.mako")
VERSIONS_DIR = f"{MIGRATIONS_DIR}/versions"


@dataclass(frozen=True)
class Missing:
    kind: str  # Vietnamese, e.g. "mẫu văn bản Word"
    name: str  # the path relative to the bundle root, or the migration revision

    def __str__(self) -> str:
        return f"{self.kind}: {self.name}"


@dataclass(frozen=True)
class BundleSpec:
    """What must be there: the fixed files above plus what the code names elsewhere."""

    templates: tuple[str, ...]  # file names under desktop/templates_docx
    icons: tuple[str, ...]  # file names under resources/icons
    schema_head: str  # the migration the database must reach (desktop.db.migrate.SCHEMA_HEAD)

    def files(self) -> list[tuple[str, str]]:
        """(kind, relative path) of every single file required."""
        return ([(KIND_TRANSLATION, p) for p in TRANSLATIONS]
                + [(KIND_TEMPLATE, f"{TEMPLATES_DIR}/{t}") for t in self.templates]
                + [(KIND_CATALOG, p) for p in CATALOG]
                + [(KIND_MIGRATION, p) for p in MIGRATION_FILES]
                + [(KIND_ICON, f"{ICONS_DIR}/{i}") for i in self.icons])


def default_spec(icons: Iterable[str]) -> BundleSpec:
    """The program's own list: every shipped template (the registry), the schema head, and the
    page icons the caller passes (desktop.views.pages.PAGES: importing it here would pull Qt)."""
    from desktop.db.migrate import SCHEMA_HEAD
    from desktop.services.documents.registry import TEMPLATES

    return BundleSpec(tuple(t.filename for t in TEMPLATES), tuple(i for i in icons if i),
                      SCHEMA_HEAD)


def bundle_root() -> Path:
    """The folder PyInstaller unpacked the bundle into, else the repository root."""
    bundle = getattr(sys, "_MEIPASS", None)
    return Path(bundle) if bundle else Path(__file__).resolve().parent.parent


def missing_resources(root: Path, spec: BundleSpec) -> list[Missing]:
    """Everything ``spec`` needs that is absent (or empty) under ``root``, in a stable order."""
    missing = [Missing(kind, rel) for kind, rel in spec.files() if not _present(root / rel)]
    missing += [Missing(KIND_MIGRATION, f"{VERSIONS_DIR}: bản {rev}")
                for rev in missing_revisions(root / VERSIONS_DIR, spec.schema_head)]
    return missing


def missing_revisions(versions: Path, head: str) -> list[str]:
    """Revisions on the chain from ``head`` down to the first one that have no script: Alembic
    would otherwise stop at an older head and the tables would not match the program."""
    down: dict[str, str | None] = {}
    for script in sorted(versions.glob("*.py")) if versions.is_dir() else []:
        parsed = _revision_of(script)
        if parsed is not None:
            down[parsed[0]] = parsed[1]
    gaps: list[str] = []
    revision: str | None = head
    while revision is not None:
        if revision not in down:
            gaps.append(revision)
            break  # without this script its predecessor is unknown
        revision = down[revision]
    return gaps


def message(missing: list[Missing]) -> str:
    """The Vietnamese report the smoke test prints (and logs) when something is missing."""
    lines = "\n".join(f"  - {item}" for item in missing)
    return (f"Bản cài TĐKT Desktop thiếu {len(missing)} tệp cần thiết:\n{lines}\n"
            "Hãy cài lại phần mềm (hoặc đóng gói lại theo build.spec).\n")


def _present(path: Path) -> bool:
    try:
        return path.is_file() and path.stat().st_size > 0
    except OSError:
        return False


def _revision_of(script: Path) -> tuple[str, str | None] | None:
    """``revision`` and ``down_revision`` of a migration script, read without running it."""
    try:
        tree = ast.parse(script.read_text(encoding="utf-8"))
    except (OSError, SyntaxError, UnicodeDecodeError):
        return None
    values: dict[str, object] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if isinstance(target, ast.Name) and target.id in ("revision", "down_revision"):
                    try:
                        values[target.id] = ast.literal_eval(node.value) if node.value else None
                    except ValueError:
                        return None
    revision, down = values.get("revision"), values.get("down_revision")
    if not isinstance(revision, str) or not (down is None or isinstance(down, str)):
        return None
    return revision, down
