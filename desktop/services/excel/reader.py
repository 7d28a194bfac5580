"""A dedicated streaming reader of one sheet of an .xlsx: what the importer reads.

openpyxl's read-only mode builds an element tree and a cell object per cell through a
pure-Python parser, and reads a sheet without ``<dimension>`` twice to size it; at 150,000
rows that was two thirds of an import. Here the sheet's XML goes through expat (C) with a few
callbacks that turn each ``<row>`` straight into a list of values.

What is read (the ZIP itself was already checked by ``safety.check_xlsx``):

* ``_rels/.rels`` → the workbook part; ``xl/workbook.xml`` → the sheet names in order and
  ``workbookPr/@date1904``; ``xl/_rels/workbook.xml.rels`` → each sheet's part;
* ``xl/sharedStrings.xml`` → the shared strings (plain ``<t>`` and rich-text runs
  ``<r><t>``; phonetic runs ``<rPh>`` are not text), as openpyxl reads them;
* ``xl/styles.xml`` → which cell styles are date (or duration) formats, so a date typed in
  Excel comes back as a date, as with openpyxl;
* the sheet part, streamed in 64 KB chunks.

Cell types: shared string (``t="s"``), inline string (``t="inlineStr"``, runs joined),
number (no ``t`` / ``t="n"``; an int when written without ``.``/exponent, as openpyxl), date
by style (1900 system with its 1900-02-29 bug, or 1904), boolean (``t="b"``), error
(``t="e"``: the text, e.g. ``#N/A``), ISO date (``t="d"``), formula string (``t="str"``).
A cell with an ``<f>`` element is a formula whatever its type and whether or not a value was
cached: its value is the formula text (``=…``) and its column index is listed in the row's
``formulas``, so the importer refuses it by cell name. A missing ``r`` on a row or a cell means
"the next one" (positions are tracked).

Safety: every part is parsed by expat with a handler that refuses any DTD (``<!DOCTYPE``),
entity declaration or external entity, wherever it is in the part (``safety`` only scans the
first 64 KB); a malformed part is refused as a damaged file, in Vietnamese.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import IO, Any
from xml.parsers import expat

from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_timedelta_format
from openpyxl.utils.datetime import from_excel, from_ISO8601

from desktop.services.excel.safety import (
    DEFAULT_LIMITS,
    ExcelLimits,
    check_xlsx,
    refusal,
    unreadable,
)

MAIN_NS = ("http://schemas.openxmlformats.org/spreadsheetml/2006/main",
           "http://purl.oclc.org/ooxml/spreadsheetml/main")
_REL_NS = ("http://schemas.openxmlformats.org/package/2006/relationships",)
_OFFICE_DOC = "/officeDocument"
CHUNK = 64 * 1024
WINDOWS_EPOCH = datetime(1899, 12, 30)
MAC_EPOCH = datetime(1904, 1, 1)
_COORD_RE = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d+)$")
_SEP = "\x01"  # expat's namespace separator: "{ns}\x01{local}"


class _DtdRefusedError(Exception):
    """A part declared a DTD or an entity: never parsed further."""


@dataclass(frozen=True)
class SheetRow:
    """One ``<row>`` of the sheet: its number (1-based, as Excel shows it), the values by
    column (0-based, ``None`` where no cell or no value) and the columns holding a formula."""

    line: int
    values: list[Any]
    formulas: frozenset[int] = frozenset()


@dataclass
class Workbook:
    """What the importer needs of a workbook: sheet names in order, their parts, the date
    system, the shared strings and the date styles (read on demand)."""

    archive: zipfile.ZipFile
    name: str  # the file's name, for messages
    sheets: dict[str, str] = field(default_factory=dict)  # sheet name -> part
    date1904: bool = False
    _strings: list[str] | None = None
    _styles: tuple[frozenset[int], frozenset[int], frozenset[int]] | None = None
    _rels: str = ""

    @property
    def sheetnames(self) -> list[str]:
        return list(self.sheets)

    @property
    def epoch(self) -> datetime:
        return MAC_EPOCH if self.date1904 else WINDOWS_EPOCH

    def shared_strings(self) -> list[str]:
        if self._strings is None:
            self._strings = _read_shared_strings(self, self._part("sharedStrings"))
        return self._strings

    def date_styles(self) -> tuple[frozenset[int], frozenset[int]]:
        dates, durations, _percent = self._all_styles()
        return dates, durations

    def percent_styles(self) -> frozenset[int]:
        """Styles that show a number as a percentage (0,95 shown as 95%)."""
        return self._all_styles()[2]

    def _all_styles(self) -> tuple[frozenset[int], frozenset[int], frozenset[int]]:
        if self._styles is None:
            self._styles = _read_styles(self, self._part("styles"))
        return self._styles

    def _part(self, kind: str) -> str | None:
        for rel_type, target in _relationships(self, self._rels):
            if rel_type.endswith("/" + kind):
                return _resolve(self._rels, target)
        default = f"xl/{kind}.xml"
        return default if default in self.archive.NameToInfo else None

    def rows(self, sheet: str) -> SheetReader:
        part = self.sheets[sheet]
        if part not in self.archive.NameToInfo:
            raise refusal(f"{self.name}: không thấy phần dữ liệu của trang “{sheet}” trong "
                          "tệp (tệp hỏng)")
        return SheetReader(self, part)


@contextmanager
def open_xlsx(path: Path, limits: ExcelLimits = DEFAULT_LIMITS) -> Iterator[Workbook]:
    """The checked workbook (``safety.check_xlsx`` first), ready to stream a sheet."""
    path = Path(path)
    check_xlsx(path, limits)
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        raise unreadable(path, exc) from exc
    try:
        yield _open(archive, path)
    finally:
        archive.close()


def _open(archive: zipfile.ZipFile, path: Path) -> Workbook:
    wb = Workbook(archive, path.name)
    workbook_part = "xl/workbook.xml"
    if "_rels/.rels" in archive.NameToInfo:
        for rel_type, target in _relationships(wb, "_rels/.rels"):
            if rel_type.endswith(_OFFICE_DOC):
                workbook_part = _resolve("_rels/.rels", target)
                break
    if workbook_part not in archive.NameToInfo:
        raise unreadable(path, KeyError(workbook_part))
    folder, base = posixpath.split(workbook_part)
    wb._rels = posixpath.join(folder, "_rels", base + ".rels")
    targets = dict(_relationship_ids(wb, wb._rels))
    entries: list[tuple[str, str]] = []
    flags: dict[str, bool] = {}

    def start(name: str, attrs: dict[str, str]) -> None:
        local = _local(name)
        if local == "sheet":
            rid = next((v for k, v in attrs.items() if k.endswith(_SEP + "id")), "")
            entries.append((attrs.get("name", ""), rid))
        elif local == "workbookPr":
            flags["date1904"] = attrs.get("date1904", "").lower() in ("1", "true")

    _parse(wb, workbook_part, start)
    wb.date1904 = flags.get("date1904", False)
    for sheet_name, rid in entries:
        found = targets.get(rid)
        if found is not None:
            wb.sheets[sheet_name] = _resolve(wb._rels, found)
    if not wb.sheets:
        raise unreadable(path, ValueError("no sheets"))
    return wb


# -- parts ------------------------------------------------------------------------------------
def _local(name: str) -> str:
    ns, _, local = name.rpartition(_SEP)
    return local if not ns or ns in MAIN_NS or ns in _REL_NS else ""


def _resolve(rels_part: str, target: str) -> str:
    """A relationship's target as a ZIP member name (absolute "/xl/…" or relative)."""
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    source_folder = posixpath.dirname(posixpath.dirname(rels_part))
    return posixpath.normpath(posixpath.join(source_folder, target))


