"""``tdkt templates``, ``template-check`` and ``render`` as real processes, results read back
with python-docx."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docx import Document

from desktop.services.documents import TEMPLATES


def _text(path: Path) -> str:
    doc = Document(str(path))
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells).replace("\u00a0", " ")


def test_templates_lists_every_template_and_its_fields(documents_cli: Any
                                                       ) -> None:
    cli, _ = documents_cli
    listed, fields = cli.run_many(["templates", "--json"], ["templates", "quyet_dinh"])
    assert listed.returncode == 0 and fields.returncode == 0
    assert [t["key"] for t in listed.json()] == [t.key for t in TEMPLATES]
    assert "{{ tong_tien_chu }}" in fields.stdout and "Tổng số tiền bằng chữ" in fields.stdout
    assert "{{ r.so_tien }}" in fields.stdout


def test_render_every_template_and_a_batch(documents_cli: Any,
                                           tmp_path: Path) -> None:
    cli, w = documents_cli
    target = {"to_trinh": w.round_id, "quyet_dinh": w.decision_id,
              "bien_ban_hoi_dong": w.meeting_id,
              "bao_cao_thanh_tich_ca_nhan": w.person_nomination,
              "bao_cao_thanh_tich_tap_the": w.unit_nomination, "giay_khen": w.decision_id,
              "dang_ky_thi_dua": w.school_id,
              "bao_cao_tong_ket": w.movement_id, "ket_qua_khoi": w.bloc_id}
    results = cli.run_many(*[["render", key, str(t), "--out", str(tmp_path / f"{key}.docx"),
                              "--year", "2026", "--date", "10/07/2026", "--signer",
                              "Lường Văn Pấng", "--json"] for key, t in target.items()])
    for result in results:
        assert result.returncode == 0, str(result)
    assert "Số: 05/QĐ-UBND" in _text(tmp_path / "quyet_dinh.docx")
    giay_khen = dict(zip(target, results, strict=True))["giay_khen"]
    assert giay_khen.json()["sheets"] == ["Trường Tiểu học Bình Lư", "Lò Văn Đức",
                                          "Tòng Thị Hường", "Hộ ông Lò Văn Pọm"]
    # The decision gives Giấy khen only: no Bằng khen sheet is printed, and it says why.
    refused = cli.run("render", "bang_khen", str(w.decision_id), "--out",
                      str(tmp_path / "bang_khen.docx"))
    assert refused.returncode == 1 and "không tặng Bằng khen cho ai" in refused.stderr
    assert not (tmp_path / "bang_khen.docx").exists()
    assert "Lai Châu, ngày 10 tháng 7 năm 2026" in _text(tmp_path / "to_trinh.docx")
    batch = cli.ok("render", "bao_cao_thanh_tich_ca_nhan",
                   f"{w.person_nomination},{w.person_nomination + 1}",
                   "--out", str(tmp_path / "bctt"))
    assert "[2/2]" in batch.stderr
    assert sorted(p.name for p in (tmp_path / "bctt").iterdir()) == [
        "0001 Tòng Thị Hường.docx", "0002 Lò Văn Đức.docx"]


def test_render_and_check_refuse_bad_input_clearly(documents_cli: Any,
                                                  tmp_path: Path) -> None:
    cli, w = documents_cli
    unknown, wrong_kind, many, bad_id = cli.run_many(
        ["render", "quyet_dinh_sai", "1", "--out", str(tmp_path / "a.docx")],
        ["render", "bao_cao_thanh_tich_tap_the", str(w.person_nomination), "--out",
         str(tmp_path / "b.docx")],
        ["render", "quyet_dinh", "1,2", "--out", str(tmp_path / "c.docx")],
        ["render", "quyet_dinh", "abc", "--out", str(tmp_path / "d.docx")])
    assert unknown.returncode == 1 and "Không có mẫu “quyet_dinh_sai”" in unknown.stderr
    assert wrong_kind.returncode == 1 and "mẫu này dành cho tập thể" in wrong_kind.stderr
    assert many.returncode == 1 and "chỉ nhập một ID" in many.stderr
    assert bad_id.returncode == 2
    assert not list(tmp_path.iterdir())
    broken = tmp_path / "hong.docx"
    doc = Document()
    doc.add_paragraph("{{ so_quyet_dinh_sai }} {% if x %}")
    doc.save(str(broken))
    checked = cli.run("template-check", "quyet_dinh", "--file", str(broken))
    assert checked.returncode == 1 and "chưa có thẻ đóng {% endif %}" in checked.stdout
    assert cli.ok("template-check", "quyet_dinh").stdout.strip() == "Mẫu hợp lệ."
