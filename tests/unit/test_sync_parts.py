"""A package cut into parts of at most N MB for email: it imports only when every part is
there, from any one of them, and a part that was damaged or belongs elsewhere is refused."""

from __future__ import annotations

import os
import shutil
import zipfile
from pathlib import Path

import pytest

from desktop.api.sync import UpwardSelection
from desktop.domain.enums import Gender, RoundKind, UnitKind
from desktop.domain.errors import DomainError
from desktop.services.rounds import RoundInput
from desktop.services.sync.parts import CHUNK_ENTRY, PART_ENTRY, part_info
from tests.unit.sync_world import PROVINCE, Office, commune_with_nominations, open_office


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    root = tmp_path_factory.mktemp("parts")
    commune, round_id, nominations = commune_with_nominations(
        root, "Ủy ban nhân dân xã Bình Lư", "XBL", [("Lò Văn Đức", Gender.MALE, None)])
    scan = root / "ban_chup_thanh_tich.pdf"
    scan.write_bytes(os.urandom(5 * 1024**2 // 2))  # 2.5 MB that does not compress
    commune.services.nominations.attach(nominations[0], scan, "Báo cáo thành tích (bản chụp)")
    out = root / "out"
    out.mkdir()
    result = commune.services.sync.export_upward(UpwardSelection(round_id), out / "goi.tdkt",
                                                 part_mb=1)
    province = open_office(root, *PROVINCE, UnitKind.PROVINCE)
    unit = province.services.units.children(None)[0].id
    p_round = province.services.rounds.create(RoundInput(
        "Khen thưởng năm 2026", 2026, RoundKind.YEAR_END, office_unit_id=unit)).id
    return {"result": result, "province": province, "round": p_round, "root": root}


def _copy(parts: list[Path], folder: Path) -> list[Path]:
    folder.mkdir()
    return [Path(shutil.copy(p, folder / p.name)) for p in parts]


def test_export_cuts_the_package_into_parts_of_at_most_n_mb(world: dict) -> None:
    result = world["result"]
    assert len(result.parts) == 3 and not result.path.exists()
    assert [p.name for p in result.parts] == [f"goi.phan-{n}-cua-3.tdkt" for n in (1, 2, 3)]
    assert all(p.stat().st_size <= 1024**2 for p in result.parts)
    infos = [part_info(p) for p in result.parts]
    assert [i.number for i in infos if i] == [1, 2, 3]
    assert sum(zipfile.ZipFile(p).getinfo(CHUNK_ENTRY).file_size for p in result.parts) \
        == result.size


def test_a_missing_part_is_named_and_nothing_changes(world: dict, tmp_path: Path) -> None:
    province: Office = world["province"]
    parts = _copy([world["result"].parts[0], world["result"].parts[2]], tmp_path / "thieu")
    before = province.digest()
    with pytest.raises(DomainError) as info:
        province.services.sync.inspect(parts[0])
    assert "gồm 3 phần" in str(info.value) and "còn thiếu phần 2" in str(info.value)
    assert province.digest() == before


def test_a_damaged_part_is_refused(world: dict, tmp_path: Path) -> None:
    province: Office = world["province"]
    parts = _copy(list(world["result"].parts), tmp_path / "hong")
    with zipfile.ZipFile(parts[1]) as zf:
        meta, chunk = zf.read(PART_ENTRY), bytearray(zf.read(CHUNK_ENTRY))
    chunk[1000] ^= 0xFF
    with zipfile.ZipFile(parts[1], "w") as zf:
        zf.writestr(PART_ENTRY, meta)
        zf.writestr(CHUNK_ENTRY, bytes(chunk))
    before = province.digest()
    with pytest.raises(DomainError) as info:
        province.services.sync.import_package(parts[0], world["round"])
    assert "không đúng gói ban đầu" in str(info.value)
    assert province.digest() == before


def test_all_parts_import_from_any_of_them_once(world: dict, tmp_path: Path) -> None:
    province: Office = world["province"]
    parts = _copy(list(world["result"].parts), tmp_path / "du")
    files = province.services.sync.package_files([parts[2], parts[0], parts[1]])
    assert files == [parts[2]]  # three files, one package
    header = province.services.sync.inspect(parts[2])
    assert header.path == parts[2] and header.sender_office_name == "Ủy ban nhân dân xã Bình Lư"
    province.services.sync.trust(header, header.fingerprint)
    report = province.services.sync.import_package(parts[2], world["round"])
    assert report.applied and report.counts["attachments"]
    again = province.services.sync.import_package(parts[1], world["round"])
    assert not again.applied and "đã được nhập" in again.message
