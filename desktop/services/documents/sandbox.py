"""Templates that cannot hurt: the Jinja sandbox every Word template renders in, its limits, the
static look for dangerous constructs the checker reports, and the look at the .docx package
before any XML of it is parsed.

An officer (or anyone who hands them a file) can write Jinja in a Word paragraph. Jinja's own
sandbox already refuses ``__class__`` and friends; what it lets through are templates that run
for hours or fill the memory (``{% for i in range(99999) %}`` twice nested, ``'x' * 10**9``) and
raw Word XML slipped past the escaping (``|safe``, ``{% autoescape false %}``). Here:

* every ``{% for %}`` iterates through a counter (all loops of one document together at most
  ``MAX_LOOP_ITERATIONS``), ``range()`` gives at most ``MAX_RANGE`` numbers;
* ``*``, ``**``, ``+`` and ``%`` refuse results over a size before computing them, and so do the
  string methods and filters that pad or repeat (``ljust``, ``center``, ``replace``, ``format`` …);
* the output is counted while it is produced (``MAX_OUTPUT_CHARS``) and the clock is read every
  few loop turns and calls (``RENDER_SECONDS``);
* ``|safe``, autoescape switched off, ``Markup`` and names starting with ``_`` are refused when
  the template is compiled, before anything renders.

Each refusal is a :class:`TemplateLimitError` whose ``reason`` is Vietnamese and names the tag."""

from __future__ import annotations

import html
import math
import re
import threading
import time
import zipfile
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any, NoReturn

from jinja2 import StrictUndefined, nodes, pass_context
from jinja2.environment import Template
from jinja2.exceptions import SecurityError
from jinja2.runtime import Context
from jinja2.sandbox import SandboxedEnvironment
from jinja2.visitor import NodeTransformer

from desktop.api.money import format_money

# -- limits (module attributes so a test can lower them) -----------------------------------------
MAX_RANGE = 10_000  # numbers one range() may give
MAX_LOOP_ITERATIONS = 500_000  # loop turns of one document, all loops together
MAX_STRING = 1_000_000  # characters (or items) one operation may produce
MAX_INT_BITS = 256  # a number above 2**256 is no number a document prints
MAX_OUTPUT_CHARS = 64_000_000  # characters of Word XML one document may produce
RENDER_SECONDS = 20.0  # wall clock for one document
CHECK_EVERY = 64  # loop turns or calls between two looks at the clock
COMPILED_CACHE_SIZE = 32  # compiled template parts kept (a docx has ~10: body, headers…)

# -- the .docx package -----------------------------------------------------------------------------
MAX_PACKAGE_BYTES = 50 * 1024 * 1024
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_MEMBERS = 2_000
MAX_RATIO = 100  # unpacked / packed, for members over RATIO_FLOOR bytes
RATIO_FLOOR = 1024 * 1024

TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.DOTALL)
_WIDE_FORMAT = re.compile(r"\d{7,}|%[-#0 +]*\*|\.\*")


def _n(value: int) -> str:
    return format_money(int(value))


def _decimal(value: float) -> str:
    return f"{value:g}".replace(".", ",")


