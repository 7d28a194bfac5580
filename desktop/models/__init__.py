"""SQLAlchemy ORM (no Qt). Importing this package registers every table on ``Base.metadata``."""

from desktop.models.awards import AwardKind, AwardRecord, BaseSalary, ProvinceParameter
from desktop.models.base import Base, SyncMixin
from desktop.models.blocs import (
    Bloc,
    BlocMember,
    BlocScore,
    BlocScoreAttachment,
    BlocScoreSheet,
    BlocSheetEvent,
    BlocVote,
    Criterion,
    UnitTarget,
)
from desktop.models.movements import Movement, MovementTarget
from desktop.models.org import Installation, Unit
from desktop.models.people import Discipline, Initiative, Person, PersonPosition, Rating
from desktop.models.rounds import (
    Attachment,
    CouncilMeeting,
    Decision,
    DecisionLine,
    Nomination,
    NominationEvent,
    NominationEvidence,
    Registration,
    Round,
    Vote,
)
from desktop.models.sync import SyncAlias, SyncPackage, SyncShadow, TrustedSender

SYNC_MODELS: tuple[type[SyncMixin], ...] = (
    Unit, Person, Rating, Discipline, Initiative, AwardKind, AwardRecord, Movement, MovementTarget,
    Round, Registration, Nomination, NominationEvent, NominationEvidence, Attachment,
    CouncilMeeting, Vote, Decision, DecisionLine,
    Bloc, BlocMember, Criterion, UnitTarget, BlocScore, BlocScoreAttachment, BlocScoreSheet,
    BlocSheetEvent, BlocVote,
)

__all__ = [
    "SYNC_MODELS",
    "Attachment",
    "AwardKind",
    "AwardRecord",
    "Base",
    "BaseSalary",
    "Bloc",
    "BlocMember",
    "BlocScore",
    "BlocScoreAttachment",
    "BlocScoreSheet",
    "BlocSheetEvent",
    "BlocVote",
    "CouncilMeeting",
    "Criterion",
    "Decision",
    "DecisionLine",
    "Discipline",
    "Initiative",
    "Installation",
    "Movement",
    "MovementTarget",
    "Nomination",
    "NominationEvent",
    "NominationEvidence",
    "Person",
    "PersonPosition",
    "ProvinceParameter",
    "Rating",
    "Registration",
    "Round",
    "SyncAlias",
    "SyncMixin",
    "SyncPackage",
    "SyncShadow",
    "TrustedSender",
    "Unit",
    "UnitTarget",
    "Vote",
]
