"""Upward packages carry the round's tờ trình, the council's minutes and the files the officer
adds (manifest ``documents``): rendered at export, checked at import, kept in the receiver's
attachment store and log; every forged or damaged document is refused with the receiver's
database byte for byte as before."""

from __future__ import annotations

import hashlib
import json
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from sqlalchemy import select

from desktop.api.sync import Action, PackageDocument, UpwardSelection
from desktop.domain.enums import Gender, RoundKind, UnitKind
from desktop.domain.errors import ValidationError
from desktop.models import Installation
from desktop.services.attachments import stored_path
from desktop.services.council import MeetingInput
from desktop.services.rounds import RoundInput
from desktop.services.sync.documents import display_name, name_problem
from tests.unit.sync_world import (
    PROVINCE,
    Office,
    S,
    commune_with_nominations,
    open_office,
    trust_sender,
)
from tests.unit.test_sync_refusals import _refused, _rewrite

ROUND_NAME = "Đề nghị khen thưởng năm 2026 — Ủy ban nhân dân xã Bình Lư"
NOMINEES = ["Lò Văn Đức", "Tòng Thị Hường"]


def text_of(path: Path) -> str:
    """All text of a .docx (body paragraphs and table cells, in order)."""
    doc = Document(str(path))
    return "\n".join("".join(t.text or "" for t in p.iter() if t.tag.endswith("}t"))
                     for p in doc.element.body.iter() if p.tag.endswith("}p")
                     ).replace("\u00a0", " ")


def council_passed(office: Office, round_id: int, ids: list[int]) -> int:
    """The commune's council passes every nomination of the round (Đã xét); the meeting id."""
    s = office.services
    s.nominations.transition(ids, S.RECEIVED)
    s.nominations.transition(ids, S.ELIGIBLE)
    meeting = s.council.create_meeting(MeetingInput(round_id, date(2026, 11, 20), 7, 7,
                                                    "Hội trường Ủy ban xã", "Lò Văn Sơn",
                                                    "Tòng Thị Lan"))
    s.council.record_votes(meeting.id, dict.fromkeys(ids, 7))
    s.council.close_meeting(meeting.id)
    return meeting.id


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    root = tmp_path_factory.mktemp("documents")
    province = open_office(root, *PROVINCE, UnitKind.PROVINCE)
    commune, round_id, ids = commune_with_nominations(
        root, "Ủy ban nhân dân xã Bình Lư", "XBL",
        [(NOMINEES[0], Gender.MALE, None), (NOMINEES[1], Gender.FEMALE, None)])
    council_passed(commune, round_id, ids)
    scan = root / "To trinh so 12 (ban ky).pdf"
    scan.write_bytes(b"%PDF-1.4 signed scan " + bytes(range(256)) * 40)
    selection = UpwardSelection(round_id, tuple(ids), extra_files=(scan,))
    plan = commune.services.sync.plan_upward(selection)
    result = commune.services.sync.export_upward(selection, root / "len_xbl")
    trust_sender(province, result.path)
    p_root = province.services.units.children(None)[0].id
    p_round = province.services.rounds.create(RoundInput(
        "Khen thưởng năm 2026 (cấp tỉnh)", 2026, RoundKind.YEAR_END, office_unit_id=p_root)).id
    with commune.services.db.read() as s:
        key = s.scalars(select(Installation.signing_key)).one()
    return {"root": root, "province": province, "commune": commune, "round": round_id,
            "ids": ids, "scan": scan, "plan": plan, "result": result, "package": result.path,
            "p_round": p_round, "key": key}


def manifest_of(package: Path) -> dict[str, Any]:
    with zipfile.ZipFile(package) as zf:
        value: dict[str, Any] = json.loads(zf.read("manifest.json"))
        return value


def by_title(documents: Any, start: str) -> PackageDocument:
    found = [d for d in documents if d.title.startswith(start)]
    assert len(found) == 1, documents
    return found[0]