def _bytes(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{_decimal(round(size / (1024 * 1024), 1))} MB"
    return f"{_decimal(round(size / 1024, 1))} KB"


class TemplateLimitError(SecurityError):
    """A template was stopped or refused; ``reason`` is Vietnamese and names the tag once known
    (it reads after “Mẫu <tên tệp> …”)."""

    def __init__(self, what: str, keyword: str | None = None, tag: str | None = None) -> None:
        self.what, self.keyword, self.tag = what, keyword, tag
        super().__init__(self.reason)

    @property
    def reason(self) -> str:
        return self.what.replace("{tag}", self.tag or "(không xác định được thẻ)")

    def locate(self, tag: str | None) -> None:
        if self.tag is None and tag:
            self.tag = tag
            self.args = (self.reason,)


class UnsafePackage(Exception):  # noqa: N818 - reads as the verdict it is
    """The file is no Word document it is safe to open; ``reason`` is Vietnamese."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


# -- finding the tag ----------------------------------------------------------------------------
def tag_at(source: str, lineno: int | None, keyword: str | None = None) -> str | None:
    """The tag on template line ``lineno`` (one line per Word paragraph) holding ``keyword``,
    as the officer typed it (docxtpl has already taken Word's XML out of tags); the first tag
    of the line when no tag holds it."""
    if not lineno:
        return None
    lines = source.splitlines()
    if lineno > len(lines):
        return None
    tags = [" ".join(html.unescape(t).split()) for t in TAG.findall(lines[lineno - 1])]
    if not tags:
        return None
    if keyword:
        for tag in tags:
            if keyword in tag:
                return tag
    return tags[0]


def _loop_tags(tree: nodes.Template, source: str) -> dict[int, str]:
    """id(For node) → its ``{% for … %}`` tag, pairing the nodes of a line with the for tags of
    that line in order."""
    lines = source.splitlines()
    per_line: dict[int, list[str]] = {}
    out: dict[int, str] = {}
    for node in tree.find_all(nodes.For):
        if node.lineno not in per_line:
            text = lines[node.lineno - 1] if 0 < node.lineno <= len(lines) else ""
            per_line[node.lineno] = [
                " ".join(html.unescape(t).split())
                for t in re.findall(r"\{%-?\s*(?:tr|tc|p|r)?\s*for\b.*?%\}", text, re.DOTALL)]
        found = per_line[node.lineno]
        out[id(node)] = found.pop(0) if found else "{% for %}"
    return out


# -- the budget of one document -----------------------------------------------------------------
class _Budget:
    __slots__ = ("calls", "deadline", "iterations", "loop_tag", "output")

    def __init__(self) -> None:
        self.deadline = time.monotonic() + RENDER_SECONDS
        self.iterations = self.calls = self.output = 0
        self.loop_tag: str | None = None

    def check_time(self, tag: str | None = None) -> None:
        if time.monotonic() > self.deadline:
            raise TemplateLimitError(
                f"chạy quá {_decimal(RENDER_SECONDS)} giây ở thẻ {{tag}} nên đã bị dừng",
                tag=tag or self.loop_tag)


_state = threading.local()


class render_budget:  # noqa: N801 - used as ``with render_budget():``
    """One budget for everything rendered inside (a document's body, headers, footers)."""

    def __enter__(self) -> _Budget:
        budget: _Budget | None = getattr(_state, "budget", None)
        self.outer = budget is not None
        if budget is None:
            budget = _state.budget = _Budget()
        return budget

    def __exit__(self, *exc: object) -> None:
        if not self.outer:
            _state.budget = None


def _budget() -> _Budget:
    budget: _Budget | None = getattr(_state, "budget", None)
    if budget is None:  # rendering outside render_budget(): a budget of its own
        budget = _state.budget = _Budget()
    return budget


# -- runtime guards -----------------------------------------------------------------------------
class _Counted:
    """What a ``{% for %}`` iterates: the sequence, counted against the budget."""

    __slots__ = ("iterable", "tag")

    def __init__(self, iterable: Iterable[Any], tag: str) -> None:
        self.iterable, self.tag = iterable, tag

    def __len__(self) -> int:
        return len(self.iterable)  # type: ignore[arg-type]  # TypeError: Jinja counts itself

    def __iter__(self) -> Iterator[Any]:
        budget = _budget()
        outer = budget.loop_tag
        for item in self.iterable:
            budget.iterations += 1
            if budget.iterations > MAX_LOOP_ITERATIONS:
                raise TemplateLimitError(
                    f"có vòng lặp quá dài ở thẻ {{tag}} (cả văn bản quá "
                    f"{_n(MAX_LOOP_ITERATIONS)} lượt lặp)", tag=self.tag)
            if not budget.iterations % CHECK_EVERY:
                budget.check_time(self.tag)
            budget.loop_tag = self.tag
            yield item
            budget.loop_tag = outer
        budget.loop_tag = outer


@pass_context
def _loop_filter(context: Context, iterable: Any, tag: str) -> Any:
    return _Counted(iterable, tag)


@pass_context
def _size_filter(context: Context, value: Any) -> Any:
    if isinstance(value, str) and len(value) > MAX_STRING:
        raise TemplateLimitError(
            f"tạo chuỗi quá lớn ở thẻ {{tag}} (nối chuỗi “~” quá {_n(MAX_STRING)} ký tự)",
            keyword="~")
    return value


def safe_range(*args: int) -> range:
    numbers = range(*args)
    if len(numbers) > MAX_RANGE:
        shown = ", ".join(str(a) for a in args)
        raise TemplateLimitError(
            f"có vòng lặp quá dài ở thẻ {{tag}}: range({shown}) cho {_n(len(numbers))} lượt, "
            f"tối đa {_n(MAX_RANGE)}", keyword="range")
    return numbers


def _too_big(what: str, keyword: str, detail: str = "") -> NoReturn:
    detail = f" ({detail})" if detail else ""
    raise TemplateLimitError(f"tạo {what} quá lớn ở thẻ {{tag}}{detail}", keyword=keyword)


def _sized(value: Any) -> int | None:
    return len(value) if isinstance(value, (str, bytes, list, tuple)) else None


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) else None


def _check_binop(operator: str, left: Any, right: Any) -> None:
    if operator == "**":
        base, exponent = _int(left), _int(right)
        if base is not None and exponent is not None and abs(base) > 1 and exponent > 0 \
                and exponent * math.log2(abs(base)) > MAX_INT_BITS:
            _too_big("số", "**", "phép lũy thừa “**”")
    elif operator == "*":
        for seq, count in ((left, right), (right, left)):
            size, times = _sized(seq), _int(count)
            if size is not None and times is not None and size * times > MAX_STRING:
                _too_big("chuỗi hoặc danh sách", "*", f"phép nhân “*” cho {_n(size * times)} "
                         f"phần tử, tối đa {_n(MAX_STRING)}")
        a, b = _int(left), _int(right)
        if a is not None and b is not None and a.bit_length() + b.bit_length() > MAX_INT_BITS:
            _too_big("số", "*", "phép nhân “*”")
    elif operator == "+":
        a, b = _sized(left), _sized(right)
        if a is not None and b is not None and a + b > MAX_STRING:
            _too_big("chuỗi hoặc danh sách", "+", f"phép cộng “+” quá {_n(MAX_STRING)} ký tự")
    elif operator == "%" and isinstance(left, str) and _WIDE_FORMAT.search(left):
        _too_big("chuỗi", "%", "định dạng “%” quá rộng")


_PADDERS = frozenset({"ljust", "rjust", "center", "zfill"})


def _check_call(obj: Any, args: tuple[Any, ...]) -> None:
    owner = getattr(obj, "__self__", None)
    if not isinstance(owner, str):
        return
    name = getattr(obj, "__name__", "")
    if name in _PADDERS and args and isinstance(args[0], int) and args[0] > MAX_STRING:
        _too_big("chuỗi", name, f"“{name}” quá {_n(MAX_STRING)} ký tự")
    elif name == "expandtabs" and args and isinstance(args[0], int) \
            and args[0] * (owner.count("\t") + 1) > MAX_STRING:
        _too_big("chuỗi", name, "“expandtabs”")
    elif name == "replace" and len(args) >= 2 and isinstance(args[0], str) \
            and isinstance(args[1], str):
        hits = owner.count(args[0]) if args[0] else len(owner) + 1
        if len(owner) + hits * len(args[1]) > MAX_STRING:
            _too_big("chuỗi", "replace", f"“replace” quá {_n(MAX_STRING)} ký tự")
    elif name in ("format", "format_map") and _WIDE_FORMAT.search(owner):
        _too_big("chuỗi", name, "định dạng quá rộng")


def _guard_filter(name: str, func: Callable[..., Any],
                  check: Callable[[Any, tuple[Any, ...], dict[str, Any]], None]
                  ) -> Callable[..., Any]:
    """``func`` with ``check(value, args, kwargs)`` first; Jinja's pass-argument mark kept."""
    def guarded(*args: Any, **kwargs: Any) -> Any:
        offset = 1 if getattr(func, "jinja_pass_arg", None) is not None else 0
        check(args[offset] if len(args) > offset else None, args[offset + 1:], kwargs)
        return func(*args, **kwargs)
    if hasattr(func, "jinja_pass_arg"):
        guarded.jinja_pass_arg = func.jinja_pass_arg  # type: ignore[attr-defined]
    guarded.__name__ = name
    return guarded


def _filter_width(name: str, position: int, key: str, per_line: bool = False
                  ) -> Callable[[Any, tuple[Any, ...], dict[str, Any]], None]:
    def check(value: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
        width = kwargs.get(key, args[position] if len(args) > position else None)
        if isinstance(width, str):
            width = len(width)
        if not isinstance(width, int):
            return
        lines = str(value).count("\n") + 1 if per_line else 1
        if width * lines > MAX_STRING:
            _too_big("chuỗi", name, f"bộ lọc “{name}” quá {_n(MAX_STRING)} ký tự")
    return check


def _check_replace_filter(value: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    if len(args) >= 2:
        _check_call(str(value).replace, (str(args[0]), str(args[1])))


def _check_format_filter(value: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    if _WIDE_FORMAT.search(str(value)):
        _too_big("chuỗi", "format", "bộ lọc “format” quá rộng")


def _refuse_safe(*args: Any, **kwargs: Any) -> NoReturn:
    raise TemplateLimitError(_SAFE_REASON, keyword="safe")


_SAFE_REASON = ("dùng bộ lọc “safe” ở thẻ {tag}: không được chèn mã Word thô vào văn bản; hãy "
                "bỏ “|safe”")


# -- static look: what the checker reports and what compiling refuses -------------------------
@dataclass(frozen=True)
class Hazard:
    lineno: int
    reason: str  # Vietnamese, names the tag
    escape: bool  # an escape of the sandbox (refused at compile time too), not only a cost


_HUGE = math.inf


def _number(node: nodes.Node) -> float | None:
    """The value of a constant numeric expression (``10**9``), ``inf`` when absurd."""
    if isinstance(node, nodes.Const):
        value = node.value
        return value if isinstance(value, (int, float)) and not isinstance(value, bool) else None
    if isinstance(node, nodes.Neg):
        inner = _number(node.node)
        return -inner if inner is not None else None
    if isinstance(node, (nodes.Pow, nodes.Mul, nodes.Add, nodes.Sub)):
        left, right = _number(node.left), _number(node.right)
        if left is None or right is None:
            return None
        if isinstance(node, nodes.Pow):
            if abs(left) > 1 and right > 0 and right * math.log2(abs(left)) > MAX_INT_BITS:
                return _HUGE
            try:
                power: float = left ** right
                return power if isinstance(power, (int, float)) else None  # complex: no
            except (OverflowError, ZeroDivisionError, ValueError):
                return _HUGE
        if isinstance(node, nodes.Mul):
            return left * right
        return left + right if isinstance(node, nodes.Add) else left - right
    return None


def _length(node: nodes.Node) -> int | None:
    if isinstance(node, nodes.Const) and isinstance(node.value, str):
        return len(node.value)
    if isinstance(node, (nodes.List, nodes.Tuple)):
        return len(node.items)
    return None


def _range_size(node: nodes.Node) -> float | None:
    """Numbers a ``range(…)`` call gives when its arguments are constant; ``None`` otherwise."""
    values = [_number(a) for a in getattr(node, "args", [])]
    if not values or any(v is None for v in values):
        return None
    if any(math.isinf(v) for v in values if v is not None):
        return _HUGE
    try:
        return len(range(*(int(v) for v in values if v is not None)))
    except (ValueError, TypeError, OverflowError):
        return None


def _is_range(node: nodes.Node) -> bool:
    return isinstance(node, nodes.Call) and isinstance(node.node, nodes.Name) \
        and node.node.name == "range"


def _shown(value: float) -> str:
    return "vô cùng lớn" if math.isinf(value) else _n(int(value))


def hazards(tree: nodes.Template, source: str) -> list[Hazard]:
    """Dangerous constructs of a parsed template, each with the Vietnamese reason and its tag."""
    found: list[Hazard] = []
    loops = _loop_tags(tree, source)

    def add(node: nodes.Node, keyword: str, text: str, escape: bool = False) -> None:
        tag = tag_at(source, node.lineno, keyword) or keyword
        hazard = Hazard(node.lineno, text.replace("{tag}", tag), escape)
        if hazard not in found:
            found.append(hazard)

    def walk(node: nodes.Node, outer_range: float) -> None:
        inner_range = outer_range
        if isinstance(node, nodes.For) and _is_range(node.iter):
            size = _range_size(node.iter)
            count = MAX_RANGE if size is None else size
            if outer_range > 1 and outer_range * count > MAX_LOOP_ITERATIONS:
                found.append(Hazard(node.lineno, (
                    f"có vòng lặp lồng nhau trên range() quá dài ở thẻ {loops[id(node)]} (tới "
                    f"{_shown(outer_range * count)} lượt, tối đa {_n(MAX_LOOP_ITERATIONS)})"),
                    False))
            inner_range = max(outer_range, 1) * count
        if _is_range(node):
            size = _range_size(node)
            if size is not None and size > MAX_RANGE:
                add(node, "range", f"có vòng lặp quá dài ở thẻ {{tag}}: range() cho "
                                   f"{_shown(size)} lượt, tối đa {_n(MAX_RANGE)}")
        elif isinstance(node, nodes.Mul):
            for seq_node, count_node in ((node.left, node.right), (node.right, node.left)):
                length, times = _length(seq_node), _number(count_node)
                if length is not None and times is not None and length * times > MAX_STRING:
                    add(node, "*", f"tạo chuỗi hoặc danh sách quá lớn ở thẻ {{tag}} (phép nhân "
                                   f"“*” cho {_shown(length * times)} phần tử, tối đa "
                                   f"{_n(MAX_STRING)})")
            value = _number(node)
            if value is not None and abs(value) > 2 ** 63:
                add(node, "*", "tạo số quá lớn ở thẻ {tag} (phép nhân “*”)")
        elif isinstance(node, nodes.Pow):
            value = _number(node)
            if value is not None and abs(value) > 2 ** 63:
                add(node, "**", "tạo số quá lớn ở thẻ {tag} (phép lũy thừa “**”)")
        elif isinstance(node, nodes.Filter) and node.name == "safe":
            add(node, "safe", _SAFE_REASON, escape=True)
        elif isinstance(node, (nodes.EvalContextModifier, nodes.ScopedEvalContextModifier)):
            add(node, "autoescape", "tắt chế độ tự thoát ký tự ở thẻ {tag}: không được chèn mã "
                                    "Word thô vào văn bản", escape=True)
        elif (isinstance(node, nodes.Name) and node.name == "Markup") or \
                (isinstance(node, nodes.Getattr) and node.attr == "Markup"):
            add(node, "Markup", "dùng “Markup” ở thẻ {tag}: không được chèn mã Word thô vào "
                                "văn bản", escape=True)
        if isinstance(node, nodes.Getattr) and node.attr.startswith("_"):
            add(node, node.attr, f"truy cập thuộc tính “{node.attr}” ở thẻ {{tag}}: thuộc tính "
                                 "bắt đầu bằng “_” bị chặn vì lý do an toàn", escape=True)
        elif isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const) \
                and isinstance(node.arg.value, str) and node.arg.value.startswith("_"):
            add(node, node.arg.value, f"truy cập thuộc tính “{node.arg.value}” ở thẻ {{tag}}: "
                                      "thuộc tính bắt đầu bằng “_” bị chặn vì lý do an toàn",
                escape=True)
        body = {id(child) for child in node.body} if isinstance(node, nodes.For) else set()
        for child in node.iter_child_nodes():
            walk(child, inner_range if id(child) in body else outer_range)

    walk(tree, 0)
    return found


class _Instrument(NodeTransformer):
    """Every ``{% for %}`` iterates through the budget; every ``~`` result is measured."""

    def __init__(self, loops: dict[int, str]) -> None:
        self.loops = loops

    def visit_For(self, node: nodes.For) -> nodes.Node:
        tag = self.loops.get(id(node), "{% for %}")
        self.generic_visit(node)
        node.iter = nodes.Filter(node.iter, "tdkt_loop", [nodes.Const(tag)], [], None, None,
                                 lineno=node.lineno)
        return node

    def visit_Concat(self, node: nodes.Concat) -> nodes.Node:
        self.generic_visit(node)
        return nodes.Filter(node, "tdkt_size", [], [], None, None, lineno=node.lineno)


# -- the environment ----------------------------------------------------------------------------
class LimitedTemplate(Template):
    """Renders chunk by chunk, counting the output against the budget, and names the tag of any
    refusal or failure of template code."""

    _source = ""

    def render(self, *args: Any, **kwargs: Any) -> str:
        ctx = self.new_context(dict(*args, **kwargs))
        out: list[str] = []
        append = out.append
        with render_budget() as budget:
            try:
                for chunk in self.root_render_func(ctx):
                    budget.output += len(chunk)
                    if budget.output > MAX_OUTPUT_CHARS:
                        raise TemplateLimitError(
                            f"tạo văn bản quá lớn (quá {_n(MAX_OUTPUT_CHARS)} ký tự) ở thẻ "
                            "{tag}", tag=budget.loop_tag)
                    append(chunk)
            except TemplateLimitError as error:
                error.locate(tag_at(self._source, self._template_line(error.__traceback__),
                                    error.keyword))
                raise
            except (ArithmeticError, RecursionError, MemoryError) as error:
                raise self._failure(error) from None
            except Exception:
                self.environment.handle_exception()
        return "".join(out)

    def _template_line(self, tb: TracebackType | None) -> int | None:
        lineno = None
        while tb is not None:
            if tb.tb_frame.f_globals.get("__jinja_template__") is self:
                lineno = self.get_corresponding_lineno(tb.tb_lineno)
            tb = tb.tb_next
        return lineno

    def _failure(self, error: BaseException) -> TemplateLimitError:
        if isinstance(error, ZeroDivisionError):
            what = "chia cho 0"
        elif isinstance(error, RecursionError):
            what = "gọi macro lồng nhau quá sâu"
        elif isinstance(error, MemoryError):
            what = "dùng quá nhiều bộ nhớ"
        else:
            what = "tạo số quá lớn"
        failure = TemplateLimitError(f"có thẻ {{tag}} không tính được ({what})")
        failure.locate(tag_at(self._source, self._template_line(error.__traceback__)))
        return failure


class LimitedEnvironment(SandboxedEnvironment):
    """Jinja's sandbox with the limits of this module; autoescape on and undefined names are
    errors, so a name with “&” cannot break the XML and a typo cannot print a blank."""

    template_class = LimitedTemplate
    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def __init__(self) -> None:
        super().__init__(undefined=StrictUndefined, autoescape=True)
        self._compiled: OrderedDict[str, Template] = OrderedDict()
        self._compiled_lock = threading.Lock()
        self.globals["range"] = safe_range
        self.filters["tdkt_loop"] = _loop_filter
        self.filters["tdkt_size"] = _size_filter
        self.filters["safe"] = _refuse_safe
        for name, check in (("center", _filter_width("center", 0, "width")),
                            ("indent", _filter_width("indent", 0, "width", per_line=True)),
                            ("batch", _filter_width("batch", 0, "linecount")),
                            ("slice", _filter_width("slice", 0, "slices")),
                            ("replace", _check_replace_filter),
                            ("format", _check_format_filter)):
            self.filters[name] = _guard_filter(name, self.filters[name], check)

    def compile(self, source: Any, name: str | None = None, filename: str | None = None,
                raw: bool = False, defer_init: bool = False) -> Any:
        if isinstance(source, str):
            text = source
            source = self._parse(text, name, filename)
            for hazard in hazards(source, text):
                if hazard.escape:
                    raise TemplateLimitError(hazard.reason, tag="")
            source = _Instrument(_loop_tags(source, text)).visit(source)
            source.set_environment(self)
        return super().compile(source, name, filename, raw, defer_init)  # type: ignore[call-overload]

    def from_string(self, source: Any, globals: Any = None,
                    template_class: Any = None) -> Template:
        """Compiled once per distinct source: rendering the same template again (a batch of
        reports, the next decision) skips Jinja's parse, checks and compile. A compiled
        template is immutable, so one may serve every render and thread."""
        cacheable = isinstance(source, str) and globals is None and template_class is None
        if cacheable:
            with self._compiled_lock:
                cached = self._compiled.get(source)
                if cached is not None:
                    self._compiled.move_to_end(source)
                    return cached
        template = super().from_string(source, globals, template_class)
        if isinstance(source, str) and isinstance(template, LimitedTemplate):
            template._source = source
        if cacheable:
            with self._compiled_lock:
                self._compiled[source] = template
                while len(self._compiled) > COMPILED_CACHE_SIZE:
                    self._compiled.popitem(last=False)
        return template

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        _check_binop(operator, left, right)
        return self.binop_table[operator](left, right)

    def call(__self, __context: Context, __obj: Any, *args: Any,  # noqa: N805
             **kwargs: Any) -> Any:
        budget = _budget()
        budget.calls += 1
        if not budget.calls % CHECK_EVERY:
            budget.check_time()
        _check_call(__obj, args)
        return super().call(__context, __obj, *args, **kwargs)


# -- the package --------------------------------------------------------------------------------
_NOT_WORD = ("không mở được như một văn bản Word (.docx): {why}. Hãy mở tệp bằng Word rồi lưu "
             "lại dạng “Word Document (*.docx)”")


def inspect_package(path: Path) -> None:
    """Refuse, before any XML is parsed, a file that is no .docx, lacks its parts, or would
    unpack into far more than it weighs (a zip bomb). Reads only the zip's directory."""
    path = Path(path)
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError:
        raise UnsafePackage(f"không đọc được tệp “{path.name}” (tệp không còn hoặc không có "
                            "quyền đọc)") from None
    if size > MAX_PACKAGE_BYTES:
        raise UnsafePackage(f"tệp “{path.name}” nặng {_bytes(size)}, quá "
                            f"{_bytes(MAX_PACKAGE_BYTES)} cho một mẫu văn bản")
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise UnsafePackage(_NOT_WORD.format(why="đây là tệp Word cũ (.doc) hoặc tệp có mật "
                                                 "khẩu, không phải .docx"))
    if not head.startswith(b"PK"):
        raise UnsafePackage(_NOT_WORD.format(why="nội dung tệp không phải gói nén của văn bản "
                                                 "Word (có thể là tệp khác bị đổi đuôi)"))
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise UnsafePackage(_NOT_WORD.format(why="gói nén của tệp bị hỏng hoặc chưa chép "
                                                 "xong")) from None
    if len(members) > MAX_MEMBERS:
        raise UnsafePackage(f"tệp “{path.name}” chứa {_n(len(members))} phần, quá "
                            f"{_n(MAX_MEMBERS)} phần — không phải một mẫu văn bản bình thường "
                            "(nghi là “bom nén”)")
    unpacked = sum(m.file_size for m in members)
    if unpacked > MAX_UNPACKED_BYTES:
        raise UnsafePackage(f"tệp “{path.name}” giải nén ra {_bytes(unpacked)}, quá "
                            f"{_bytes(MAX_UNPACKED_BYTES)} (nghi là “bom nén”)")
    for member in members:
        if member.file_size > RATIO_FLOOR and \
                member.file_size > MAX_RATIO * max(member.compress_size, 1):
            raise UnsafePackage(
                f"phần “{member.filename}” của tệp “{path.name}” giải nén ra gấp "
                f"{_n(member.file_size // max(member.compress_size, 1))} lần kích thước nén "
                f"(tối đa {_n(MAX_RATIO)} lần) — nghi là “bom nén”, tệp không được mở")
        if member.flag_bits & 0x1:
            raise UnsafePackage(_NOT_WORD.format(why="tệp có phần bị mã hoá"))
    names = {m.filename for m in members}
    for part in ("[Content_Types].xml", "_rels/.rels"):
        if part not in names:
            raise UnsafePackage(_NOT_WORD.format(
                why=f"gói nén thiếu phần “{part}” mà mọi văn bản Word đều có"))
