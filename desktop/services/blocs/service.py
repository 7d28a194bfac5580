"""``Services.blocs``: the one entry point to emulation blocs, with its parts as attributes.

Nothing of the bloc code is imported until it is first used: the app opens with the services
built, and the bloc modules (about 30 dataclasses and their rules) would otherwise cost start-up
time on every launch, even for officers who never open a bloc. Every call below is a plain
hand-over to the module that does the work (blocs.py for blocs and members).
"""

from __future__ import annotations

import builtins
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.services.database import Database

if TYPE_CHECKING:
    from desktop.services.blocs.blocs import BlocRegistry
    from desktop.services.blocs.criteria import CriteriaService
    from desktop.services.blocs.dto import BlocInput, BlocRow, MemberInput, MemberRow
    from desktop.services.blocs.excel import BlocExcelService
    from desktop.services.blocs.proposals import ProposalService
    from desktop.services.blocs.scoring import ScoringService
    from desktop.services.blocs.targets import TargetService
    from desktop.services.nominations import NominationService


class BlocService:
    """Blocs and members here; ``criteria``, ``targets``, ``scores``, ``proposals`` and
    ``excel`` for the rest (see ``desktop.services.blocs``)."""

    def __init__(self, db: Database, attachment_store: Path,
                 nominations: NominationService) -> None:
        self._db = db
        self._store = attachment_store
        self._nominations = nominations
        self._registry: BlocRegistry | None = None
        self._criteria: CriteriaService | None = None
        self._targets: TargetService | None = None
        self._scores: ScoringService | None = None
        self._proposals: ProposalService | None = None
        self._excel: BlocExcelService | None = None

    # -- the parts, made on first use ----------------------------------------------------------
    @property
    def registry(self) -> BlocRegistry:
        if self._registry is None:
            from desktop.services.blocs.blocs import BlocRegistry

            self._registry = BlocRegistry(self._db)
        return self._registry

    @property
    def criteria(self) -> CriteriaService:
        """The criteria tree of a bloc and its rules."""
        if self._criteria is None:
            from desktop.services.blocs.criteria import CriteriaService

            self._criteria = CriteriaService(self._db)
        return self._criteria

    @property
    def targets(self) -> TargetService:
        """Units' targets (chỉ tiêu) per year; a movement's appendix handed out to units."""
        if self._targets is None:
            from desktop.services.blocs.targets import TargetService

            self._targets = TargetService(self._db)
        return self._targets

    @property
    def scores(self) -> ScoringService:
        """Scores, evidence, sheets and their workflow, ranking, votes."""
        if self._scores is None:
            from desktop.services.blocs.scoring import ScoringService

            self._scores = ScoringService(self._db, self._store)
        return self._scores

    @property
    def proposals(self) -> ProposalService:
        """Nominations into an award round from a bloc's ranking."""
        if self._proposals is None:
            from desktop.services.blocs.proposals import ProposalService

            self._proposals = ProposalService(self._db, self._nominations)
        return self._proposals

    @property
    def excel(self) -> BlocExcelService:
        """Excel templates, imports and the printed score sheet (loads openpyxl)."""
        if self._excel is None:
            from desktop.services.blocs.excel import BlocExcelService

            self._excel = BlocExcelService(self._db)
        return self._excel

    # -- blocs and members -----------------------------------------------------------------------
    def list(self, year: int | None = None) -> list[BlocRow]:
        """Live blocs, newest year first, by name."""
        return self.registry.list(year)

    def get(self, bloc_id: int) -> BlocRow:
        return self.registry.get(bloc_id)

    def find(self, ref: str, year: int | None = None) -> BlocRow:
        """By ID ("3", "#3") or by name, accents and case ignored; ambiguous names refused."""
        return self.registry.find(ref, year)

    def create(self, data: BlocInput) -> BlocRow:
        return self.registry.create(data)

    def update(self, bloc_id: int, data: BlocInput, *,
               expected_version: int | None = None) -> BlocRow:
        """Refused to change total points or tie-break rules once a result is published, and
        when the bloc was saved by someone else since ``expected_version`` (StaleEditError)."""
        return self.registry.update(bloc_id, data, expected_version=expected_version)

    def delete(self, bloc_id: int) -> None:
        """To the trash; refused once a result is published."""
        self.registry.delete(bloc_id)

    def members(self, bloc_id: int) -> builtins.list[MemberRow]:
        """In the bloc's order (the scoring grid's columns), with each sheet's status."""
        return self.registry.members(bloc_id)

    def add_member(self, bloc_id: int, data: MemberInput) -> MemberRow:
        return self.registry.add_member(bloc_id, data)

    def update_member(self, bloc_id: int, data: MemberInput, *,
                      expected_version: int | None = None) -> MemberRow:
        return self.registry.update_member(bloc_id, data, expected_version=expected_version)

    def remove_member(self, bloc_id: int, unit_id: int) -> None:
        self.registry.remove_member(bloc_id, unit_id)

    def move_member(self, bloc_id: int, unit_id: int, position: int) -> builtins.list[MemberRow]:
        return self.registry.move_member(bloc_id, unit_id, position)

    def start_next_year(self, bloc_id: int, year: int | None = None,
                        name: str | None = None) -> BlocRow:
        """A copy for the next year: settings, members and criteria table, no scores."""
        return self.registry.start_next_year(bloc_id, year, name)
