"""First start: say which office this installation is, and load the shipped catalog; who the
officer using it is (self-declared, recorded as the actor of every status change)."""

from __future__ import annotations

from sqlalchemy import select

from desktop.api.installation import OFFICER_NAME_MAX
from desktop.domain.enums import UNIT_KIND_LEVEL, UnitKind
from desktop.domain.errors import ConflictError
from desktop.models import Installation, Unit
from desktop.services.catalog import load_shipped_catalog
from desktop.services.database import Database, InstallationInfo
from desktop.services.units import UnitInput, UnitService
from desktop.services.validation import Problems


class SetupService:
    def __init__(self, db: Database) -> None:
        self._db = db

    @property
    def is_configured(self) -> bool:
        return self._db.installation is not None

    def configure(self, office_unit: UnitInput | int, *, parent_office_name: str = "",
                  parent_office_code: str = "", officer_name: str = "") -> InstallationInfo:
        """Record this office (creating its unit if given as input) and load the catalog."""
        if self._db.installation is not None:
            raise ConflictError(
                f"Cơ sở dữ liệu này đã được thiết lập cho “{self._db.installation.office_name}”."
            )
        p = Problems()
        parent_name = p.text(parent_office_name, "parent_office_name", "Cơ quan cấp trên")
        parent_code = p.text(parent_office_code, "parent_office_code", "Mã cơ quan cấp trên",
                             max_length=50)
        officer = _officer(p, officer_name)
        p.raise_if_any()
        # The installation row comes first so that the office's own unit is owned by it.
        with self._db.session() as s:
            s.add(Installation(office_name="", level="", parent_office_name=parent_name,
                               parent_office_code=parent_code, officer_name=officer))
        self._db.refresh_installation()
        try:
            units = UnitService(self._db)
            unit = units.create(office_unit) if isinstance(office_unit, UnitInput) \
                else units.get(office_unit)
        except Exception:
            with self._db.session() as s:
                for row in s.scalars(select(Installation)):
                    s.delete(row)
            self._db.refresh_installation()
            raise
        with self._db.session() as s:
            installation = s.scalars(select(Installation)).one()
            installation.office_name = unit.name
            installation.level = UNIT_KIND_LEVEL[UnitKind(unit.kind)].value
            installation.unit_id = unit.id
            load_shipped_catalog(s)
        info = self._db.refresh_installation()
        assert info is not None
        return info

    def check_officer_name(self, name: str) -> str:
        """The name as it would be stored; ValidationError (field "officer_name") if refused."""
        p = Problems()
        officer = _officer(p, name)
        p.raise_if_any()
        return officer

    def set_officer_name(self, name: str) -> InstallationInfo:
        """Record who uses this installation ("" clears it): every later status change names
        them as its actor. Self-declared: nothing verifies it, and histories say so."""
        officer = self.check_officer_name(name)
        if self._db.installation is None:
            raise ConflictError("Cơ sở dữ liệu chưa được thiết lập cơ quan sử dụng; hãy thiết "
                                "lập trước khi khai báo tên cán bộ.")
        with self._db.session() as s:
            installation = s.scalars(select(Installation).order_by(Installation.id)).first()
            if installation is None:
                raise ConflictError("Cơ sở dữ liệu chưa được thiết lập cơ quan sử dụng.")
            installation.officer_name = officer
        info = self._db.refresh_installation()
        assert info is not None
        return info

    def office_unit_name(self) -> str:
        info = self._db.installation
        if info is None or info.unit_id is None:
            return ""
        with self._db.read() as s:
            return s.scalar(select(Unit.name).where(Unit.id == info.unit_id)) or ""


def _officer(p: Problems, name: str) -> str:
    return p.text(name, "officer_name", "Tên cán bộ sử dụng phần mềm",
                  max_length=OFFICER_NAME_MAX)
