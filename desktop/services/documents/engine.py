"""docxtpl rendering in a sandbox: a template cannot run code (Jinja's sandbox refuses unsafe
attributes), cannot hang or fill the memory (loops, sizes, output and time are limited, see
``sandbox``), cannot slip raw Word XML past the escaping, and a field the context lacks is an
error that names the field, never a blank. A file that is no .docx, or a zip bomb, is refused
before any of it is parsed."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

from docx.opc.exceptions import PackageNotFoundError
from docxtpl import DocxTemplate
from jinja2 import TemplateError, UndefinedError
from jinja2.exceptions import SecurityError
from lxml import etree

from desktop.domain.errors import DomainError
from desktop.services.documents.sandbox import (
    LimitedEnvironment,
    TemplateLimitError,
    UnsafePackage,
    inspect_package,
    render_budget,
)
from desktop.services.files import atomic_write

# Jinja says "'chuc_vu' is undefined" or "'dict object' has no attribute 'ten'".
_UNDEFINED = re.compile(r"'([\w.]+)' is undefined|has no attribute '(\w+)'")
_FIX = "Văn bản không được tạo; hãy sửa mẫu (nút “Kiểm tra mẫu”)."


class DocumentError(DomainError):
    """A template cannot be rendered; the message says which field or tag and why."""


def jinja_environment() -> LimitedEnvironment:
    """Autoescape on: a name with "&" or "<" must not break the document's XML."""
    return LimitedEnvironment()


_ENV = jinja_environment()


def _field_name(error: UndefinedError) -> str:
    match = _UNDEFINED.search(str(error.message or ""))
    if match:
        return match.group(1) or match.group(2)
    return str(error.message)


# docxtpl's column loop tag ({%tc for … %}), the one construct whose rows ``fix_tables`` fixes.
_COLUMN_LOOP = re.compile(r"\{%-?\s*tc\b")


class _Document(DocxTemplate):  # type: ignore[misc]  # docxtpl has no types
    """docxtpl, less one step a template without column loops does not need: ``fix_tables``
    recounts every row's cells to widen the table grid after ``{%tc %}`` loops, and walking a
    1,000-row list for nothing was a third of the render. Without column loops the rows are
    Word's own rows, copied, so the grid already fits them; with them docxtpl runs as ever."""

    column_loops = True

    def fix_tables(self, xml: str) -> Any:
        if self.column_loops:
            return super().fix_tables(xml)
        return etree.fromstring(xml, parser=etree.XMLParser(recover=True))


def open_template(template: Path) -> DocxTemplate:
    """The template's package, looked at before it is parsed (see ``inspect_package``)."""
    try:
        inspect_package(template)
    except UnsafePackage as error:
        raise DocumentError(f"Không dùng được mẫu {template.name}: {error.reason}.") from None
    document = _Document(template)
    try:
        document.init_docx()
        document.column_loops = bool(_COLUMN_LOOP.search(document.get_xml()))
    except (PackageNotFoundError, KeyError, ValueError, OSError, zipfile.BadZipFile,
            SyntaxError):  # lxml's XMLSyntaxError is a SyntaxError
        raise DocumentError(f"Không dùng được mẫu {template.name}: tệp Word bị hỏng (thiếu "
                            "phần hoặc nội dung không đọc được). Hãy mở tệp bằng Word rồi lưu "
                            "lại dạng .docx.") from None
    return document


def render_template(template: Path, context: dict[str, Any]) -> DocxTemplate:
    """Render into memory; raises DocumentError naming the missing field or faulty tag."""
    document = open_template(template)
    try:
        with render_budget():
            document.render(context, jinja_env=_ENV, autoescape=True)
    except TemplateLimitError as error:
        raise DocumentError(f"Mẫu {template.name} {error.reason}. {_FIX}") from None
    except UndefinedError as error:
        raise DocumentError(f"Mẫu {template.name} dùng trường “{_field_name(error)}” nhưng dữ "
                            "liệu không có trường này. Hãy kiểm tra mẫu (nút “Kiểm tra mẫu”).") \
            from error
    except SecurityError as error:
        raise DocumentError(f"Mẫu {template.name} có thẻ bị chặn vì lý do an toàn (truy cập "
                            f"thuộc tính hoặc hàm không được phép). {_FIX}") from error
    except TemplateError as error:
        raise DocumentError(f"Mẫu {template.name} có thẻ sai: {error.message}. Hãy kiểm tra "
                            "mẫu.") from error
    return document


def render_to_file(template: Path, context: dict[str, Any], target: Path) -> Path:
    """Render and write atomically: the target is either the whole new document or untouched."""
    document = render_template(template, context)
    return atomic_write(target, lambda tmp: document.save(tmp))
