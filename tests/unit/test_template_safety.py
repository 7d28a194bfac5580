"""Templates that cannot hurt (issue 13, item 7): each hostile template is flagged by the checker
where it can be seen statically, and rendering it stops within seconds with a Vietnamese message
naming the tag, writing nothing. A file that is no .docx or a zip bomb is refused before it is
parsed, at check and at render."""

from __future__ import annotations

import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from docx import Document

from desktop.services.documents import TEMPLATES, DocumentError, Severity, sandbox
from desktop.services.documents.checker import check_template
from desktop.services.documents.engine import render_template, render_to_file
from desktop.services.documents.registry import template_spec
from desktop.services.documents.service import SHIPPED_DIR

SPEC = template_spec("bao_cao_thanh_tich_ca_nhan")
CONTEXT = {"ho_ten": "Tòng Thị Hường"}
ENGLISH = ("Error", "error", "is not", "Traceback", "object", "File ", "zip file", "Range too")


def hostile(tmp_path: Path, text: str, name: str = "mau.docx") -> Path:
    """A real Word file whose one paragraph holds ``text``, made with python-docx."""
    doc = Document()
    doc.add_paragraph(text)
    path = tmp_path / name
    doc.save(str(path))
    return path


def check_errors(path: Path) -> list[str]:
    assert SPEC is not None
    report = check_template(path, SPEC)
    assert not report.ok
    return [p.message for p in report.problems if p.severity is Severity.ERROR]


def refused_render(path: Path, tmp_path: Path) -> str:
    """Render to a file that must not appear; returns the Vietnamese message."""
    out_dir = tmp_path / "out"
    out_dir.mkdir(exist_ok=True)
    started = time.perf_counter()
    with pytest.raises(DocumentError) as caught:
        render_to_file(path, CONTEXT, out_dir / "van_ban.docx")
    assert time.perf_counter() - started < 10
    assert list(out_dir.iterdir()) == []  # nothing written, no temporary file left
    message = str(caught.value)
    assert not any(word in message for word in ENGLISH), message
    return message


NESTED = "{% for i in range(99999) %}{% for j in range(99999) %}x{% endfor %}{% endfor %}"


@pytest.mark.parametrize(("text", "checker_says", "render_says"), [
    (NESTED,
     "có vòng lặp lồng nhau trên range() quá dài ở thẻ {% for j in range(99999) %}",
     "có vòng lặp quá dài ở thẻ {% for i in range(99999) %}"),
    ("{{ 'x' * 10**9 }}",
     "tạo chuỗi hoặc danh sách quá lớn ở thẻ {{ 'x' * 10**9 }}",
     "tạo chuỗi hoặc danh sách quá lớn ở thẻ {{ 'x' * 10**9 }}"),
    ("{% for i in range(10**9) %}{% endfor %}",
     "có vòng lặp quá dài ở thẻ {% for i in range(10**9) %}",
     "có vòng lặp quá dài ở thẻ {% for i in range(10**9) %}"),
    ("{{ '<w:p/>'|safe }}",
     "dùng bộ lọc “safe” ở thẻ {{ '<w:p/>'|safe }}: không được chèn mã Word thô",
     "dùng bộ lọc “safe” ở thẻ {{ '<w:p/>'|safe }}: không được chèn mã Word thô"),
], ids=["nested-range", "string-times-power", "range-billion", "safe-raw-xml"])
def test_hostile_template_is_flagged_and_stops_within_seconds(
        tmp_path: Path, text: str, checker_says: str, render_says: str) -> None:
    path = hostile(tmp_path, text)
    assert any(checker_says in m for m in check_errors(path)), check_errors(path)
    message = refused_render(path, tmp_path)
    assert message.startswith("Mẫu mau.docx ") and render_says in message, message
    assert "Văn bản không được tạo" in message


def test_nested_loops_under_the_range_cap_hit_the_loop_budget(tmp_path: Path) -> None:
    # each range is allowed; together they would turn 99 million times
    path = hostile(tmp_path, "{% for i in range(9999) %}{% for j in range(9999) %}"
                             "{% endfor %}{% endfor %}")
    assert any("vòng lặp lồng nhau trên range() quá dài" in m for m in check_errors(path))
    message = refused_render(path, tmp_path)
    assert "có vòng lặp quá dài ở thẻ {% for i in range(9999) %} (cả văn bản quá 500.000 " \
           "lượt lặp)" in message


