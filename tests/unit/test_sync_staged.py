"""The import's set-based first arrival (``desktop/services/sync/staged.py``) against the
planner's record-by-record path: the same package imported both ways must leave the same
rows, the same shadows and the same counts, whatever the records hold. The package is the
demo's round, with lines added that only the planner may decide (text to tidy, escapes, a
tombstone, refused values, references that do not resolve, a zero fraction of a second…)."""

from __future__ import annotations

import hashlib
import json
import uuid as uuid_module
import zipfile
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from desktop.api.people import PersonInput
from desktop.api.sync import Action, Resolution, UpwardSelection
from desktop.domain.enums import Gender, RoundKind, UnitKind
from desktop.domain.errors import DomainError
from desktop.domain.vntext import is_clean_line
from desktop.models import Installation, Nomination
from desktop.services.demo import build_demo
from desktop.services.demo_round import build_demo_round
from desktop.services.rounds import RoundInput
from desktop.services.sync import keys
from desktop.services.sync import staged as staged_module
from desktop.services.sync.entities import BY_NAME, ENTITIES
from desktop.services.sync.importer import STAGED, Applier, key_of
from tests.unit.sync_world import Office, open_office, trust_sender

RECEIVER = ("Bộ phận nhận (kiểm thử)", "NHAN")


