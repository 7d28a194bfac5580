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


def test_bloc_packages_through_the_command_line(tmp_path: Path) -> None:
    """``--bloc ID --to CODE`` from the bloc's head, ``--bloc ID --up`` from a member."""
    from desktop.api.blocs import ScoreEntry
    from desktop.domain.enums import ScoreBasis, SheetStatus
    from desktop.paths import app_paths
    from desktop.services import Services
    from tests.unit.test_sync_blocs import MEMBER, head_with_bloc

    head, h = head_with_bloc(tmp_path)
    head.services.close()
    member = open_office(tmp_path, *MEMBER, UnitKind.AGENCY)
    member.services.close()
    khoi, so = Cli(head.home), Cli(member.home)

    refused = khoi.run("package", "export", "--bloc", str(h["bloc"]))
    assert refused.returncode == 1 and "--to" in refused.stderr and "--up" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert khoi.run("package", "export", "--round", "1", "--up").returncode == 1
    planned = khoi.ok("package", "export", "--bloc", str(h["bloc"]), "--to", "STC",
                      "--dry-run", "--json").json()
    assert planned["counts"]["bloc_criteria"] > 0 and planned["recipient"] == "Sở Tài chính"
    down = tmp_path / "khoi.tdkt"
    assert "Khối thi đua gửi xuống" in khoi.ok("package", "export", "--bloc", str(h["bloc"]),
                                                "--to", "STC", "--out", str(down)).stdout
    so.ok("keys", "trust", str(down), "--fingerprint", khoi.ok("keys", "show", "--json")
          .json()["fingerprint"])
    inspected = so.ok("package", "inspect", str(down), "--json").json()
    assert inspected["bloc"]["name"] == "Khối các cơ quan tổng hợp năm 2026"
    assert "Đã nhập:" in so.ok("package", "import", str(down)).stdout
    assert so.count("bloc_criteria") == khoi.count("bloc_criteria")

    before = _digest(so.db)
    early = so.run("package", "export", "--bloc", "1", "--up", "--out", str(tmp_path / "x"))
    assert early.returncode == 1 and "chưa gửi khối" in early.stderr
    assert _digest(so.db) == before
    paths = app_paths(member.home)
    services = Services.open(paths.default_database, paths)
    [bloc] = services.blocs.list()
    unit = next(m.unit_id for m in services.blocs.members(bloc.id) if m.unit_code == "STC")
    criterion = next(c.id for c in services.blocs.criteria.table(bloc.id).rows
                     if c.code == "II.1")
    services.blocs.scores.set_scores(bloc.id, [ScoreEntry(unit, criterion, ScoreBasis.SELF,
                                                          "24")])
    services.blocs.scores.transition(bloc.id, [unit], SheetStatus.SUBMITTED)
    services.close()
    up = tmp_path / "bang_diem.tdkt"
    so.ok("package", "export", "--bloc", str(bloc.id), "--up", "--out", str(up))
    khoi.ok("keys", "trust", str(up), "--fingerprint", so.ok("keys", "show", "--json")
            .json()["fingerprint"])
    done = khoi.ok("package", "import", str(up), "--json").json()
    assert done["packages"][0]["counts"]["bloc_scores"] == {"new": 1}
    assert done["packages"][0]["receipt"] == ""
    assert khoi.count("bloc_scores") == 1


def test_export_attaches_documents_and_inspect_lists_them(tmp_path: Path) -> None:
    """--attach adds the signed scan, the round's tờ trình and minutes are rendered (the
    council passed both nominations), --no-documents leaves them all out; ``package inspect``
    lists them as text and as JSON."""
    from tests.unit.test_sync_documents import council_passed

    commune, round_id, ids = commune_with_nominations(tmp_path, "Ủy ban nhân dân xã Bình Lư",
                                                      "XBL", [("Lò Văn Đức", Gender.MALE, None)])
    council_passed(commune, round_id, ids)
    commune.services.close()
    province = open_office(tmp_path, *PROVINCE, UnitKind.PROVINCE)
    province.services.close()
    xa, tinh = Cli(commune.home), Cli(province.home)
    scan = tmp_path / "To trinh 12 da ky.pdf"
    scan.write_bytes(b"%PDF-1.4 " + b"x" * 4000)

    package = tmp_path / "len.tdkt"
    out = xa.ok("package", "export", "--round", str(round_id), "--nomination", str(ids[0]),
                "--attach", str(scan), "--out", str(package))
    assert "Văn bản kèm theo:" in out.stdout and "To trinh 12 da ky.pdf" in out.stdout
    fingerprint = xa.ok("keys", "show", "--json").json()["fingerprint"]
    tinh.ok("keys", "trust", str(package), "--fingerprint", fingerprint)
    text = tinh.ok("package", "inspect", str(package)).stdout
    assert "Văn bản kèm theo:" in text
    assert "To trinh 12 da ky — To trinh 12 da ky.pdf" in text
    assert "Tờ trình đề nghị khen thưởng — Tờ trình - Đề nghị khen thưởng năm 2026" in text
    assert "Biên bản họp Hội đồng Thi đua - Khen thưởng ngày 20/11/2026" in text
    listed = tinh.ok("package", "inspect", str(package), "--json").json()["documents"]
    assert len(listed) == 3
    pdf = next(d for d in listed if d["file_name"] == scan.name)
    assert pdf["size"] == scan.stat().st_size
    assert pdf["sha256"] == hashlib.sha256(scan.read_bytes()).hexdigest()

    bare = xa.ok("package", "export", "--round", str(round_id), "--nomination", str(ids[0]),
                 "--no-documents", "--dry-run", "--json").json()
    assert bare["documents"] == [] and bare["warnings"] == []
    wrong = xa.run("package", "export", "--round", str(round_id), "--nomination", str(ids[0]),
                   "--attach", str(tmp_path), "--dry-run")
    assert wrong.returncode == 1 and "không phải một tệp thông thường" in wrong.stderr
    assert "Traceback" not in wrong.stderr