def test_the_plan_counts_the_documents_before_writing(world: dict[str, Any]) -> None:
    plan = world["plan"]
    assert plan.document_count == 3 and plan.warnings == ()
    assert plan.document_bytes == sum(d.size for d in plan.documents) > 0
    assert {d.title for d in plan.documents} == {
        "Tờ trình đề nghị khen thưởng",
        "Biên bản họp Hội đồng Thi đua - Khen thưởng ngày 20/11/2026",
        "To trinh so 12 (ban ky)"}
    # rendered again when written: the same documents (a .docx records the second it was
    # made, so its hash may differ when the two renders straddle a second)
    assert [(d.file_name, d.title, d.size) for d in world["result"].documents] == \
        [(d.file_name, d.title, d.size) for d in plan.documents]


def test_manifest_lists_each_document_as_a_files_entry(world: dict[str, Any]) -> None:
    manifest = manifest_of(world["package"])
    assert manifest["format_version"] == 1
    listed = manifest["documents"]
    assert len(listed) == 3
    scan_sha = hashlib.sha256(world["scan"].read_bytes()).hexdigest()
    with zipfile.ZipFile(world["package"]) as zf:
        names = zf.namelist()
        for doc in listed:
            assert set(doc) == {"sha256", "file_name", "title", "size"}
            entry = manifest["entries"][f"files/{doc['sha256']}"]
            assert entry == {"sha256": doc["sha256"], "size": doc["size"]}
            assert hashlib.sha256(zf.read(f"files/{doc['sha256']}")).hexdigest() == doc["sha256"]
            assert "/" not in doc["file_name"] and "\\" not in doc["file_name"]
    assert len([n for n in names if n.startswith("files/")]) == 3
    scan = next(d for d in listed if d["sha256"] == scan_sha)
    assert scan["file_name"] == "To trinh so 12 (ban ky).pdf"


def test_province_imports_and_keeps_the_documents(world: dict[str, Any]) -> None:
    province: Office = world["province"]
    sync = province.services.sync
    header = sync.inspect(world["package"])
    assert len(header.documents) == 3
    submission = by_title(header.documents, "Tờ trình")
    minutes = by_title(header.documents, "Biên bản")
    # Before importing, the officer opens the tờ trình straight from the package.
    opened = sync.document_from_package(world["package"], submission.sha256)
    assert opened.name == submission.file_name and opened.suffix == ".docx"
    assert ROUND_NAME in text_of(opened)
    assert province.services.paths.data in opened.parents

    report = sync.import_package(world["package"], world["p_round"])
    assert report.applied and report.counts["nominations"] == {Action.NEW: 2}
    store = province.services.paths.attachments
    text = text_of(stored_path(store, submission.sha256))
    assert ROUND_NAME in text and all(name in text for name in NOMINEES)
    minutes_text = text_of(stored_path(store, minutes.sha256))
    assert all(name in minutes_text for name in NOMINEES)
    assert "Hội trường Ủy ban xã" in minutes_text and "Lò Văn Sơn" in minutes_text
    scan = by_title(header.documents, "To trinh so 12")
    assert stored_path(store, scan.sha256).read_bytes() == world["scan"].read_bytes()

    logged = next(r for r in sync.history() if r.direction == "received")
    assert logged.documents == header.documents
    copy = sync.stored_document(minutes)
    assert copy.name == minutes.file_name and "Lò Văn Sơn" in text_of(copy)

    # The sender's log keeps what it sent too.
    sent = next(r for r in world["commune"].services.sync.history() if r.direction == "sent")
    assert {d.sha256 for d in sent.documents} == {d.sha256 for d in header.documents}

    before = province.digest()
    again = sync.import_package(world["package"], world["p_round"])
    assert not again.applied and "đã được nhập" in again.message
    assert province.digest() == before


def test_a_lost_stored_file_is_said_in_vietnamese(world: dict[str, Any]) -> None:
    ghost = PackageDocument("0" * 64, "Tờ trình.docx", "Tờ trình mất tệp", 10)
    with pytest.raises(ValidationError, match="không còn trong thư mục dữ liệu"):
        world["province"].services.sync.stored_document(ghost)


