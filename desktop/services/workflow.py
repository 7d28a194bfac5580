"""The nomination status workflow as data: which moves are allowed and which need a reason."""

from __future__ import annotations

from desktop.api.workflow import EDITABLE as EDITABLE
from desktop.api.workflow import NEEDS_REASON as NEEDS_REASON
from desktop.api.workflow import TRANSITIONS as TRANSITIONS
from desktop.api.workflow import transition_problem as transition_problem