def test_decision_down_carries_its_document_and_the_scan(tmp_path: Path) -> None:
    """``--decision`` with ``--attach``: the decision, rendered, and the signed scan travel
    down; ``package inspect`` at the commune lists both; --no-documents leaves the decision
    document out."""
    from tests.unit.sync_world import province_signs_for_commune

    down = province_signs_for_commune(tmp_path, ["Lò Văn Đức"])
    down.province.services.close()
    down.commune.services.close()
    tinh, xa = Cli(down.province.home), Cli(down.commune.home)
    scan = tmp_path / "QD khen thuong da ky.pdf"
    scan.write_bytes(b"%PDF-1.4 " + b"q" * 3000)
    package = tmp_path / "xuong.tdkt"
    title = f"Quyết định khen thưởng số {down.decision_number}"
    out = tinh.ok("package", "export", "--decision", str(down.decision_id),
                  "--to", down.commune_uuid, "--attach", str(scan), "--out", str(package))
    assert title in out.stdout and scan.name in out.stdout

    fingerprint = tinh.ok("keys", "show", "--json").json()["fingerprint"]
    xa.ok("keys", "trust", str(package), "--fingerprint", fingerprint)
    text = xa.ok("package", "inspect", str(package)).stdout
    assert "Văn bản kèm theo:" in text and f"{title} — " in text
    assert f"QD khen thuong da ky — {scan.name}" in text
    listed = xa.ok("package", "inspect", str(package), "--json").json()["documents"]
    assert [d["title"] for d in listed] == [title, "QD khen thuong da ky"]
    assert listed[0]["file_name"].endswith(".docx")
    assert listed[1]["sha256"] == hashlib.sha256(scan.read_bytes()).hexdigest()

    bare = tinh.ok("package", "export", "--decision", str(down.decision_id), "--to",
                   down.commune_uuid, "--no-documents", "--dry-run", "--json").json()
    assert bare["documents"] == [] and bare["warnings"] == []
    refused = tinh.run("package", "export", "--bloc", "1", "--to", "XBL", "--no-documents",
                       "--dry-run")
    assert refused.returncode != 0 and "--decision (quyết định gửi xuống)" in refused.stderr
    assert "Traceback" not in refused.stderr


def test_an_open_conflict_is_named_and_the_proposals_taken_in_one_pass(tmp_path: Path) -> None:
    """Without ``--dry-run`` the command imports in one pass (no preview first). A conflict
    left open refuses the package and names the record with its ``--resolve`` choices (only
    those still open), the database untouched; ``--accept-defaults`` takes the proposed way
    for the rest and says what it did."""
    from datetime import date

    from desktop.services.people import PersonInput
    from tests.unit.sync_world import export_up, trust_sender

    both = [("Vàng Văn Páo", Gender.MALE, "011085000123"), ("Lò Văn Sinh", Gender.MALE,
                                                              "011085000456")]
    commune, round_id, _ = commune_with_nominations(tmp_path, "Ủy ban nhân dân xã Bản Bo", "XBB",
                                                    both)
    package = export_up(commune, round_id, tmp_path / "len_xbb")
    commune.services.close()
    province = open_office(tmp_path, *PROVINCE, UnitKind.PROVINCE)
    p = province.services
    root = p.units.children(None)[0].id
    for name, gender, cccd in both:  # the province knows both under its own records
        p.people.create(PersonInput(name, gender, root, date(1985, 3, 2), "Thái", cccd))
    p_round = p.rounds.create(RoundInput("Khen thưởng năm 2026", 2026, RoundKind.YEAR_END,
                                         office_unit_id=root)).id
    trust_sender(province, package)
    p.close()
    tinh = Cli(province.home)

    before = _digest(tinh.db)
    refused = tinh.run("package", "import", str(package), "--round", str(p_round))
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert "Còn 2 xung đột" in refused.stderr
    assert "Vàng Văn Páo" in refused.stderr and "Lò Văn Sinh" in refused.stderr
    assert refused.stderr.count("--resolve people:") == 2 and "=merge|skip" in refused.stderr
    assert _digest(tinh.db) == before

    dry = tinh.ok("package", "import", str(package), "--round", str(p_round), "--dry-run",
                  "--json").json()
    pao = next(i["uuid"] for i in dry["packages"][0]["items"]
               if i["entity"] == "people" and i["label"].startswith("Vàng Văn Páo"))
    one_left = tinh.run("package", "import", str(package), "--round", str(p_round),
                        "--resolve", f"people:{pao}=skip")
    assert one_left.returncode == 1 and "Còn 1 xung đột" in one_left.stderr
    assert "Lò Văn Sinh" in one_left.stderr and "Vàng Văn Páo" not in one_left.stderr
    assert _digest(tinh.db) == before

    done = tinh.ok("package", "import", str(package), "--round", str(p_round),
                   "--resolve", f"people:{pao}=skip", "--accept-defaults", "--json").json()
    entry = done["packages"][0]
    assert entry["applied"] is True
    assert [(i["entity"], i["action"]) for i in entry["items"] if i["entity"] == "people"] == [
        ("people", "conflict"), ("people", "conflict")]
    assert tinh.count("people") == 2  # Sinh merged into ours as proposed, Páo not taken
    assert tinh.count("nominations") == 1  # Páo's nomination had nobody to point at