def test_without_documents_nothing_is_rendered(world: dict[str, Any]) -> None:
    commune: Office = world["commune"]
    selection = UpwardSelection(world["round"], tuple(world["ids"]), include_documents=False)
    plan = commune.services.sync.plan_upward(selection)
    assert plan.documents == () and plan.document_bytes == 0 and plan.warnings == ()
    package = commune.services.sync.export_upward(selection, world["root"] / "khong").path
    manifest = manifest_of(package)
    assert "documents" not in manifest
    assert not [n for n in manifest["entries"] if n.startswith("files/")]


def test_a_document_that_cannot_be_rendered_is_a_warning(tmp_path: Path) -> None:
    """Nothing passed the council yet: no tờ trình; the package is written without it."""
    commune, round_id, _ = commune_with_nominations(tmp_path, "Ủy ban nhân dân xã Bản Bo",
                                                    "XBB", [("Vàng Văn Páo", Gender.MALE, None)])
    sync = commune.services.sync
    plan = sync.plan_upward(UpwardSelection(round_id))
    assert plan.documents == ()
    assert len(plan.warnings) == 1 and "Không kèm được “Tờ trình" in plan.warnings[0]
    assert "Hội đồng" in plan.warnings[0]
    result = sync.export_upward(UpwardSelection(round_id), tmp_path / "len")
    assert result.path.exists() and result.warnings == plan.warnings
    assert "documents" not in manifest_of(result.path)


def test_an_open_meeting_has_no_minutes_yet(tmp_path: Path) -> None:
    commune, round_id, ids = commune_with_nominations(tmp_path, "Ủy ban nhân dân xã Bản Bo",
                                                      "XBB", [("Vàng Văn Páo", Gender.MALE, None)])
    council_passed(commune, round_id, ids)
    commune.services.council.create_meeting(MeetingInput(round_id, date(2026, 11, 25), 7, 6))
    plan = commune.services.sync.plan_upward(UpwardSelection(round_id, tuple(ids)))
    assert [d.title.split(" ngày")[0] for d in plan.documents] == [
        "Tờ trình đề nghị khen thưởng", "Biên bản họp Hội đồng Thi đua - Khen thưởng"]
    assert len(plan.warnings) == 1 and "25/11/2026 chưa kết thúc" in plan.warnings[0]


def test_extra_files_are_checked(world: dict[str, Any], tmp_path: Path) -> None:
    sync = world["commune"].services.sync
    base = (world["round"], tuple(world["ids"]))
    with pytest.raises(ValidationError, match="không phải một tệp thông thường"):
        sync.plan_upward(UpwardSelection(*base, extra_files=(tmp_path,)))
    with pytest.raises(ValidationError, match="không mở được tệp"):
        sync.plan_upward(UpwardSelection(*base, extra_files=(tmp_path / "khong_co.pdf",)))
    # The same file twice, and a file that is also a nomination's attachment: stored once.
    commune: Office = world["commune"]
    commune.services.nominations.attach(world["ids"][0], world["scan"], "Bản chụp tờ trình")
    selection = UpwardSelection(*base, include_documents=False,
                                extra_files=(world["scan"], world["scan"]))
    plan = sync.plan_upward(selection)
    assert plan.document_count == 1 and plan.document_bytes == 0  # counted as an attachment
    package = sync.export_upward(selection, tmp_path / "mot_lan").path
    with zipfile.ZipFile(package) as zf:
        assert len([n for n in zf.namelist() if n.startswith("files/")]) == 1
    assert len(manifest_of(package)["documents"]) == 1


