"""The nomination workflow: which status may follow which, and which need a reason."""

from __future__ import annotations

from desktop.domain.enums import NominationStatus as S

TRANSITIONS: dict[S, frozenset[S]] = {
    S.DRAFT: frozenset({S.SUBMITTED}),
    S.SUBMITTED: frozenset({S.RECEIVED, S.RETURNED}),
    S.RECEIVED: frozenset({S.ELIGIBLE, S.INELIGIBLE, S.RETURNED}),
    S.ELIGIBLE: frozenset({S.VOTED, S.REJECTED, S.INELIGIBLE, S.RETURNED}),
    S.INELIGIBLE: frozenset({S.ELIGIBLE, S.RETURNED, S.REJECTED}),
    S.VOTED: frozenset({S.AWARDED, S.REJECTED}),
    S.RETURNED: frozenset({S.DRAFT, S.SUBMITTED}),
    S.REJECTED: frozenset(),
    S.AWARDED: frozenset(),
}


NEEDS_REASON = frozenset({S.RETURNED, S.REJECTED, S.INELIGIBLE})


# Content can be edited (and the nomination deleted) only while it is a draft; a returned
# nomination goes back to draft through the workflow first, so its history shows why.
EDITABLE = frozenset({S.DRAFT})


def transition_problem(current: S, target: S, note: str) -> str | None:
    """Why ``current`` → ``target`` is refused, in Vietnamese; None when it is allowed."""
    if target not in TRANSITIONS[current]:
        allowed = ", ".join(s.label for s in S if s in TRANSITIONS[current]) or "không có"
        return (f"không thể chuyển từ “{current.label}” sang “{target.label}” "
                f"(có thể chuyển sang: {allowed})")
    if target in NEEDS_REASON and not note.strip():
        return f"chuyển sang “{target.label}” phải ghi rõ lý do"
    return None
