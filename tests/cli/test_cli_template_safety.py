"""``tdkt template-check`` on hostile files, as a real process: the Vietnamese reason naming the
tag, exit code 1, never the crash handler's “Lỗi không mong muốn”."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docx import Document


def test_template_check_flags_hostile_templates_and_non_word_files(cli: Any,
                                                                   tmp_path: Path) -> None:
    loops = tmp_path / "vong_lap.docx"
    doc = Document()
    doc.add_paragraph("{% for i in range(99999) %}{% for j in range(99999) %}x{% endfor %}"
                      "{% endfor %}")
    doc.add_paragraph("{{ '<w:p/>'|safe }}")
    doc.save(str(loops))
    renamed = tmp_path / "doi_duoi.docx"
    renamed.write_text("không phải Word", encoding="utf-8")
    hostile, fake = cli.run_many(["template-check", "quyet_dinh", "--file", str(loops)],
                                 ["template-check", "quyet_dinh", "--file", str(renamed)])
    assert hostile.returncode == 1, str(hostile)
    assert "có vòng lặp quá dài ở thẻ {% for i in range(99999) %}" in hostile.stdout
    assert "dùng bộ lọc “safe” ở thẻ {{ '<w:p/>'|safe }}" in hostile.stdout
    assert fake.returncode == 1, str(fake)
    assert "không mở được như một văn bản Word (.docx): nội dung tệp không phải gói nén" \
        in fake.stdout
    for result in (hostile, fake):
        assert "Lỗi không mong muốn" not in result.stdout + result.stderr
        assert "Traceback" not in result.stderr
