"""SQLAlchemy ORM (no Qt). Importing this package registers every table on ``Base.metadata``."""

from desktop.models.awards import AwardKind, AwardRecord, BaseSalary, ProvinceParameter
from desktop.models.base import Base, SyncMixin
from desktop.models.movements import Movement, MovementTarget
from desktop.models.org import Installation, Unit
from desktop.models.people import Discipline, Initiative, Person, Rating

SYNC_MODELS: tuple[type[SyncMixin], ...] = (
    Unit, Person, Rating, Discipline, Initiative, AwardKind, AwardRecord, Movement, MovementTarget,
)

__all__ = [
    "SYNC_MODELS",
    "AwardKind",
    "AwardRecord",
    "Base",
    "BaseSalary",
    "Discipline",
    "Initiative",
    "Installation",
    "Movement",
    "MovementTarget",
    "Person",
    "ProvinceParameter",
    "Rating",
    "SyncMixin",
    "Unit",
]
