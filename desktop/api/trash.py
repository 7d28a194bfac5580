"""The recycle bin: what was deleted and can be restored."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

KIND_LABELS = {
    "unit": "Đơn vị",
    "person": "Cá nhân",
    "movement": "Phong trào thi đua",
    "award_record": "Khen thưởng",
    "round": "Đợt xét khen thưởng",
    "nomination": "Đề nghị khen thưởng",
}


@dataclass(frozen=True)
class TrashItem:
    kind: str
    id: int
    label: str
    detail: str
    deleted_at: datetime

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]
