"""Benchmark: a Quyết định khen thưởng with a 1,000-row attached list.

    .venv/bin/python bench/documents.py [--rows 1000] [--runs 5]

Builds a throw-away commune with 1,000 nominations in one decision, then times, as the median
of N runs of each taken in turn (app, plain, app, plain…):
  * the app's whole path: ``DocumentService.render`` (template check, context read from the
    database and priced, sandboxed render, atomic write);
  * plain docxtpl on the same template with the same context (render + save), the baseline.
Goal (issue 4): app ≤ 1.5 s and ≤ 1.2 × plain docxtpl.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from docxtpl import DocxTemplate  # noqa: E402

from desktop.domain.enums import Gender, NominationStatus, RoundKind, UnitKind  # noqa: E402
from desktop.paths import app_paths  # noqa: E402
from desktop.services import Services  # noqa: E402
from desktop.services.decisions import DecisionInput  # noqa: E402
from desktop.services.nominations import NominationInput  # noqa: E402
from desktop.services.people import PersonInput  # noqa: E402
from desktop.services.records import Subject  # noqa: E402
from desktop.services.rounds import RoundInput  # noqa: E402
from desktop.services.units import UnitInput  # noqa: E402

SURNAMES = ["Nguyễn", "Lò", "Tòng", "Vàng", "Giàng", "Lường", "Hoàng", "Trần"]
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Thanh", "Ngọc", "Quang"]
GIVEN = ["Đức", "Hường", "Sùng", "Mai", "Pấng", "Xuân", "Thắng", "Lan", "Hùng", "Tuấn", "Hoa",
         "Dũng", "Hằng", "Phương", "Sơn", "Thủy", "Nam", "Yến", "Quý", "Chiến"]


def build(services: Services, rows: int) -> int:
    services.setup.configure(UnitInput("UBND xã Bình Lư", "BL", UnitKind.COMMUNE),
                             parent_office_name="UBND tỉnh Lai Châu")
    root = services.units.children(None)[0].id
    school = services.units.create(UnitInput("Trường Tiểu học Bình Lư", "THBL",
                                             UnitKind.SCHOOL, root)).id
    round_id = services.rounds.create(RoundInput("Xét khen thưởng năm 2026", 2026,
                                                 RoundKind.YEAR_END, office_unit_id=root)).id
    ids = []
    for i in range(rows):
        surname, rest = divmod(i, len(MIDDLE) * len(GIVEN))
        middle, given = divmod(rest, len(GIVEN))
        name = f"{SURNAMES[surname % len(SURNAMES)]} {MIDDLE[middle]} {GIVEN[given]}"
        person = services.people.create(PersonInput(name, Gender.MALE if i % 2 else
                                                    Gender.FEMALE, school,
                                                    position="Giáo viên")).id
        ids.append(services.nominations.create(NominationInput(
            round_id, Subject(person_id=person), "GIAY_KHEN")).id)
    for status in (NominationStatus.SUBMITTED, NominationStatus.RECEIVED,
                   NominationStatus.ELIGIBLE, NominationStatus.VOTED):
        services.nominations.transition(ids, status)
    return services.decisions.create(DecisionInput(round_id, "Chủ tịch UBND xã Bình Lư"),
                                     ids).id


def interleaved(first, second, runs: int) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """Median seconds of each, the two run in turn (first, second, first, …) so that a busy
    moment of the machine falls on both alike."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(runs):
        for fn, bucket in ((first, times[0]), (second, times[1])):
            started = time.perf_counter()
            fn()
            bucket.append(time.perf_counter() - started)
    return statistics.median(times[0]), statistics.median(times[1])


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        paths = app_paths(Path(tmp) / "home").ensure()
        services = Services.open(paths.default_database, paths)
        started = time.perf_counter()
        decision_id = build(services, args.rows)
        print(f"built {args.rows} nominations in {time.perf_counter() - started:.1f} s",
              file=sys.stderr)
        docs = services.documents
        template = docs.info("quyet_dinh").path
        context = docs.context("quyet_dinh", decision_id)
        out = Path(tmp) / "out"
        out.mkdir()

        def app() -> None:
            docs.render("quyet_dinh", decision_id, out / "app.docx")

        def plain() -> None:
            document = DocxTemplate(template)
            document.render(context, autoescape=True)
            document.save(out / "plain.docx")

        app()  # warm both paths (imports, caches) before timing
        plain()
        app_s, plain_s = interleaved(app, plain, args.runs)
        services.close()
    ratio = app_s / plain_s
    print("| Measure | Result | Goal |\n|---|---|---|")
    print(f"| Decision with {args.rows:,} rows, app render (check + data + write) | "
          f"{app_s * 1000:.0f} ms | ≤ 1,500 ms |")
    print(f"| Same template and context, plain docxtpl | {plain_s * 1000:.0f} ms | — |")
    print(f"| Ratio app / plain docxtpl | {ratio:.2f}× | ≤ 1.20× |")
    return 0 if app_s <= 1.5 and ratio <= 1.2 else 1


if __name__ == "__main__":
    raise SystemExit(main())
