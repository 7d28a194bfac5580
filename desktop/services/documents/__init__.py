"""Word documents from officer-editable templates in the Decree 30/2020 format (DESIGN §7)."""

from desktop.services.documents.checker import CheckReport, Severity, TemplateProblem
from desktop.services.documents.contexts import RenderOptions
from desktop.services.documents.engine import DocumentError
from desktop.services.documents.registry import (
    TEMPLATES,
    ContextKind,
    FieldSpec,
    TemplateSpec,
)
from desktop.services.documents.service import BatchResult, DocumentService, TemplateInfo

__all__ = ["TEMPLATES", "BatchResult", "CheckReport", "ContextKind", "DocumentError",
           "DocumentService", "FieldSpec", "RenderOptions", "Severity", "TemplateInfo",
           "TemplateProblem", "TemplateSpec"]