def _relationships(wb: Workbook, part: str) -> list[tuple[str, str]]:
    return [(t, target) for _rid, target, t in _rels(wb, part)]


def _relationship_ids(wb: Workbook, part: str) -> list[tuple[str, str]]:
    return [(rid, target) for rid, target, _t in _rels(wb, part)]


def _rels(wb: Workbook, part: str) -> list[tuple[str, str, str]]:
    if part not in wb.archive.NameToInfo:
        return []
    found: list[tuple[str, str, str]] = []

    def start(name: str, attrs: dict[str, str]) -> None:
        if _local(name) == "Relationship" and attrs.get("TargetMode") != "External":
            found.append((attrs.get("Id", ""), attrs.get("Target", ""), attrs.get("Type", "")))

    _parse(wb, part, start)
    return found


def _parser() -> Any:
    """An expat parser that refuses DTDs and entities outright (defusedxml's rules)."""
    parser = expat.ParserCreate(namespace_separator=_SEP)

    def refuse(*_args: object) -> None:
        raise _DtdRefusedError

    def refuse_external(*_args: object) -> int:
        raise _DtdRefusedError

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.UnparsedEntityDeclHandler = refuse
    parser.ExternalEntityRefHandler = refuse_external
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.buffer_text = True
    parser.buffer_size = CHUNK
    return parser


