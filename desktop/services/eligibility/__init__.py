"""Eligibility engine: facts gathered in bulk, rules as data, every condition explained."""

from __future__ import annotations

import gc

from sqlalchemy import Table, bindparam, select, update

from desktop.domain.errors import NotFoundError
from desktop.domain.progress import CancelToken, ProgressFn, no_progress
from desktop.models import Nomination
from desktop.services.database import Database
from desktop.services.eligibility.loader import load_round_facts
from desktop.services.eligibility.rules import EligibilityResult, evaluate

BATCH = 2_000


class EligibilityService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def check_round(self, round_id: int, *, progress: ProgressFn = no_progress,
                    cancel: CancelToken | None = None, save: bool = True,
                    only_ids: set[int] | None = None) -> list[EligibilityResult]:
        """Check every nomination of a round (or ``only_ids``) and remember each overall
        status for the list's icons. The status column is a cache of derived data: it does not
        bump record versions and does not travel in packages."""
        progress(0, 1, "Đang đọc dữ liệu lịch sử…")
        # Hundreds of thousands of small, short-lived objects: the cyclic collector would
        # otherwise walk them again and again (it cost more than the rules themselves).
        collecting = gc.isenabled()
        gc.disable()
        try:
            with self._db.read() as s:
                facts = load_round_facts(s, round_id, only_ids)
            results: list[EligibilityResult] = []
            for start in range(0, len(facts), BATCH):
                if cancel is not None:
                    cancel.raise_if_cancelled()
                results.extend(evaluate(f) for f in facts[start:start + BATCH])
                progress(len(results), len(facts), "Đang kiểm tra điều kiện…")
        finally:
            if collecting:
                gc.enable()
        if save and results:
            self._save(round_id, results)
        return results

    def _save(self, round_id: int, results: list[EligibilityResult]) -> None:
        """Write changed overall statuses only; updated_at is kept as it was (a cache)."""
        table = Nomination.__table__
        assert isinstance(table, Table)  # a mapped class's table, typed as any FromClause
        with self._db.session() as s:
            conn = s.connection()
            before: dict[int, str | None] = dict(conn.execute(select(table.c.id, table.c.eligibility)
                                       .where(table.c.round_id == round_id)).all())
            changed = [{"nid": r.nomination_id, "new_status": r.status.value} for r in results
                       if before.get(r.nomination_id) != r.status.value]
            if changed:
                conn.execute(update(table).where(table.c.id == bindparam("nid"))
                             .values(eligibility=bindparam("new_status"),
                                     updated_at=table.c.updated_at), changed)

    def check(self, round_id: int, nomination_id: int) -> EligibilityResult:
        results = self.check_round(round_id, only_ids={nomination_id})
        if not results:
            raise NotFoundError(f"Không tìm thấy đề nghị khen thưởng (mã {nomination_id}).")
        return results[0]


__all__ = ["EligibilityResult", "EligibilityService"]