def test_display_names_lose_folders_and_control_characters() -> None:
    assert display_name("../../etc/Tờ trình.docx") == "Tờ trình.docx"
    assert display_name("C:\\Users\\x\\Biên bản\x07.pdf") == "Biên bản.pdf"
    assert len(display_name("a" * 500 + ".docx")) <= 200
    assert name_problem("../x.docx") and name_problem("a\x00b") and name_problem("x" * 201)
    assert name_problem("Tờ trình số 12.pdf") is None
    # names Windows refuses or opens as a device: a copy opened from a package gets a safe one
    assert display_name("a<b>|c?.docx") == "a b c.docx"
    assert display_name("CON.docx") == "_CON.docx" and display_name("nul") == "_nul"
    assert display_name("com1.pdf") == "_com1.pdf"
    assert display_name("Console.docx") == "Console.docx"  # only the device names themselves


# -- refusals -----------------------------------------------------------------------------------
def _first_document(manifest: dict[str, Any]) -> dict[str, Any]:
    doc: dict[str, Any] = manifest["documents"][0]
    return doc


def test_refused_a_document_without_its_files_entry(world: dict[str, Any],
                                                    tmp_path: Path) -> None:
    def drop(manifest: dict[str, Any]) -> None:
        doc = _first_document(manifest)
        del manifest["entries"][f"files/{doc['sha256']}"]

    def entries(contents: dict[str, bytes]) -> None:
        doc = _first_document(json.loads(contents["manifest.json"]))
        del contents[f"files/{doc['sha256']}"]

    bad = _rewrite(world["package"], tmp_path / "thieu.tdkt", manifest=drop, entries=entries,
                   sign_with=world["key"])
    _refused(world["province"], bad, world["p_round"], "văn bản kèm theo “Tờ trình",
             "không có trong gói")


def test_refused_a_document_named_with_a_path(world: dict[str, Any], tmp_path: Path) -> None:
    bad = _rewrite(world["package"], tmp_path / "ten.tdkt", sign_with=world["key"],
                   manifest=lambda m: _first_document(m).update(file_name="../x.docx"))
    _refused(world["province"], bad, world["p_round"], "“../x.docx”",
             "tên tệp có đường dẫn thư mục")
    long_name = _rewrite(world["package"], tmp_path / "dai.tdkt", sign_with=world["key"],
                         manifest=lambda m: _first_document(m).update(
                             file_name="a" * 201 + ".docx"))
    _refused(world["province"], long_name, world["p_round"], "dài hơn 200 ký tự")


def test_refused_tampered_document_bytes(world: dict[str, Any], tmp_path: Path) -> None:
    manifest = manifest_of(world["package"])
    doc = _first_document(manifest)
    name = f"files/{doc['sha256']}"

    def flip(contents: dict[str, bytes]) -> None:
        data = bytearray(contents[name])
        data[len(data) // 2] ^= 0xFF
        contents[name] = bytes(data)

    # Bytes changed under the signed manifest: the entry's hash no longer matches.
    bad = _rewrite(world["package"], tmp_path / "sua.tdkt", entries=flip)
    _refused(world["province"], bad, world["p_round"], "văn bản kèm theo “Tờ trình",
             "đã bị sửa", "mã băm SHA-256")

    # Re-signed by the sender's key with the entry's new hash: still not the document named.
    def rehash(m: dict[str, Any]) -> None:
        data = bytearray(zipfile.ZipFile(world["package"]).read(name))
        data[len(data) // 2] ^= 0xFF
        m["entries"][name]["sha256"] = hashlib.sha256(bytes(data)).hexdigest()

    resigned = _rewrite(world["package"], tmp_path / "ky_lai.tdkt", entries=flip,
                        manifest=rehash, sign_with=world["key"])
    _refused(world["province"], resigned, world["p_round"], "văn bản kèm theo “Tờ trình",
             "đã bị sửa", "mã băm SHA-256 không khớp nội dung")

    wrong_size = _rewrite(world["package"], tmp_path / "co.tdkt", sign_with=world["key"],
                          manifest=lambda m: _first_document(m).update(size=doc["size"] + 1))
    _refused(world["province"], wrong_size, world["p_round"], "văn bản kèm theo “Tờ trình",
             "kích thước không khớp")