def test_a_loop_size_the_checker_cannot_see_is_still_stopped(tmp_path: Path) -> None:
    path = hostile(tmp_path, "{% for i in range(ho_ten|length * 5000) %}{{ i }}{% endfor %}")
    message = refused_render(path, tmp_path)
    assert "có vòng lặp quá dài ở thẻ {% for i in range(ho_ten|length * 5000) %}" in message


@pytest.mark.parametrize(("text", "says"), [
    ("{% set ns = namespace(s='xxxxxxxx') %}{% for i in range(40) %}"
     "{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s }}", "tạo chuỗi quá lớn ở thẻ "
                                                         "{% set ns.s = ns.s ~ ns.s %}"),
    ("{{ ho_ten|center(10**8) }}", "bộ lọc “center”"),
    ("{{ ho_ten.ljust(10**8) }}", "“ljust” quá 1.000.000 ký tự"),
    ("{{ ho_ten|replace('', ho_ten * 9000) }}", "“replace” quá 1.000.000 ký tự"),
    ("{{ '%0999999999d' % 1 }}", "định dạng “%” quá rộng"),
    ("{{ 9 ** 9999 }}", "tạo số quá lớn ở thẻ {{ 9 ** 9999 }}"),
    ("{{ 1 / 0 }}", "có thẻ {{ 1 / 0 }} không tính được (chia cho 0)"),
    ("{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}", "gọi macro lồng nhau quá sâu"),
    ("{% autoescape false %}{{ '<w:p/>' }}{% endautoescape %}",
     "tắt chế độ tự thoát ký tự ở thẻ {% autoescape false %}"),
    ("{{ ho_ten.__class__.__mro__ }}", "truy cập thuộc tính “__mro__”"),
    ("{{ ho_ten['__class__'] }}", "truy cập thuộc tính “__class__”"),
    ("{{ Markup('<w:p/>') }}", "dùng “Markup” ở thẻ {{ Markup('<w:p/>') }}"),
], ids=["concat-doubling", "center", "ljust", "replace", "percent-width", "power",
        "zero-division", "macro-recursion", "autoescape-off", "dunder", "dunder-item",
        "markup"])
def test_other_ways_to_hang_fill_or_escape_end_in_vietnamese(tmp_path: Path, text: str,
                                                              says: str) -> None:
    message = refused_render(hostile(tmp_path, text), tmp_path)
    assert says in message, message


def test_escapes_and_underscores_are_flagged_by_the_checker(tmp_path: Path) -> None:
    for number, (text, says) in enumerate([
            ("{% autoescape false %}{{ ho_ten }}{% endautoescape %}", "tắt chế độ tự thoát"),
            ("{% filter safe %}{{ ho_ten }}{% endfilter %}", "dùng bộ lọc “safe”"),
            ("{{ ho_ten._x }}", "truy cập thuộc tính “_x”"),
            ("{{ Markup(ho_ten) }}", "dùng “Markup”"),
            ("{{ 9 ** 99 }}", "tạo số quá lớn ở thẻ {{ 9 ** 99 }} (phép lũy thừa “**”)")]):
        path = hostile(tmp_path, text, name=f"mau{number}.docx")
        assert any(says in m for m in check_errors(path)), (text, check_errors(path))


def test_the_time_limit_stops_a_slow_template(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sandbox, "RENDER_SECONDS", 0.2)
    monkeypatch.setattr(sandbox, "MAX_LOOP_ITERATIONS", 10**9)
    path = hostile(tmp_path, "{% for i in range(10000) %}{% for j in range(10000) %}"
                             "{{ ho_ten|upper|lower|title }}{% endfor %}{% endfor %}")
    message = refused_render(path, tmp_path)
    assert "chạy quá 0,2 giây ở thẻ {% for " in message and "nên đã bị dừng" in message


def test_the_output_size_limit_stops_a_huge_document(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sandbox, "MAX_OUTPUT_CHARS", 200_000)
    path = hostile(tmp_path, "{% for i in range(5000) %}{{ ho_ten * 10 }}{% endfor %}")
    message = refused_render(path, tmp_path)
    assert "tạo văn bản quá lớn (quá 200.000 ký tự) ở thẻ {% for i in range(5000) %}" in message


