"""Downward packages carry the signed decision itself: the province renders each decision it
sends (template "quyet_dinh") and adds the officer's signed scan; the commune keeps both in its
attachment store and its log, and can open the decision as a .docx."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

from desktop.api.sync import DownwardSelection
from desktop.domain.errors import ValidationError
from desktop.services.attachments import stored_path
from tests.unit.sync_world import SignedDown, province_signs_for_commune, trust_sender
from tests.unit.test_sync_documents import by_title, text_of

AWARDEES = ["Lò Văn Đức", "Tòng Văn Hưởng"]


@pytest.fixture(scope="module")
def down(tmp_path_factory: pytest.TempPathFactory) -> SignedDown:
    return province_signs_for_commune(tmp_path_factory.mktemp("decision-docs"), AWARDEES)


def manifest_of(package: Path) -> dict[str, Any]:
    with zipfile.ZipFile(package) as zf:
        value: dict[str, Any] = json.loads(zf.read("manifest.json"))
        return value


def test_the_decision_and_its_scan_travel_down(down: SignedDown, tmp_path: Path) -> None:
    p = down.province.services.sync
    scan = tmp_path / "QĐ khen thưởng (bản ký).pdf"
    scan.write_bytes(b"%PDF-1.4 signed decision " + bytes(range(256)) * 20)
    selection = DownwardSelection((down.decision_id,), down.commune_uuid, extra_files=(scan,))
    plan = p.plan_downward(selection)
    title = f"Quyết định khen thưởng số {down.decision_number}"
    assert plan.warnings == () and plan.document_count == 2
    assert {d.title for d in plan.documents} == {title, "QĐ khen thưởng (bản ký)"}
    assert plan.document_bytes == sum(d.size for d in plan.documents) > 0
    result = p.export_downward(selection, tmp_path / "xuong_xbl")
    # the decision is rendered again when written: the same document (a .docx records the
    # second its parts were zipped, so its hash differs when the two renders straddle a
    # second); the signed scan is the same file, hash and all
    assert [(d.file_name, d.title, d.size) for d in result.documents] == \
        [(d.file_name, d.title, d.size) for d in plan.documents]
    assert by_title(result.documents, "QĐ khen thưởng (bản ký)") == \
        by_title(plan.documents, "QĐ khen thưởng (bản ký)")

    listed = manifest_of(result.path)["documents"]
    assert {d["title"] for d in listed} == {title, "QĐ khen thưởng (bản ký)"}
    decision_doc = by_title(result.documents, "Quyết định khen thưởng số")
    assert decision_doc.file_name.endswith(".docx") and "/" not in decision_doc.file_name
    assert down.decision_number.replace("/", "-") in decision_doc.file_name
    sent = next(r for r in p.history() if r.direction == "sent" and r.kind.value == "xuong")
    assert set(sent.documents) == set(result.documents)

    # The commune imports it: the decision is kept, opens in Word, and says who was awarded.
    c = down.commune.services
    trust_sender(down.commune, result.path)
    header = c.sync.inspect(result.path)
    assert set(header.documents) == set(result.documents)
    report = c.sync.import_package(result.path)
    assert report.applied
    text = text_of(stored_path(c.paths.attachments, decision_doc.sha256))
    assert down.decision_number in text and all(name in text for name in AWARDEES)
    scan_doc = by_title(header.documents, "QĐ khen thưởng")
    assert scan_doc.sha256 == hashlib.sha256(scan.read_bytes()).hexdigest()
    assert stored_path(c.paths.attachments, scan_doc.sha256).read_bytes() == scan.read_bytes()
    logged = next(r for r in c.sync.history() if r.direction == "received")
    assert set(logged.documents) == set(header.documents)
    copy = c.sync.stored_document(decision_doc)
    assert copy.name == decision_doc.file_name and down.decision_number in text_of(copy)


def test_without_documents_the_decision_goes_as_data_only(down: SignedDown,
                                                          tmp_path: Path) -> None:
    selection = DownwardSelection((down.decision_id,), down.commune_uuid,
                                  include_documents=False)
    p = down.province.services.sync
    plan = p.plan_downward(selection)
    assert plan.documents == () and plan.document_bytes == 0 and plan.warnings == ()
    manifest = manifest_of(p.export_downward(selection, tmp_path / "khong").path)
    assert "documents" not in manifest
    assert not [n for n in manifest["entries"] if n.startswith("files/")]


def test_a_bad_scan_is_refused_before_writing(down: SignedDown, tmp_path: Path) -> None:
    selection = DownwardSelection((down.decision_id,), down.commune_uuid,
                                  extra_files=(tmp_path,))
    with pytest.raises(ValidationError, match="không phải một tệp thông thường"):
        down.province.services.sync.export_downward(selection, tmp_path / "hong")
    assert not list(tmp_path.glob("*.tdkt"))


def test_a_decision_that_cannot_be_rendered_is_a_warning(down: SignedDown, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    sync = down.province.services.sync

    def refuse(*_args: object, **_kwargs: object) -> Path:
        raise ValidationError.single("template", "Mẫu", "mẫu quyết định có thẻ không hợp lệ")

    monkeypatch.setattr(sync._documents(), "render", refuse)
    selection = DownwardSelection((down.decision_id,), down.commune_uuid)
    plan = sync.plan_downward(selection)
    assert plan.documents == () and len(plan.warnings) == 1
    assert plan.warnings[0].startswith(
        f"Không kèm được “Quyết định khen thưởng số {down.decision_number}”")
    result = sync.export_downward(selection, tmp_path / "canh_bao")
    assert result.path.exists() and result.warnings == plan.warnings
    assert "documents" not in manifest_of(result.path)
