"""Checks a Word template before it is used and explains each problem in Vietnamese.

What goes wrong when an officer edits a template in Word: a field name is mistyped (it would
print nothing useful, so it is refused), Word splits a tag across formatting runs (docxtpl
joins it back but the field takes the first run's formatting), Word's AutoCorrect turns
straight quotes into curly ones inside a tag (Jinja cannot read them), and a ``{% for %}``
loses its ``{% endfor %}`` when rows are deleted. And what a template must never do (see
``sandbox``): a file that is no .docx or a zip bomb, loops over huge ranges, huge products and
powers, ``|safe`` and other ways around the escaping, names starting with ``_``."""

from __future__ import annotations

import difflib
import hashlib
import re
import threading
import zipfile
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docxtpl import DocxTemplate
from jinja2 import TemplateSyntaxError, nodes
from jinja2.exceptions import TemplateAssertionError

from desktop.services.documents.engine import jinja_environment
from desktop.services.documents.registry import FieldSpec, TemplateSpec
from desktop.services.documents.sandbox import (
    MAX_PACKAGE_BYTES,
    TemplateLimitError,
    UnsafePackage,
    hazards,
    inspect_package,
)

TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
OPENERS = re.compile(r"\{\{|\{%|\{#")
CURLY = "“”‘’„‟"
BLOCK = re.compile(r"^\{%-?\s*(?:tr|tc|p|r)?\s*(for|if|endfor|endif|else|elif)\b")
PARTS = re.compile(r"^word/(document|header\d*|footer\d*)\.xml$")
STR_METHODS = frozenset(name for name in dir(str) if not name.startswith("_"))
JINJA_GLOBALS = frozenset({"loop", "range", "true", "false", "none", "True", "False", "None"})


class Severity(Enum):
    ERROR = "Lỗi"  # the template is refused until fixed
    WARNING = "Lưu ý"  # renders, but probably not as the officer meant


@dataclass(frozen=True)
class TemplateProblem:
    severity: Severity
    where: str  # the paragraph, quoted, so the officer can find it in Word
    message: str

    def __str__(self) -> str:
        return f"{self.severity.value} — {self.where}: {self.message}"


