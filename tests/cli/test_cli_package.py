"""``tdkt package`` and ``tdkt keys`` as real processes: export from a commune, trust and
preview at the province, import, receipt back; refusals exit 1 with a Vietnamese message."""

from __future__ import annotations

import hashlib
from pathlib import Path

from desktop.domain.enums import Gender, RoundKind, UnitKind
from desktop.services.rounds import RoundInput
from tests.cli.conftest import Cli
from tests.unit.sync_world import PROVINCE, commune_with_nominations, open_office


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_package_round_trip_through_the_command_line(tmp_path: Path) -> None:
    commune, round_id, _ = commune_with_nominations(tmp_path, "Ủy ban nhân dân xã Bình Lư",
                                                    "XBL", [("Lò Văn Đức", Gender.MALE, None)])
    commune.services.close()
    province = open_office(tmp_path, *PROVINCE, UnitKind.PROVINCE)
    root = province.services.units.children(None)[0].id
    p_round = province.services.rounds.create(RoundInput("Khen thưởng năm 2026", 2026,
                                                         RoundKind.YEAR_END,
                                                         office_unit_id=root)).id
    province.services.close()
    xa, tinh = Cli(commune.home), Cli(province.home)

    planned = xa.ok("package", "export", "--round", str(round_id), "--dry-run", "--json").json()
    assert planned["counts"]["nominations"] == 1 and planned["recipient"] == PROVINCE[0]
    package = tmp_path / "len.tdkt"
    out = xa.ok("package", "export", "--round", str(round_id), "--out", str(package))
    assert "Đã ghi" in out.stdout and package.exists()
    fingerprint = xa.ok("keys", "show", "--json").json()["fingerprint"]

    before = _digest(tinh.db)
    refused = tinh.run("package", "import", str(package), "--round", str(p_round))
    assert refused.returncode == 1, refused
    assert "chưa được tin cậy" in refused.stderr and fingerprint in refused.stderr
    assert "Traceback" not in refused.stderr and "Lỗi không mong muốn" not in refused.stderr
    assert _digest(tinh.db) == before
    wrong = tinh.run("keys", "trust", str(package), "--fingerprint", "0000-0000-0000-0000")
    assert wrong.returncode == 1 and "không khớp" in wrong.stderr

    tinh.ok("keys", "trust", str(package), "--fingerprint", fingerprint.lower())
    inspected = tinh.ok("package", "inspect", str(package), "--json").json()
    assert inspected["trust"] == "trusted" and inspected["counts"]["nominations"] == 1
    dry = tinh.ok("package", "import", str(package), "--round", str(p_round), "--dry-run",
                  "--json").json()
    assert dry["packages"][0]["counts"]["nominations"] == {"new": 1}
    assert tinh.count("nominations") == 0
    done = tinh.ok("package", "import", str(package), "--round", str(p_round),
                   "--receipt-dir", str(tmp_path / "bien_nhan"))
    assert "Đã nhập:" in done.stdout
    assert tinh.count("nominations") == 1
    again = tinh.ok("package", "import", str(package), "--round", str(p_round))
    assert "đã được nhập" in again.stdout and tinh.count("nominations") == 1

    receipt = next((tmp_path / "bien_nhan").glob("*.tdkt"))
    province_fp = tinh.ok("keys", "show", "--json").json()["fingerprint"]
    xa.ok("keys", "trust", str(receipt), "--fingerprint", province_fp)
    xa.ok("package", "import", str(receipt))
    history = xa.ok("package", "history", "--json").json()
    sent = next(h for h in history if h["direction"] == "sent")
    assert sent["acknowledged_at"] is not None
    statuses = xa.ok("nominations", "list", str(round_id), "--json").json()
    assert {n["status"] for n in statuses["nominations"]} == {"da_tiep_nhan"}


def test_a_damaged_file_exits_1_and_says_so(tmp_path: Path) -> None:
    province = open_office(tmp_path, *PROVINCE, UnitKind.PROVINCE)
    province.services.close()
    tinh = Cli(province.home)
    junk = tmp_path / "hong.tdkt"
    junk.write_bytes(b"not a zip at all")
    result = tinh.run("package", "import", str(junk))
    assert result.returncode == 1
    assert "không phải gói dữ liệu TĐKT" in result.stderr and "Traceback" not in result.stderr


def test_many_packages_one_summary_parts_and_a_receipt_again(tmp_path: Path) -> None:
    """Two communes' packages (one cut into parts) and a damaged file in one command: each
    package in its own transaction, the damaged one named, one summary over all of them."""
    import os

    first, round_a, noms = commune_with_nominations(tmp_path, "Ủy ban nhân dân xã Bình Lư",
                                                    "XBL", [("Lò Văn Đức", Gender.MALE, None)])
    scan = tmp_path / "ban_chup.pdf"
    scan.write_bytes(os.urandom(3 * 1024**2 // 2))
    first.services.nominations.attach(noms[0], scan, "Bản chụp báo cáo thành tích")
    second, round_b, _ = commune_with_nominations(tmp_path, "Ủy ban nhân dân xã Khun Há",
                                                  "XKH", [("Giàng Thị Mai", Gender.FEMALE, None)])
    for office in (first, second):
        office.services.close()
    province = open_office(tmp_path, *PROVINCE, UnitKind.PROVINCE)
    root = province.services.units.children(None)[0].id
    p_round = province.services.rounds.create(RoundInput("Khen thưởng năm 2026", 2026,
                                                         RoundKind.YEAR_END,
                                                         office_unit_id=root)).id
    province.services.close()
    inbox = tmp_path / "hop_thu"
    inbox.mkdir()
    split = Cli(first.home).ok("package", "export", "--round", str(round_a), "--part-mb", "1",
                               "--out", str(inbox / "xbl.tdkt"), "--json").json()
    assert len(split["parts"]) == 2
    Cli(second.home).ok("package", "export", "--round", str(round_b),
                        "--out", str(inbox / "xkh.tdkt"))
    (inbox / "hong.tdkt").write_bytes(b"not a zip at all")
    tinh = Cli(province.home)
    for name in ("xbl.phan-1-cua-2.tdkt", "xkh.tdkt"):
        fingerprint = tinh.ok("package", "inspect", str(inbox / name), "--json").json()[
            "sender"]["fingerprint"]
        tinh.ok("keys", "trust", str(inbox / name), "--fingerprint", fingerprint)

    files = sorted(str(p) for p in inbox.glob("*.tdkt"))  # both parts, as a shell glob gives
    result = tinh.run("package", "import", *files, "--round", str(p_round))
    assert result.returncode == 1  # the damaged file
    assert "hong.tdkt" in result.stderr and "không phải gói dữ liệu TĐKT" in result.stderr
    assert "TỔNG CỘNG 3 gói: đã nhập 2, không có gì mới 0, bị từ chối 1." in result.stdout
    assert tinh.count("nominations") == 2

    receipts = tmp_path / "bien_nhan_lai"
    again = tinh.ok("package", "receipt", str(inbox / "xkh.tdkt"), "--out", str(receipts))
    assert "Đã ghi biên nhận" in again.stdout and len(list(receipts.glob("*.tdkt"))) == 1