def test_ordinary_loops_filters_and_escaping_still_work(tmp_path: Path) -> None:
    path = hostile(tmp_path, "{% for r in ds %}{{ loop.index }}. {{ r|upper }}"
                             "{% if not loop.last %}; {% endif %}{% endfor %} — "
                             "{{ ten ~ ' - ' ~ ten }} {{ 'ab' * 3 }} {{ 2 ** 10 }}")
    assert SPEC is not None
    document = render_template(path, {"ds": ["a", "b", "c"], "ten": "<Lai Châu>"})
    text = "\n".join(p.text for p in document.docx.paragraphs)
    assert "1. A; 2. B; 3. C — <Lai Châu> - <Lai Châu> ababab 1024" in text


# -- the package ---------------------------------------------------------------------------------
def _zip_bomb(tmp_path: Path) -> Path:
    """A valid .docx with one extra part of 20 MB of zeros (about 20 KB packed)."""
    path = hostile(tmp_path, "{{ ho_ten }}", name="bom.docx")
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive, \
            archive.open("word/media/anh.bin", "w", force_zip64=True) as part:
        chunk = b"\0" * (1024 * 1024)
        for _ in range(20):
            part.write(chunk)
    return path


def _without_content_types(tmp_path: Path) -> Path:
    source = hostile(tmp_path, "{{ ho_ten }}", name="nguon.docx")
    path = tmp_path / "thieu.docx"
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(path, "w") as new:
        for item in old.infolist():
            if item.filename != "[Content_Types].xml":
                new.writestr(item, old.read(item.filename))
    source.unlink()
    return path


def _renamed_text(tmp_path: Path) -> Path:
    path = tmp_path / "van_ban.docx"
    path.write_text("Đây là tệp văn bản thường, chỉ đổi đuôi thành .docx", encoding="utf-8")
    return path


@pytest.mark.parametrize(("make", "says"), [
    (_zip_bomb, "phần “word/media/anh.bin” của tệp “bom.docx” giải nén ra gấp"),
    (_without_content_types, "gói nén thiếu phần “[Content_Types].xml”"),
    (_renamed_text, "nội dung tệp không phải gói nén của văn bản Word"),
], ids=["zip-bomb", "no-content-types", "text-renamed"])
def test_a_file_that_is_no_safe_docx_is_refused_before_parsing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, make: Callable[[Path], Path],
        says: str) -> None:
    path = make(tmp_path)
    parsed: list[object] = []
    monkeypatch.setattr("docx.opc.pkgreader.PackageReader.from_file",
                        lambda *a, **k: parsed.append(a))  # would be python-docx's first read
    monkeypatch.setattr("desktop.services.documents.checker._paragraphs",
                        lambda *a: parsed.append(a))
    errors = check_errors(path)
    assert len(errors) == 1 and says in errors[0], errors
    message = refused_render(path, tmp_path)
    assert message.startswith(f"Không dùng được mẫu {path.name}: ") and says in message
    assert parsed == []


def test_a_zip_over_the_unpacked_size_limit_is_refused(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sandbox, "MAX_UNPACKED_BYTES", 20_000)
    path = hostile(tmp_path, "{{ ho_ten }}")
    assert "giải nén ra " in check_errors(path)[0]
    assert " KB, quá 19,5 KB (nghi là “bom nén”)" in check_errors(path)[0]


def test_a_broken_docx_past_the_package_look_is_still_a_vietnamese_refusal(
        tmp_path: Path) -> None:
    source = hostile(tmp_path, "{{ ho_ten }}", name="nguon.docx")
    path = tmp_path / "hong.docx"
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(path, "w") as new:
        for item in old.infolist():
            data = old.read(item.filename)
            new.writestr(item, b"<w:document" if item.filename == "word/document.xml" else data)
    assert "tệp bị hỏng" in check_errors(path)[0]
    assert "tệp Word bị hỏng" in refused_render(path, tmp_path)


# -- shipped templates stay usable ---------------------------------------------------------------
@pytest.mark.parametrize("spec", TEMPLATES, ids=lambda s: s.key)
def test_every_shipped_template_passes_the_stricter_checker(spec: object) -> None:
    path = SHIPPED_DIR / spec.filename  # type: ignore[attr-defined]
    sandbox.inspect_package(path)
    report = check_template(path, spec)  # type: ignore[arg-type]
    assert report.problems == (), report.summary()
