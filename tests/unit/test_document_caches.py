"""What makes a document cost little more than docxtpl itself (issue 13's bench): a template
is checked once per content and compiled once per source — and neither memory lets a changed
or hostile template through."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document

from desktop.services.documents import DocumentError
from desktop.services.documents.checker import checked
from desktop.services.documents.engine import jinja_environment, render_to_file
from desktop.services.documents.registry import template_spec

SPEC = template_spec("bao_cao_thanh_tich_ca_nhan")


def template(path: Path, text: str) -> Path:
    doc = Document()
    doc.add_paragraph(text)
    doc.save(str(path))
    return path


def test_a_template_is_checked_again_when_its_content_changes(tmp_path: Path) -> None:
    assert SPEC is not None
    path = template(tmp_path / "mau.docx", "Họ và tên: {{ ho_ten }}")
    first = checked(path, SPEC)
    assert first.ok and checked(path, SPEC) is first  # same bytes: not parsed again
    # Same file, same length, one field misspelt (the edit an officer makes in Word).
    template(path, "Họ và tên: {{ ho_tem }}")
    second = checked(path, SPEC)
    assert not second.ok and any("ho_tem" in p.message for p in second.problems)


def test_a_compiled_template_serves_again_and_limits_still_hold(tmp_path: Path) -> None:
    env = jinja_environment()
    source = "{% for p in ds %}{{ p }};{% endfor %}"
    first = env.from_string(source)
    assert env.from_string(source) is first
    assert first.render(ds=["Hường", "A & B"]) == "Hường;A &amp; B;"
    assert env.from_string(source + " ") is not first

    hostile = template(tmp_path / "vong_lap.docx",
                       "{% for i in range(9999) %}{% for j in range(9999) %}x{% endfor %}"
                       "{% endfor %}")
    for attempt in range(2):  # the second render uses the compiled template, still stopped
        with pytest.raises(DocumentError, match="vòng lặp quá dài"):
            render_to_file(hostile, {}, tmp_path / f"out{attempt}.docx")
        assert not (tmp_path / f"out{attempt}.docx").exists()
