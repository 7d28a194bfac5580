"""Points as exact decimals with two places, read and written the Vietnamese way ("9,5").

The rules live in ``desktop.api.blocs`` (the windows format points too); this module names them
for the services.
"""

from __future__ import annotations

from desktop.api.blocs import (
    CENT,
    MAX_POINTS,
    ZERO,
    fmt_number,
    fmt_percent,
    fmt_points,
    quantize,
    to_points,
)

__all__ = ["CENT", "MAX_POINTS", "ZERO", "fmt_number", "fmt_percent", "fmt_points", "quantize",
           "to_points"]