def _feed(wb: Workbook, part: str, parser: Any, source: IO[bytes],
          after_chunk: Callable[[int], None] | None = None) -> Iterator[None]:
    """Feed ``source`` to ``parser`` chunk by chunk; yields after each chunk."""
    try:
        done = 0
        while chunk := source.read(CHUNK):
            parser.Parse(chunk, False)
            done += len(chunk)
            if after_chunk is not None:
                after_chunk(done)
            yield
        parser.Parse(b"", True)
        yield
    except _DtdRefusedError:
        raise refusal(f"{wb.name} chứa khai báo thực thể XML (DTD, ENTITY) mà tệp Excel thật "
                      "không bao giờ có — có thể là tệp độc hại; phần mềm không mở") from None
    except (expat.ExpatError, ValueError, IndexError, KeyError, OverflowError,
            zipfile.BadZipFile, OSError, EOFError) as exc:
        raise unreadable(Path(wb.name), exc) from exc


def _parse(wb: Workbook, part: str, start: Callable[[str, dict[str, str]], None],
           end: Callable[[str], None] | None = None,
           text: Callable[[str], None] | None = None) -> None:
    parser = _parser()
    parser.StartElementHandler = start
    if end is not None:
        parser.EndElementHandler = end
    if text is not None:
        parser.CharacterDataHandler = text
    try:
        source = wb.archive.open(part)
    except (KeyError, zipfile.BadZipFile, OSError) as exc:
        raise unreadable(Path(wb.name), exc) from exc
    with source:
        for _ in _feed(wb, part, parser, source):
            pass


def _read_shared_strings(wb: Workbook, part: str | None) -> list[str]:
    """``<si>`` texts: its own ``<t>`` and its runs' ``<r><t>``, not ``<rPh>`` (as openpyxl)."""
    if part is None:
        return []
    strings: list[str] = []
    buffer: list[str] = []
    state = {"depth": 0, "skip": 0, "on": False}

    def start(name: str, _attrs: dict[str, str]) -> None:
        local = _local(name)
        if local == "si":
            buffer.clear()
        elif local == "rPh":
            state["skip"] += 1
        elif local == "t" and not state["skip"]:
            state["on"] = True

    def end(name: str) -> None:
        local = _local(name)
        if local == "t":
            state["on"] = False
        elif local == "rPh":
            state["skip"] -= 1
        elif local == "si":
            strings.append("".join(buffer).replace("x005F_", ""))

    def text(data: str) -> None:
        if state["on"]:
            buffer.append(data)

    _parse(wb, part, start, end, text)
    return strings


def _read_styles(wb: Workbook, part: str | None
                 ) -> tuple[frozenset[int], frozenset[int], frozenset[int]]:
    """Indexes of the cell styles (``cellXfs``) whose number format is a date, a duration,
    a percentage."""
    if part is None:
        return frozenset(), frozenset(), frozenset()
    custom: dict[int, str] = {}
    xfs: list[int] = []
    inside = {"cellXfs": False}

    def start(name: str, attrs: dict[str, str]) -> None:
        local = _local(name)
        if local == "numFmt":
            try:
                custom[int(attrs.get("numFmtId", ""))] = attrs.get("formatCode", "")
            except ValueError:
                pass
        elif local == "cellXfs":
            inside["cellXfs"] = True
        elif local == "xf" and inside["cellXfs"]:
            try:
                xfs.append(int(attrs.get("numFmtId", "0") or 0))
            except ValueError:
                xfs.append(0)

    def end(name: str) -> None:
        if _local(name) == "cellXfs":
            inside["cellXfs"] = False

    _parse(wb, part, start, end)
    dates, durations, percent = set(), set(), set()
    for index, fmt_id in enumerate(xfs):
        fmt = custom.get(fmt_id) if fmt_id in custom else BUILTIN_FORMATS.get(fmt_id)
        if fmt and is_date_format(fmt):
            dates.add(index)
        if fmt and is_timedelta_format(fmt):
            durations.add(index)
        if fmt and "%" in re.sub(r'"[^"]*"|\\.', "", fmt):  # not a quoted or escaped "%"
            percent.add(index)
    return frozenset(dates), frozenset(durations), frozenset(percent)


