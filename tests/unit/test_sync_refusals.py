"""Every package the receiver must refuse: a clear Vietnamese message naming what is wrong,
and the receiving database byte for byte as before."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.api.sync import Action, UpwardSelection
from desktop.domain.enums import Gender, RoundKind, UnitKind
from desktop.domain.errors import DomainError
from desktop.models import Installation
from desktop.services.rounds import RoundInput
from desktop.services.sync import keys
from tests.unit.sync_world import (
    PROVINCE,
    Office,
    commune_with_nominations,
    open_office,
    trust_sender,
)


@pytest.fixture(scope="module")
def offices(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    root = tmp_path_factory.mktemp("offices")
    province = open_office(root, *PROVINCE, UnitKind.PROVINCE)
    commune, round_id, _ = commune_with_nominations(root, "Ủy ban nhân dân xã Bình Lư", "XBL", [
        ("Lò Văn Đức", Gender.MALE, None)])
    package = commune.services.sync.export_upward(UpwardSelection(round_id), root / "len").path
    trust_sender(province, package)
    root_unit = province.services.units.children(None)[0].id
    p_round = province.services.rounds.create(RoundInput("Khen thưởng năm 2026", 2026,
                                                         RoundKind.YEAR_END,
                                                         office_unit_id=root_unit)).id
    with commune.services.db.read() as s:
        signing_key = s.scalars(select(Installation.signing_key)).one()
    return {"province": province, "commune": commune, "package": package, "round": p_round,
            "key": signing_key, "root": root}


def _rewrite(source: Path, target: Path, *, manifest: Callable[[dict], None] | None = None,
             entries: Callable[[dict[str, bytes]], None] | None = None,
             sign_with: str | None = None) -> Path:
    """A copy of a package with its manifest and/or entries changed (re-signed if asked)."""
    with zipfile.ZipFile(source) as zf:
        contents = {name: zf.read(name) for name in zf.namelist()}
    if entries:
        entries(contents)
    if manifest:
        data = json.loads(contents["manifest.json"])
        manifest(data)
        contents["manifest.json"] = json.dumps(data).encode()
        if sign_with:
            sig = json.loads(contents["signature.json"])
            sig["signature"] = keys.sign(sign_with, contents["manifest.json"])
            contents["signature.json"] = json.dumps(sig).encode()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in contents.items():
            zf.writestr(name, data)
    return target


def _refused(office: Office, package: Path, round_id: int, *expected: str) -> None:
    before = office.digest()
    for attempt in (lambda: office.services.sync.inspect(package),
                    lambda: office.services.sync.import_package(package, round_id)):
        with pytest.raises(DomainError) as info:
            attempt()
        for text in expected:
            assert text in str(info.value)
    assert office.digest() == before


def test_tampered_data_line_under_a_valid_manifest(offices: dict, tmp_path: Path) -> None:
    def edit(contents: dict[str, bytes]) -> None:
        contents["data/people.jsonl"] = contents["data/people.jsonl"].replace(
            "Lò Văn Đức".encode(), "Lò Văn Đứa".encode())
    bad = _rewrite(offices["package"], tmp_path / "sua.tdkt", entries=edit)
    _refused(offices["province"], bad, offices["round"], "data/people.jsonl", "đã bị sửa")


def test_a_manifest_changed_after_signing(offices: dict, tmp_path: Path) -> None:
    bad = _rewrite(offices["package"], tmp_path / "ky.tdkt",
                   manifest=lambda m: m["sender"].update(office_name="UBND tỉnh (giả)"))
    _refused(offices["province"], bad, offices["round"], "chữ ký của gói không hợp lệ")


def test_package_for_another_recipient(offices: dict, tmp_path: Path) -> None:
    other = open_office(tmp_path, "Ủy ban nhân dân tỉnh Điện Biên", "DBN", UnitKind.PROVINCE)
    _refused(other, offices["package"], None, "Ủy ban nhân dân tỉnh Lai Châu",
             "không phải cho “Ủy ban nhân dân tỉnh Điện Biên”")


def test_newer_format_is_refused_even_when_signed(offices: dict, tmp_path: Path) -> None:
    newer = _rewrite(offices["package"], tmp_path / "moi.tdkt",
                     manifest=lambda m: m.update(format_version=2), sign_with=offices["key"])
    _refused(offices["province"], newer, offices["round"], "phiên bản phần mềm mới hơn",
             "cập nhật phần mềm")


def test_revoked_key(offices: dict, tmp_path: Path) -> None:
    province: Office = offices["province"]
    row = next(r for r in province.services.sync.trusted_senders()
               if r.office_name == "Ủy ban nhân dân xã Bình Lư")
    province.services.sync.revoke(row.id)
    try:
        _refused(province, offices["package"], offices["round"], "đã bị thu hồi",
                 row.fingerprint)
    finally:  # the module's other tests expect a trusted sender
        with province.services.db.session() as s:
            from desktop.models import TrustedSender
            s.get(TrustedSender, row.id).revoked_at = None


def test_zip_bomb(offices: dict, tmp_path: Path) -> None:
    bomb = tmp_path / "bom.tdkt"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("manifest.json", "{}")
        zf.writestr("signature.json", "{}")
        zf.writestr("data/people.jsonl", b"\n" * (300 * 1024 * 1024))
    assert bomb.stat().st_size < 2 * 1024 * 1024
    _refused(offices["province"], bomb, offices["round"], "bom nén")


@pytest.mark.parametrize("name", ["../../evil.txt", "data/../../evil.txt", "/etc/evil",
                                  "data\\..\\evil", "C:/evil.txt"])
def test_path_traversal(offices: dict, tmp_path: Path, name: str) -> None:
    bad = _rewrite(offices["package"], tmp_path / "duongdan.tdkt",
                   entries=lambda c: c.update({name: b"x"}))
    _refused(offices["province"], bad, offices["round"], "bị từ chối")
    assert not (tmp_path / "evil.txt").exists()


def test_not_a_package_at_all(offices: dict, tmp_path: Path) -> None:
    junk = tmp_path / "baocao.tdkt"
    junk.write_bytes(b"PK\x03\x04 this is not a zip")
    _refused(offices["province"], junk, offices["round"], "không phải gói dữ liệu TĐKT")
    nested = _rewrite(offices["package"], tmp_path / "long.tdkt",
                      entries=lambda c: c.update({"files/khac.zip": b"PK"}))
    _refused(offices["province"], nested, offices["round"], "tệp nén lồng")


def test_a_genuine_package_still_imports_after_all_that(offices: dict) -> None:
    report = offices["province"].services.sync.import_package(offices["package"],
                                                               offices["round"])
    assert report.applied and report.counts["nominations"] == {Action.NEW: 1}
