"""What the bloc services take and return: plain frozen dataclasses, never ORM objects.

They live in ``desktop.api.blocs`` (the typed boundary the windows import, free of SQL and
Qt); this module names them for the services, the command line and the tests.
"""

from __future__ import annotations

from desktop.api.blocs import (
    DEFAULT_TIE_RULES,
    AttachmentRow,
    BlocInput,
    BlocRow,
    CriteriaTable,
    CriterionInput,
    CriterionRow,
    FieldProblemRow,
    GroupScore,
    ImportResult,
    MemberInput,
    MemberRow,
    Number,
    ProposalLine,
    ProposalResult,
    RankedUnit,
    Ranking,
    RowProblem,
    ScoreCell,
    ScoreEntry,
    ScoreGrid,
    ScoreWriteResult,
    SheetEventRow,
    SheetRow,
    TableProblem,
    Tier,
    UnitTargetInput,
    UnitTargetRow,
    VoteInput,
    VoteRow,
)

__all__ = ["DEFAULT_TIE_RULES", "AttachmentRow", "BlocInput", "BlocRow", "CriteriaTable",
           "CriterionInput", "CriterionRow", "FieldProblemRow", "GroupScore", "ImportResult",
           "MemberInput", "MemberRow", "Number", "ProposalLine", "ProposalResult", "RankedUnit",
           "Ranking", "RowProblem", "ScoreCell", "ScoreEntry", "ScoreGrid", "ScoreWriteResult",
           "SheetEventRow", "SheetRow", "TableProblem", "Tier", "UnitTargetInput", "UnitTargetRow",
           "VoteInput", "VoteRow"]
