"""docxtpl rendering in a sandbox: a template cannot run code (Jinja's sandbox refuses unsafe
attributes), and a field the context lacks is an error that names the field, never a blank."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from docxtpl import DocxTemplate
from jinja2 import StrictUndefined, TemplateError, UndefinedError
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

from desktop.domain.errors import DomainError
from desktop.services.files import atomic_write

# Jinja says "'chuc_vu' is undefined" or "'dict object' has no attribute 'ten'".
_UNDEFINED = re.compile(r"'([\w.]+)' is undefined|has no attribute '(\w+)'")


class DocumentError(DomainError):
    """A template cannot be rendered; the message says which field or tag and why."""


def jinja_environment() -> SandboxedEnvironment:
    """Autoescape on: a name with "&" or "<" must not break the document's XML."""
    return SandboxedEnvironment(undefined=StrictUndefined, autoescape=True)


_ENV = jinja_environment()


def _field_name(error: UndefinedError) -> str:
    match = _UNDEFINED.search(str(error.message or ""))
    if match:
        return match.group(1) or match.group(2)
    return str(error.message)


def render_template(template: Path, context: dict[str, Any]) -> DocxTemplate:
    """Render into memory; raises DocumentError naming the missing field or faulty tag."""
    document = DocxTemplate(template)
    try:
        document.render(context, jinja_env=_ENV, autoescape=True)
    except UndefinedError as error:
        raise DocumentError(f"Mẫu {template.name} dùng trường “{_field_name(error)}” nhưng dữ "
                            "liệu không có trường này. Hãy kiểm tra mẫu (nút “Kiểm tra mẫu”).") \
            from error
    except SecurityError as error:
        raise DocumentError(f"Mẫu {template.name} có thẻ bị chặn vì lý do an toàn: "
                            f"{error}") from error
    except TemplateError as error:
        raise DocumentError(f"Mẫu {template.name} có thẻ sai: {error.message}. Hãy kiểm tra "
                            "mẫu.") from error
    return document


def render_to_file(template: Path, context: dict[str, Any], target: Path) -> Path:
    """Render and write atomically: the target is either the whole new document or untouched."""
    document = render_template(template, context)
    return atomic_write(target, lambda tmp: document.save(tmp))