@dataclass(frozen=True)
class CheckReport:
    problems: tuple[TemplateProblem, ...]

    @property
    def errors(self) -> list[TemplateProblem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        if not self.problems:
            return "Mẫu hợp lệ."
        return "\n".join(str(p) for p in self.problems)


def _where(text: str) -> str:
    text = " ".join(text.split())
    return f"đoạn “{text[:70]}{'…' if len(text) > 70 else ''}”" if text else "một đoạn trống"


def _paragraphs(path: Path) -> list[list[str]]:
    """Every paragraph of the body, headers and footers, as the texts of its runs."""
    out: list[list[str]] = []
    with zipfile.ZipFile(path) as archive:
        for name in sorted(archive.namelist(), key=lambda n: (not n.endswith("document.xml"), n)):
            if not PARTS.match(name):
                continue
            root = parse_xml(archive.read(name))
            for paragraph in root.iter(qn("w:p")):
                runs = ["".join(t.text or "" for t in run.iter(qn("w:t")))
                        for run in paragraph.iter(qn("w:r"))]
                out.append(runs)
    return out


def _run_of(offsets: list[int], position: int) -> int:
    """Index of the run that holds character ``position`` of the paragraph."""
    for index, end in enumerate(offsets):
        if position < end:
            return index
    return len(offsets) - 1


def _check_tags(paragraphs: list[list[str]]) -> list[TemplateProblem]:
    problems: list[TemplateProblem] = []
    stack: list[tuple[str, str]] = []
    for runs in paragraphs:
        text = "".join(runs)
        if "{" not in text:
            continue
        where = _where(text)
        offsets, total = [], 0
        for run in runs:
            total += len(run)
            offsets.append(total)
        covered = 0
        for match in TAG.finditer(text):
            tag = match.group(0)
            if OPENERS.search(text, covered, match.start()):
                break
            covered = match.end()
            if any(q in tag for q in CURLY):
                problems.append(TemplateProblem(
                    Severity.ERROR, where,
                    f"thẻ {tag} có dấu nháy cong (“ ” hoặc ‘ ’) do Word tự đổi; hãy gõ lại bằng "
                    "dấu nháy thẳng (\" hoặc '). Để Word không tự đổi: File › Options › Proofing "
                    "› AutoCorrect Options › AutoFormat As You Type, bỏ chọn “Straight quotes "
                    "with smart quotes”."))
            if _run_of(offsets, match.start()) != _run_of(offsets, match.end() - 1):
                problems.append(TemplateProblem(
                    Severity.WARNING, where,
                    f"thẻ {tag} bị Word tách thành nhiều đoạn định dạng (thường do sửa chữ hoặc "
                    "kiểm tra chính tả giữa chừng); giá trị sẽ lấy định dạng của phần đầu. Nên "
                    "xoá cả thẻ rồi gõ lại liền một lần."))
            block = BLOCK.match(tag)
            if block:
                word = block.group(1)
                if word in ("for", "if"):
                    stack.append((word, where))
                elif word in ("else", "elif"):
                    if not stack:
                        problems.append(TemplateProblem(
                            Severity.ERROR, where,
                            f"thẻ {tag} nằm ngoài khối {{% if %}} hoặc {{% for %}} nào."))
                else:
                    opener = word.removeprefix("end")
                    if stack and stack[-1][0] == opener:
                        stack.pop()
                    elif stack:
                        problems.append(TemplateProblem(
                            Severity.ERROR, where,
                            f"thẻ {tag} đóng khối {{% {opener} %}} nhưng khối đang mở là "
                            f"{{% {stack[-1][0]} %}} ở {stack[-1][1]}."))
                        stack.pop()
                    else:
                        problems.append(TemplateProblem(
                            Severity.ERROR, where,
                            f"thẻ {tag} không có thẻ mở {{% {opener} %}} tương ứng (có thể đã "
                            "bị xoá cùng một dòng của bảng)."))
        tail = text[covered:]
        opener = OPENERS.search(tail)
        if opener:
            problems.append(TemplateProblem(
                Severity.ERROR, where,
                f"thẻ bắt đầu bằng “{tail[opener.start():opener.start() + 20]}” chưa được đóng "
                "(thiếu }} hoặc %}) trong cùng đoạn."))
    for word, where in stack:
        problems.append(TemplateProblem(
            Severity.ERROR, where,
            f"khối {{% {word} %}} mở ở đây chưa có thẻ đóng {{% end{word} %}}."))
    return problems


def _patched_source(path: Path) -> str:
    """The Jinja source docxtpl will render: one line per paragraph, so line numbers point at
    paragraphs."""
    template = DocxTemplate(path)
    template.init_docx()
    docx = template.docx
    xml = template.patch_xml(template.xml_to_string(docx._element.body))
    for rel in docx._part.rels.values():
        if rel.reltype in (template.HEADER_URI, template.FOOTER_URI) and rel.target_part.blob:
            xml += template.patch_xml(template.xml_to_string(parse_xml(rel.target_part.blob)))
    return re.sub(r"<w:p([ >])", r"\n<w:p\1", xml)


def _line_text(source: str, lineno: int | None) -> str:
    lines = source.splitlines()
    if not lineno or lineno > len(lines):
        return "mẫu"
    return _where(re.sub(r"<[^>]+>", "", lines[lineno - 1]))


class _FieldWalker:
    """Walks the parsed template and reports every name the template's field list lacks,
    including columns of a list used inside its loop (``r.ho_tn``)."""

    def __init__(self, spec: TemplateSpec, source: str) -> None:
        self.spec, self.source = spec, source
        self.fields = {f.name: f for f in spec.fields}
        self.problems: list[TemplateProblem] = []
        self.seen: set[str] = set()

    def unknown(self, name: str, choices: list[str], lineno: int | None) -> None:
        if name in self.seen:
            return
        self.seen.add(name)
        close = difflib.get_close_matches(name.split(".")[-1], choices, n=1)
        hint = f" Có phải “{close[0]}”?" if close else ""
        self.problems.append(TemplateProblem(
            Severity.ERROR, _line_text(self.source, lineno),
            f"trường “{name}” không có trong danh sách trường của mẫu “{self.spec.title}”.{hint}"))

    def items_of(self, node: nodes.Node, scope: dict[str, FieldSpec | None]) -> FieldSpec | None:
        if isinstance(node, nodes.Name):
            return scope[node.name] if node.name in scope else self.fields.get(node.name)
        if isinstance(node, nodes.Getattr):
            parent = self.items_of(node.node, scope)
            if parent is not None and parent.is_list:
                return next((i for i in parent.items if i.name == node.attr), None)
        return None

    def walk(self, node: nodes.Node, scope: dict[str, FieldSpec | None]) -> None:
        if isinstance(node, nodes.For):
            self.walk(node.iter, scope)
            inner = dict(scope, loop=None)
            row = self.items_of(node.iter, scope)
            if isinstance(node.target, nodes.Name):
                inner[node.target.name] = row
            else:  # tuple unpacking: names known, columns not
                for target in node.target.find_all(nodes.Name):
                    inner[target.name] = None
            for child in node.body:
                self.walk(child, inner)
            for child in node.else_:
                self.walk(child, scope)
            return
        if isinstance(node, nodes.Assign):
            self.walk(node.node, scope)
            targets = [node.target] if isinstance(node.target, nodes.Name) \
                else list(node.target.find_all(nodes.Name))
            for target in targets:
                scope[target.name] = None
            return
        if isinstance(node, nodes.Name) and node.ctx == "load":
            if node.name not in scope and node.name not in self.fields \
                    and node.name not in JINJA_GLOBALS:
                self.unknown(node.name, list(self.fields), node.lineno)
            return
        if isinstance(node, nodes.Getattr) and isinstance(node.node, nodes.Name) \
                and node.node.name in scope:
            row = scope[node.node.name]
            if row is not None and row.is_list:
                names = [i.name for i in row.items]
                if node.attr not in names and node.attr not in STR_METHODS:
                    self.unknown(f"{node.node.name}.{node.attr}", names, node.lineno)
            return
        for child in node.iter_child_nodes():
            self.walk(child, scope)


def check_template(path: Path, spec: TemplateSpec) -> CheckReport:
    """Every problem of the template at ``path`` against the fields ``spec`` declares."""
    path = Path(path)
    try:
        inspect_package(path)  # before any XML of it is parsed
    except UnsafePackage as error:
        return CheckReport((TemplateProblem(Severity.ERROR, path.name, error.reason),))
    try:
        paragraphs = _paragraphs(path)
        source = _patched_source(path)
    except Exception:  # whatever python-docx or lxml say, they say it in English
        return CheckReport((TemplateProblem(
            Severity.ERROR, path.name,
            "không mở được như một văn bản Word (.docx): tệp bị hỏng (thiếu phần hoặc nội dung "
            "không đọc được). Hãy mở tệp bằng Word rồi lưu lại dạng .docx."),))
    problems = _check_tags(paragraphs)
    if any(p.severity is Severity.ERROR for p in problems):
        return CheckReport(tuple(problems))  # Jinja would only repeat the same faults, in English
    env = jinja_environment()
    try:
        tree = env.parse(source)
        dangers = hazards(tree, source)
        if dangers:
            problems.extend(TemplateProblem(Severity.ERROR, _line_text(source, d.lineno),
                                            d.reason) for d in dangers)
            return CheckReport(tuple(problems))
        env.from_string(source)  # also compiles: an unknown filter is found here
    except TemplateAssertionError as error:
        problems.append(TemplateProblem(Severity.ERROR, _line_text(source, error.lineno),
                                        f"bộ lọc hoặc lệnh không được hỗ trợ ({error.message})."))
        return CheckReport(tuple(problems))
    except TemplateSyntaxError as error:
        problems.append(TemplateProblem(Severity.ERROR, _line_text(source, error.lineno),
                                        f"thẻ viết sai cú pháp ({error.message})."))
        return CheckReport(tuple(problems))
    except TemplateLimitError as error:  # refused while compiling; hazards() names it first
        problems.append(TemplateProblem(Severity.ERROR, "mẫu", error.reason))
        return CheckReport(tuple(problems))
    walker = _FieldWalker(spec, source)
    walker.walk(tree, {})
    problems.extend(walker.problems)
    return CheckReport(tuple(problems))


_CHECKED: dict[tuple[bytes, str], CheckReport] = {}
_CHECKED_LOCK = threading.Lock()
_CHECKED_SIZE = 64


def checked(path: Path, spec: TemplateSpec) -> CheckReport:
    """``check_template``, remembered by the file's content: each render checks its template
    first, and parsing the template again for the next document of a batch cost as much as
    filling it. A template edited in Word has other bytes, so it is checked again."""
    try:
        data = Path(path).read_bytes() if Path(path).stat().st_size <= MAX_PACKAGE_BYTES \
            else None
    except OSError:
        data = None
    if data is None:  # unreadable or oversized: the check itself says why
        return check_template(path, spec)
    key = (hashlib.blake2b(data, digest_size=20).digest(), spec.key)
    with _CHECKED_LOCK:
        known = _CHECKED.get(key)
    if known is not None:
        return known
    report = check_template(path, spec)
    with _CHECKED_LOCK:
        if len(_CHECKED) >= _CHECKED_SIZE:
            _CHECKED.clear()
        _CHECKED[key] = report
    return report
