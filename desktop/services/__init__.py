"""Use cases (no Qt). The GUI and the ``tdkt`` CLI both call these and nothing below them."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from desktop.paths import AppPaths
from desktop.services.blocs import BlocService
from desktop.services.catalog import CatalogService
from desktop.services.council import CouncilService
from desktop.services.database import Database
from desktop.services.decisions import DecisionService
from desktop.services.documents import DocumentService
from desktop.services.eligibility import EligibilityService
from desktop.services.excel import ExcelService
from desktop.services.movements import MovementService
from desktop.services.nominations import NominationService
from desktop.services.overview import OverviewService
from desktop.services.people import PersonService
from desktop.services.positions import PositionService
from desktop.services.records import (
    AwardHistoryService,
    DisciplineService,
    InitiativeService,
    RatingService,
)
from desktop.services.reports import ReportService
from desktop.services.reports.saved import FILE_NAME as SAVED_REPORTS_FILE
from desktop.services.rounds import RegistrationService, RoundService
from desktop.services.setup import SetupService
from desktop.services.sync import SyncService
from desktop.services.trash import TrashService
from desktop.services.unit_year import UnitYearService
from desktop.services.units import UnitService


@dataclass
class Services:
    """Everything a window or a command needs, built once over one open database."""

    db: Database
    paths: AppPaths
    setup: SetupService
    units: UnitService
    people: PersonService
    ratings: RatingService
    disciplines: DisciplineService
    initiatives: InitiativeService
    awards: AwardHistoryService
    catalog: CatalogService
    movements: MovementService
    trash: TrashService
    rounds: RoundService
    registrations: RegistrationService
    nominations: NominationService
    eligibility: EligibilityService
    council: CouncilService
    decisions: DecisionService
    documents: DocumentService
    blocs: BlocService
    sync: SyncService
    positions: PositionService
    unit_year: UnitYearService

    @classmethod
    def open(cls, target: str | Path, paths: AppPaths, *, create: bool = True) -> Services:
        db = Database.open(target, backup_dir=paths.backups, create=create)
        nominations = NominationService(db, paths.attachments)
        council, decisions = CouncilService(db, nominations), DecisionService(db)
        blocs = BlocService(db, paths.attachments, nominations)
        documents = DocumentService(db, paths.templates, nominations, council, decisions, blocs)
        return cls(db, paths, SetupService(db), UnitService(db), PersonService(db),
                   RatingService(db), DisciplineService(db), InitiativeService(db),
                   AwardHistoryService(db), CatalogService(db), MovementService(db),
                   TrashService(db), RoundService(db), RegistrationService(db), nominations,
                   EligibilityService(db), council, decisions, documents,
                   blocs, SyncService(db, paths, documents), PositionService(db),
                   UnitYearService(db))

    @cached_property
    def excel(self) -> ExcelService:
        """Excel templates, imports (dry run, apply) and exports of every list."""
        return ExcelService(self.db, self.nominations, self.eligibility, self.decisions)

    @cached_property
    def reports(self) -> ReportService:
        """Reports and statistics; saved report definitions in the user's data folder."""
        return ReportService(self.db, self.paths.data / SAVED_REPORTS_FILE)

    @cached_property
    def overview(self) -> OverviewService:
        """The overview page's figures (SQL counts and sums) and the reasons left to check."""
        return OverviewService(self.db, self.eligibility, self.paths.backups)

    def close(self) -> None:
        self.db.close()
