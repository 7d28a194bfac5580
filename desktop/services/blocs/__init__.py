"""Emulation blocs and clusters (khối, cụm thi đua): criteria tables, targets, scoring,
ranking, proposals into award rounds, and their Excel files.

One entry point, ``Services.blocs`` (a ``BlocService``), with its parts as attributes:

* ``blocs.list/get/find/create/update/delete``, members, ``start_next_year`` (service.py,
  done by blocs.py);
* ``blocs.criteria`` — the criteria tree and its rules (criteria.py, tree.py);
* ``blocs.targets`` — units' targets (chỉ tiêu), movement appendix assignment (targets.py);
* ``blocs.scores`` — scores, sheets and their workflow, ranking, votes (scoring.py);
* ``blocs.proposals`` — nominations from the ranking (proposals.py);
* ``blocs.excel`` — templates, imports, the printed score sheet (excel.py).

Everything taken and returned is a frozen dataclass of ``desktop.api.blocs`` (the typed
boundary the windows import; ``dto`` names them here), which also holds the pure helpers the
windows use (points, tiers as text, tie-break labels, the sheet workflow); the rules themselves
(``formulas``, ``tree``, ``ranking``) are pure functions of plain data. The parts are imported
on first use, so opening the app does not load them.
"""

from __future__ import annotations

from desktop.services.blocs.service import BlocService

__all__ = ["BlocService"]