@pytest.fixture(scope="module")
def sent(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The small demo's round sent up, and its sender's signing key."""
    root = tmp_path_factory.mktemp("staged")
    sender = open_office(root, "Ủy ban nhân dân tỉnh Lai Châu", "LCH", UnitKind.PROVINCE,
                         parent=RECEIVER)
    build_demo(sender.services.db, "small")
    build_demo_round(sender.services.db, size=120)
    with sender.services.db.read() as s:
        round_id = s.scalars(select(Nomination.round_id).group_by(Nomination.round_id)
                             .order_by(func.count().desc()).limit(1)).one()
        ids = tuple(s.scalars(select(Nomination.id).where(Nomination.round_id == round_id)))
    plain = sender.services.sync.export_upward(
        UpwardSelection(round_id, ids, include_attachments=False, include_documents=False),
        root / "goc.tdkt").path
    with sender.services.db.read() as s:  # made with the first package
        signing_key = s.scalars(select(Installation.signing_key)).one()
    return plain, signing_key


@pytest.fixture(scope="module")
def package(sent: tuple[Path, str]) -> Path:
    """The demo's package with the tricky lines added, signed again by its sender."""
    plain, signing_key = sent
    return _with_lines(plain, plain.with_name("kho.tdkt"), signing_key, VARIANTS,
                       {"people": PEOPLE_VARIANTS, "nominations": NOMINATION_VARIANTS})


def _with_lines(source: Path, target: Path, signing_key: str,
                variants: list[tuple[str, Any]],
                extra: dict[str, list[tuple[str, Any]]] | None = None) -> Path:
    with zipfile.ZipFile(source) as zf:
        contents = {name: zf.read(name) for name in zf.namelist()}
    manifest = json.loads(contents["manifest.json"])
    per_entity = {"ratings": variants, "award_records": variants, "nomination_events": variants,
                  **(extra or {})}
    for entity, changes in per_entity.items():
        lines = contents[f"data/{entity}.jsonl"].decode().splitlines()
        if entity == "people":
            contents["data/people.jsonl"] = _people_lines(lines, changes)
        else:
            added = [_variant(json.loads(lines[i % len(lines)]), change)
                     for i, (_label, change) in enumerate(changes)]
            contents[f"data/{entity}.jsonl"] = ("\n".join(lines + added) + "\n").encode()
        manifest["counts"][entity] += len(changes)
    for name, entry in manifest["entries"].items():
        entry.update(sha256=hashlib.sha256(contents[name]).hexdigest(), size=len(contents[name]))
    contents["manifest.json"] = json.dumps(manifest, ensure_ascii=False).encode()
    signature = json.loads(contents["signature.json"])
    signature["signature"] = keys.sign(signing_key, contents["manifest.json"])
    contents["signature.json"] = json.dumps(signature).encode()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in contents.items():
            zf.writestr(name, data)
    return target


# Each changes a copy of a real line (with a new UUID) in one way.
VARIANTS: list[tuple[str, Any]] = [
    ("plain copy", None),
    ("double space in a text", ("text", "Ghi  chú của xã")),
    ("edge space", ("text", " có khoảng trắng đầu")),
    ("decomposed Vietnamese", ("text", "Nguye\u0302\u0303n")),
    ("escaped in the line", ("escaped", None)),
    ("a field written twice", ("twice", "giá trị sau")),
    ("a NUL written as an escape", ("nul", None)),
    ("tombstone", ("envelope", {"deleted": True})),
    ("zero fraction of a second", ("envelope", {"created_at": "2025-01-02T03:04:05.000000"})),
    ("no fraction at all", ("envelope", {"created_at": "2025-01-02T03:04:05"})),
    ("a later version", ("envelope", {"version": 7})),
    ("the envelope in another order", ("sorted", None)),
    ("year as a boolean", ("field", {"year": True})),
    ("negative amount", ("field", {"amount": -5})),
    ("unknown award kind", ("field", {"award_kind": "KHONG_CO"})),
    ("subject nowhere", ("field", {"person": str(uuid_module.uuid4()), "unit": None})),
    ("a field missing", ("drop", None)),
    ("an extra field", ("field", {"khong_co_cot": 1})),
    ("an impossible date", ("field", {"period_from": "2025-02-30", "registered_on": "2025-02-30"})),
    ("a date before year 1", ("field", {"period_from": "0000-01-01"})),
    ("a date without hyphens", ("field", {"period_from": "20250101"})),
    ("a control character", ("text", "xuống\u0007dòng")),
    ("too long", ("text", "x" * 300)),
    ("a no-break space", ("text", "Quyết\u00a0định")),
    ("a letter outside Latin", ("text", "Điện trở 5 Ω")),
    ("Vietnamese as stored", ("text", "Chủ tịch Ủy ban nhân dân tỉnh Lai Châu")),
]


# A person copied keeps the CCCD of the one it copies unless told otherwise: the planner
# keeps the first line holding a CCCD.
PEOPLE_VARIANTS: list[tuple[str, Any]] = [
    ("the same CCCD twice in one package", None),
    ("no CCCD, same name and birth date as one in the package", ("field", {"citizen_id": None})),
    ("a CCCD the planner tidies first", ("cccd", " {}")),
    ("a CCCD the planner tidies, after the one it copies", ("cccd", "{} ")),
    ("empty CCCD", ("field", {"citizen_id": ""})),
    ("a digit in the name", ("field", {"full_name": "Nguyễn Văn 2", "citizen_id": None})),
    ("one word of name", ("field", {"full_name": "Nguyễn", "citizen_id": None})),
    ("unknown ethnicity", ("field", {"ethnicity": "Không có", "citizen_id": None})),
    ("gender as its label", ("field", {"gender": "Nữ", "citizen_id": None})),
    ("unknown gender", ("field", {"gender": "khác", "citizen_id": None})),
    ("CCCD of the other gender", ("cccd", "flip")),
    ("born in the future", ("field", {"birth_date": "2999-01-01", "citizen_id": None})),
    ("born before 1900", ("field", {"birth_date": "1899-12-31", "citizen_id": None})),
    ("a decomposed name", ("field", {"full_name": "Nguye\u0302\u0303n Văn Sáu",
                                     "citizen_id": None})),
    ("no birth date", ("field", {"birth_date": None, "citizen_id": None})),
    ("same name and birth date as one here", ("field", {"full_name": "Lò Văn Mười",
                                                        "birth_date": "1970-07-07",
                                                        "citizen_id": None})),
    ("a tombstone", ("envelope", {"deleted": True})),
    ("a unit nowhere", ("field", {"unit": str(uuid_module.uuid4()), "citizen_id": None})),
]
# Where a person's variant goes besides first (``_people_lines``): right before the line it
# copies (the planner meets it first), or last, after the line it copies, taken set-based.
PLACED = {"a CCCD the planner tidies first": "before",
          "a CCCD the planner tidies, after the one it copies": "last"}
NOMINATION_VARIANTS: list[tuple[str, Any]] = [
    ("plain copy", None),
    ("status as its label", ("field", {"status": "Đã gửi"})),
    ("unknown status", ("field", {"status": "khong_co"})),
    ("a household unit nowhere", ("field", {"household_unit": str(uuid_module.uuid4())})),
    ("a proposing unit nowhere", ("field", {"proposing_unit": str(uuid_module.uuid4())})),
    ("a round nowhere (placed here anyway)", ("field", {"round": str(uuid_module.uuid4())})),
    ("a round that is not a reference", ("field", {"round": 5})),
    ("a position as text", ("field", {"position": "1"})),
    ("an eligibility too long", ("field", {"eligibility": "x" * 30})),
    ("a person nowhere", ("field", {"person": str(uuid_module.uuid4()), "unit": None})),
    ("a decided status note", ("field", {"status_note": "Đủ điều kiện"})),
]


def _people_lines(lines: list[str], changes: list[tuple[str, Any]]) -> bytes:
    """People's variants copy people with a CCCD and go first, before the line halfway that stops the set-based way for the rest
    of the entry (a CCCD the planner tidies first); one more comes last."""
    holders = [i for i, line in enumerate(lines) if json.loads(line)["fields"]["citizen_id"]]
    first = [_variant(json.loads(lines[holders[i % len(holders)]]), change)
             for i, (label, change) in enumerate(changes) if label not in PLACED]
    after_middle = next(i for i in holders if i > len(lines) // 2)
    lines = list(lines)
    lines[after_middle:after_middle] = [
        _variant(json.loads(lines[after_middle]), change) for label, change in changes
        if PLACED.get(label) == "before"]
    last = [_variant(json.loads(lines[holders[1]]), change) for label, change in changes
            if PLACED.get(label) == "last"]
    return ("\n".join(first + lines + last) + "\n").encode()


def _variant(record: dict[str, Any], change: Any) -> str:
    record = json.loads(json.dumps(record))
    if change == ("same uuid", None):  # a line written twice
        return json.dumps(record, ensure_ascii=False, separators=(",", ":"))
    record["uuid"] = str(uuid_module.uuid4())
    texts = [name for name in ("note", "issuer", "actor") if name in record["fields"]]
    if change is not None:
        kind, value = change
        if kind == "text":
            record["fields"][texts[0]] = value
        elif kind == "envelope":
            record.update(value)
        elif kind == "field":
            record["fields"].update({k: v for k, v in value.items()
                                     if k in record["fields"] or k == "khong_co_cot"})
        elif kind == "cccd":
            cid = record["fields"]["citizen_id"] or "001085000001"
            if value == "flip":  # the 4th digit says the other gender
                cid = cid[:3] + str(int(cid[3]) ^ 1) + cid[4:]
                record["fields"]["citizen_id"] = cid
            else:
                record["fields"]["citizen_id"] = value.format(cid)
        elif kind == "drop":
            record["fields"].pop(texts[0])
        elif kind == "twice":  # Python keeps the last value of a repeated key
            text = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
            assert text.endswith("}}")
            return text[:-2] + f',"{texts[0]}":"{value}"' + "}}"
        elif kind == "nul":  # an escape SQLite and Python read differently
            record["fields"][texts[0]] = "ab@@cd"
            return json.dumps(record, ensure_ascii=False).replace("@@", "\\u0000")
        elif kind == "sorted":  # another writer's key order: plain, not the exporter's
            return json.dumps(record, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        elif kind == "escaped":
            record["fields"][texts[0]] = "Trích “Quyết định”"
            return json.dumps(record)  # ensure_ascii: \u escapes the planner must read
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def _receive(root: Path, package: Path, *, staged: bool, monkeypatch: pytest.MonkeyPatch
             ) -> tuple[Office, dict[str, dict[Action, int]], dict[str, int]]:
    office = open_office(root, *RECEIVER, UnitKind.PROVINCE)
    trust_sender(office, package)
    unit = office.services.units.children(None)[0].id
    round_id = office.services.rounds.create(RoundInput("Nhận gói", 2026, RoundKind.YEAR_END,
                                                        office_unit_id=unit)).id
    # People here a package person may be: the same name and birth date (proposed, the
    # officer merges), the same CCCD (a conflict, the officer merges)
    office.services.people.create(PersonInput("Lò Văn Mười", Gender.MALE, unit,
                                              date(1970, 7, 7), "Thái"))
    with zipfile.ZipFile(package) as zf:
        people = [json.loads(line) for line in zf.read("data/people.jsonl").splitlines()]
    held = Counter((p["fields"]["citizen_id"] or "").strip() for p in people)
    holder = next(p for p in reversed(people) if p["fields"]["citizen_id"]
                  and held[p["fields"]["citizen_id"]] == 1)  # a person the variants leave alone
    f = holder["fields"]
    office.services.people.create(PersonInput(
        f["full_name"], f["gender"], unit, date.fromisoformat(f["birth_date"]), f["ethnicity"],
        f["citizen_id"]))
    merge = {key_of("people", p["uuid"]): Resolution.MERGE for p in people
             if p["uuid"] == holder["uuid"] or p["fields"]["full_name"] == "Lò Văn Mười"}
    written: list[tuple[str, int]] = []
    real_write = staged_module.StagedArrival.write

    def counting_write(self: staged_module.StagedArrival) -> int:
        written.append((self.spec.name, real_write(self)))
        return written[-1][1]

    with monkeypatch.context() as m:
        m.setattr(Applier, "staged_arrival", staged)
        m.setattr(staged_module.StagedArrival, "write", counting_write)
        preview = office.services.sync.preview(package, round_id, merge)
        report = office.services.sync.import_package(package, round_id, merge)
    assert report.counts == preview.counts  # what is written is what was shown
    assert sum(1 for item in preview.items if item.options) == 2
    return office, report.counts, dict(written)


def _rows(office: Office) -> dict[str, dict[str, tuple[Any, ...]]]:
    """Every travelling table's rows that came with the package, by UUID, references as the
    UUID they point at, without what differs between any two imports (row ids, the time of
    writing); and how many rows each receiver made itself (its office, round, history)."""
    uuids: dict[str, dict[int, str]] = {}
    out: dict[str, dict[str, tuple[Any, ...]]] = {}
    with office.services.db.read() as s:
        conn = s.connection()
        me = s.scalars(select(Installation.uuid)).one()
        for table in {spec.table.name for spec in ENTITIES}:  # the office's own: "own"
            uuids[table] = dict(conn.exec_driver_sql(
                f"SELECT id, CASE WHEN owner_uuid = ? THEN 'own' ELSE uuid END FROM \"{table}\"",
                (me,)).all())
        # each office seeds its own catalog: an award kind is known by its code
        uuids["award_kinds"] = dict(conn.exec_driver_sql("SELECT id, code FROM award_kinds").all())
        for spec in ENTITIES:
            table = spec.table
            names = [c.name for c in table.columns if c.name not in ("id", "updated_at")]
            refs = {c.name: next(iter(c.foreign_keys)).column.table.name
                    for c in table.columns if c.foreign_keys}
            rows = conn.exec_driver_sql(
                f'SELECT {", ".join(chr(34) + n + chr(34) for n in names)} FROM "{table.name}"')
            for row in rows:
                if row[names.index("owner_uuid")] == me:
                    out.setdefault("own rows", {})[spec.name] = (
                        out.get("own rows", {}).get(spec.name, (0,))[0] + 1,)
                    continue
                values = tuple(uuids[refs[n]].get(v) if n in refs and v is not None else v
                               for n, v in zip(names, row, strict=True))
                out.setdefault(spec.name, {})[row[names.index("uuid")]] = values
        out["sync_shadows"] = {f"{e}:{r}": (p, v, h) for e, r, p, v, h in conn.exec_driver_sql(
            "SELECT entity, record_uuid, peer_uuid, peer_version, content_hash FROM sync_shadows")}
    return out


def test_the_same_package_leaves_the_same_rows_both_ways(
        package: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    planner, planner_counts, none = _receive(tmp_path / "a", package, staged=False,
                                             monkeypatch=monkeypatch)
    staged, staged_counts, written = _receive(tmp_path / "b", package, staged=True,
                                              monkeypatch=monkeypatch)
    assert not none
    assert sum(written.values()) > 1000  # most records went the set-based way
    assert written["people"] > 20 and written["nominations"] > 100  # people: up to the middle
    assert planner_counts["people"][Action.IGNORED] >= 9  # the form's rules, duplicates
    assert planner_counts["nominations"][Action.IGNORED] >= 4
    assert staged_counts == planner_counts
    # the added lines were decided, not all taken: some new, some ignored with a reason
    assert planner_counts["ratings"][Action.IGNORED] >= 5
    ours, theirs = _rows(planner), _rows(staged)
    assert ours.keys() == theirs.keys()
    for table in ours:
        assert ours[table] == theirs[table], table
    new = sum(n for c in planner_counts.values() for a, n in c.items() if a is Action.NEW)
    assert len(ours["sync_shadows"]) >= new


@pytest.mark.parametrize(("change", "why"), [
    (("envelope", {"version": "2"}), "phiên bản không hợp lệ"),
    (("envelope", {"version": 0}), "phiên bản không hợp lệ"),
    (("envelope", {"version": 2**53}), "phiên bản không hợp lệ"),
    (("envelope", {"uuid": "01A23AB1-9481-7000-8000-0888789A4F05"}), "mã UUID không hợp lệ"),
    (("envelope", {"owner": 5}), "thiếu dấu xóa hoặc đơn vị sở hữu"),
    (("same uuid", None), "mã UUID trùng với một dòng trước đó của cùng mục"),
])
def test_a_refused_line_refuses_the_package_both_ways(
        sent: tuple[Path, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        change: tuple[str, Any], why: str) -> None:
    """An envelope the planner refuses, or a record written twice (after thousands of
    plainly new records were already written set-based), refuses the whole package with the
    same message, and nothing stays."""
    plain, signing_key = sent
    bad = _with_lines(plain, tmp_path / "hong.tdkt", signing_key,
                      [("plain copy", None), ("refused", change)])
    messages = []
    for staged in (False, True):
        office = open_office(tmp_path / str(staged), *RECEIVER, UnitKind.PROVINCE)
        trust_sender(office, bad)
        unit = office.services.units.children(None)[0].id
        round_id = office.services.rounds.create(RoundInput("Nhận gói", 2026, RoundKind.YEAR_END,
                                                            office_unit_id=unit)).id
        before = office.digest()
        with monkeypatch.context() as m:
            m.setattr(Applier, "staged_arrival", staged)
            with pytest.raises(DomainError) as info:
                office.services.sync.import_package(bad, round_id)
        messages.append(str(info.value))
        assert office.digest() == before
    assert messages[0] == messages[1]
    assert "data/ratings.jsonl dòng" in messages[1] and why in messages[1]


def test_printable_ascii_the_sql_passes_without_python_is_clean() -> None:
    """A text of printable ASCII with no space at an edge and no double space is taken in
    SQL without ``is_clean_line``: it must be what that function accepts."""
    chars = [chr(c) for c in range(0x20, 0x7F)]
    assert all(is_clean_line(f"a{x}{y}b") for x in chars for y in chars if x + y != "  ")
    assert not is_clean_line(" a") and not is_clean_line("a ") and not is_clean_line("a  b")


def test_only_plain_entities_go_the_set_based_way() -> None:
    """What others point at, what is matched, placed or decided above stays with the planner."""
    assert {"ratings", "award_records", "initiatives", "disciplines", "registrations",
            "nomination_events"} <= STAGED
    assert not STAGED & {"people", "units", "nominations", "attachments", "bloc_scores",
                         "bloc_members", "decisions", "rounds"}
    for name in STAGED:
        assert not BY_NAME[name].natural_key and not BY_NAME[name].upper_fields


def test_dates_and_seconds_checked_once_are_what_python_reads() -> None:
    """A date or the seconds of a time, checked once per distinct value: exactly the form
    the set-based way stores as it is, and only instants that exist."""
    assert staged_module._is_day("2024-02-29") and staged_module._is_day("0001-01-01")
    for day in ("2025-02-30", "2023-02-29", "0000-01-01", "20250101", "2025-1-01",
                "２０２５-01-01", "2025-01-01 ", 20250101, None):
        assert not staged_module._is_day(day), day
    assert staged_module._is_second("2025-01-02T03:04:05")
    for second in ("2025-02-30T03:04:05", "2025-01-02T24:00:00", "2025-01-02T23:59:60",
                   "2025-01-02 03:04:05", "2025-01-02T03:04", "0000-01-02T03:04:05", 5):
        assert not staged_module._is_second(second), second