def _as_percent(value: float) -> str:
    """A number the sheet shows as a percentage, as the officer reads it ("95%", "12,5%"):
    the stored 0.95 would otherwise arrive as a planned value of 0.95."""
    shown = f"{round(value * 100, 9):.9f}".rstrip("0").rstrip(".")
    return shown.replace(".", ",") + "%"


def column_index(letters: str) -> int:
    """"A" → 1, "AA" → 27."""
    number = 0
    for char in letters.upper():
        number = number * 26 + ord(char) - 64
    return number


# -- the sheet --------------------------------------------------------------------------------
class SheetReader:
    """Iterate over it for ``SheetRow``s; ``estimated_rows`` sizes a progress bar (the
    ``<dimension>`` when the sheet has one, else an estimate from the bytes read so far)."""

    def __init__(self, wb: Workbook, part: str) -> None:
        self._wb = wb
        self._part = part
        self._size = wb.archive.getinfo(part).file_size
        self._done = 0
        self._rows_seen = 0
        self.dimension_rows: int | None = None

    @property
    def estimated_rows(self) -> int:
        if self.dimension_rows is not None:
            return self.dimension_rows
        if not self._done or not self._rows_seen:
            return 1
        return max(self._rows_seen, round(self._rows_seen * self._size / self._done))

    def __iter__(self) -> Iterator[SheetRow]:
        wb = self._wb
        strings: list[str] | None = None
        dates, durations = wb.date_styles()
        percent = wb.percent_styles()
        epoch = wb.epoch
        shared_formulas: dict[str, tuple[str, str]] = {}
        out: list[SheetRow] = []
        # All character data goes to ``text`` through a C-level handler (``list.append``);
        # an element's text is the slice between its start and its end.
        text: list[str] = []
        values: list[Any] = []
        formulas: list[int] = []
        columns: dict[str, int] = {}  # "AB" -> 28
        digits = "0123456789$"
        # Cell and row state (the handlers read and write these through ``nonlocal``).
        line = 0
        col = 0
        ctype: str | None = None
        style = 0
        coord = ""
        mark = -1  # where the text of the <v>, <t> or <f> being read starts in ``text``
        in_is = False
        skip = 0  # depth inside <rPh> (phonetic runs are not text)
        value_text: str | None = None
        inline: list[str] | None = None
        formula: str | None = None
        formula_attrs: dict[str, str] = {}
        tags: dict[str, str] = {}

        def tag(name: str) -> str:
            found = tags[name] = _local(name)
            return found

        def start(name: str, attrs: dict[str, str]) -> None:
            nonlocal line, col, ctype, style, coord, mark, in_is, skip, value_text
            nonlocal inline, formula, formula_attrs
            t = tags.get(name) or tag(name)
            if t == "c":
                ref = attrs.get("r")
                if ref:
                    letters = ref.rstrip(digits)
                    found = columns.get(letters)
                    if found is None:
                        match = _COORD_RE.match(ref)
                        if match is None:
                            raise ValueError(f"bad cell reference {ref!r}")
                        found = columns[letters] = column_index(match.group(1))
                    col = found
                    coord = ref
                else:
                    col += 1
                    coord = ""
                ctype = attrs.get("t")
                s = attrs.get("s")
                style = int(s) if s else 0
                value_text = inline = formula = None
            elif t == "v":
                mark = len(text)
            elif t == "t":
                if in_is and not skip:
                    mark = len(text)
            elif t == "is":
                in_is = True
                inline = []
            elif t == "row":
                r = attrs.get("r")
                line = int(r) if r else line + 1
                col = 0
                values.clear()
                formulas.clear()
                text.clear()
            elif t == "f":
                formula_attrs = attrs
                mark = len(text)
            elif t == "rPh":
                skip += 1
            elif t == "dimension":
                ref = attrs.get("ref", "")
                last = _COORD_RE.match(ref.rpartition(":")[2])
                if last is not None and ":" in ref:
                    self.dimension_rows = max(int(last.group(2)) - 1, 1)

        def end(name: str) -> None:
            nonlocal mark, in_is, skip, value_text, formula
            t = tags.get(name) or tag(name)
            if t == "c":
                finish_cell()
            elif t == "v":
                if mark >= 0:
                    value_text = "".join(text[mark:])
                    mark = -1
            elif t == "t":
                if mark >= 0 and inline is not None:
                    inline.append("".join(text[mark:]))
                    mark = -1
            elif t == "is":
                in_is = False
            elif t == "row":
                out.append(SheetRow(line, values[:], frozenset(formulas)))
            elif t == "f":
                if mark >= 0:
                    formula = "".join(text[mark:])
                    mark = -1
            elif t == "rPh":
                skip -= 1

        def finish_cell() -> None:
            nonlocal strings
            value: Any = None
            if formula is not None:
                value = "=" + self._formula(formula, formula_attrs, coord, shared_formulas)
                formulas.append(col - 1)
            elif ctype == "inlineStr":
                if inline is not None:
                    value = "".join(inline)
            elif value_text:
                if ctype is None or ctype == "n":
                    value = (float(value_text) if ("." in value_text or "E" in value_text
                                                   or "e" in value_text) else int(value_text))
                    if style and style in dates:
                        value = _serial(value, epoch, style in durations)
                    elif style and style in percent:
                        value = _as_percent(value)
                elif ctype == "s":
                    if strings is None:
                        strings = wb.shared_strings()
                    value = strings[int(value_text)]
                elif ctype == "b":
                    value = bool(int(value_text))
                elif ctype == "d":
                    value = from_ISO8601(value_text)
                else:  # "str" (a formula's text), "e" (an error such as #N/A)
                    value = value_text
            if value is None:
                return
            index = col - 1
            if index < 0:
                raise ValueError("bad cell position")
            missing = index - len(values)
            if missing >= 0:
                if missing:
                    values.extend([None] * missing)
                values.append(value)
            else:
                values[index] = value

        parser = _parser()
        parser.StartElementHandler = start
        parser.EndElementHandler = end
        parser.CharacterDataHandler = text.append

        def progress(done: int) -> None:
            self._done = done

        try:
            source = wb.archive.open(self._part)
        except (KeyError, zipfile.BadZipFile, OSError) as exc:
            raise unreadable(Path(wb.name), exc) from exc
        with source:
            for _ in _feed(wb, self._part, parser, source, progress):
                if out:
                    batch = out[:]
                    out.clear()
                    for row in batch:
                        self._rows_seen += 1
                        yield row

    @staticmethod
    def _formula(text: str, attrs: dict[str, str], coord: str,
                 shared: dict[str, tuple[str, str]]) -> str:
        """The formula's text; a shared formula's followers get the master's, translated."""
        if attrs.get("t") == "shared":
            index = attrs.get("si", "")
            if text:
                shared[index] = (text, coord)
            elif index in shared and coord:
                from openpyxl.formula.translate import Translator

                master, origin = shared[index]
                try:
                    return str(Translator("=" + master, origin).translate_formula(coord))[1:]
                except Exception:
                    return master
        return text


