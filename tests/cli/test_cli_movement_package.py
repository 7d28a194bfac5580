"""``tdkt package export --movement ID --to CODE``: the province sends a movement with the
commune's targets down; refusals exit 1 with a Vietnamese message and write nothing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from desktop.domain.enums import MovementKind, UnitKind
from desktop.services.movements import MovementInput, TargetInput
from desktop.services.units import UnitInput
from tests.cli.conftest import Cli
from tests.unit.sync_world import PROVINCE, open_office


def test_a_movement_goes_down_through_the_command_line(tmp_path: Path) -> None:
    province = open_office(tmp_path, *PROVINCE, UnitKind.PROVINCE)
    p = province.services
    root = p.units.children(None)[0].id
    xbl = p.units.create(UnitInput("Ủy ban nhân dân xã Bình Lư", "XBL", UnitKind.COMMUNE,
                                   root)).id
    movement = p.movements.create(MovementInput(
        "Phong trào thi đua “Dân vận khéo”", MovementKind.THEMATIC, 2026, "03/KH-UBND",
        date(2026, 2, 10), "UBND tỉnh Lai Châu",
        targets=[TargetInput("Số mô hình dân vận khéo", "mô hình", 5.0)])).id
    p.movements.figures.assign(movement, [xbl], 2026)
    p.close()
    commune = open_office(tmp_path, "Ủy ban nhân dân xã Bình Lư", "XBL", UnitKind.COMMUNE,
                          parent=PROVINCE)
    commune.services.close()
    tinh, xa = Cli(province.home), Cli(commune.home)

    missing = tinh.run("package", "export", "--movement", str(movement))
    assert missing.returncode == 1 and "--to" in missing.stderr
    assert "Traceback" not in missing.stderr
    out = tmp_path / "phong_trao.tdkt"
    written = tinh.ok("package", "export", "--movement", str(movement), "--to", "XBL",
                      "--out", str(out)).stdout
    assert "Phong trào thi đua gửi xuống" in written and out.exists()
    xa.ok("keys", "trust", str(out), "--fingerprint",
          tinh.ok("keys", "show", "--json").json()["fingerprint"])
    inspected = xa.ok("package", "inspect", str(out), "--json").json()
    assert inspected["movement"] == "Phong trào thi đua “Dân vận khéo”"
    xa.ok("package", "import", str(out))
    assert xa.count("movements") == 1 and xa.count("movement_targets") == 1
    assert xa.count("unit_targets") == 1
