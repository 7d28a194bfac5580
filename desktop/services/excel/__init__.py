"""Excel import and export of every list (issue 12): one importer, one writer.

See ``engine`` for how an import runs and how to add a kind; ``safety`` for what a file must
be before it is parsed; ``kinds`` for the lists; ``service.ExcelService`` for the entry points
the CLI and the GUI call."""

from desktop.services.excel.service import ExcelService

__all__ = ["ExcelService"]