def _serial(value: float, epoch: datetime, duration: bool) -> Any:
    try:
        return from_excel(value, epoch, timedelta=duration)
    except (OverflowError, ValueError):
        return "#VALUE!"  # as openpyxl: a date serial outside the calendar


def serial_to_datetime(value: float, date1904: bool = False) -> datetime | None:
    """An Excel serial number as a date and time (1900 system with Lotus's 1900-02-29, or
    the 1904 system); None outside the calendar."""
    try:
        found = from_excel(value, MAC_EPOCH if date1904 else WINDOWS_EPOCH)
    except (OverflowError, ValueError):
        return None
    return found if isinstance(found, datetime) else None


def openpyxl_rows(path: Path, sheet: str) -> Iterator[SheetRow]:
    """The same rows read through openpyxl (read-only, formulas kept): the reference the
    dedicated reader is tested against; not used by the import."""
    import warnings

    from openpyxl import load_workbook

    with Path(path).open("rb") as handle, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "no default style" and the like: not our concern
        wb = load_workbook(handle, read_only=True, data_only=False)
        try:
            ws = wb[sheet]
            ws.reset_dimensions()
            for line, cells in enumerate(ws.iter_rows(), start=1):
                values = [getattr(c, "value", None) for c in cells]
                while values and values[-1] is None:
                    values.pop()
                if not values:
                    continue
                formulas = frozenset(i for i, c in enumerate(cells)
                                     if getattr(c, "data_type", None) == "f")
                yield SheetRow(line, values, formulas)
        finally:
            wb.close()

