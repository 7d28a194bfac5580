"""Rules of a criteria table and of a single score, as pure functions over plain nodes.

A table is a tree of groups → criteria → sub-criteria, each node named by a unique code
("I", "I.1", "I.1.a"). The rules, checked as a whole (an import, a sheet being submitted,
the editor's warning line) because a table is built one node at a time:

* Scored criteria (manual, target-based): a group's sub-criteria must add up to EXACTLY the
  group's maximum. We chose equality rather than "at most": a table whose parts do not add
  up is almost always a typing error, and equality lets a group's points be the plain sum
  of its parts. The top groups of scored criteria must add up to the bloc's total (100,
  1,000 …).
* Bonus and penalty points sit outside that total. A bonus or penalty node counts at most
  its limit (its maximum, or its cap when lower); its sub-items may add up to more (several
  achievements can each earn points) but the node never counts more than its limit, and no
  sub-item may be worth more than the limit of a node above it.
* A node of one section (scored, bonus, penalty) cannot sit under another section's group;
  only leaves are scored; a target-based criterion names its indicator and has a formula.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Protocol

from desktop.domain.enums import CriterionKind, TargetFormula
from desktop.services.blocs.dto import TableProblem, Tier
from desktop.services.blocs.formulas import tier_problems
from desktop.services.blocs.points import MAX_POINTS, ZERO, fmt_points

SCORED = frozenset({CriterionKind.MANUAL, CriterionKind.TARGET})
SECTION_LABEL = {CriterionKind.MANUAL: "tiêu chí chấm điểm", CriterionKind.BONUS: "điểm thưởng",
                 CriterionKind.PENALTY: "điểm trừ"}


class NodeLike(Protocol):
    """What the rules read of a node; ``CriterionRow`` has it all."""

    @property
    def code(self) -> str: ...
    @property
    def parent_code(self) -> str: ...
    @property
    def kind(self) -> CriterionKind: ...
    @property
    def max_points(self) -> Decimal: ...
    @property
    def cap(self) -> Decimal | None: ...
    @property
    def formula(self) -> TargetFormula | None: ...
    @property
    def tiers(self) -> tuple[Tier, ...]: ...
    @property
    def indicator(self) -> str: ...


def section(kind: CriterionKind) -> CriterionKind:
    """MANUAL for every scored kind; BONUS and PENALTY for themselves."""
    return CriterionKind.MANUAL if kind in SCORED else kind


def limit_of(node: NodeLike) -> Decimal:
    return node.max_points if node.cap is None else min(node.max_points, node.cap)


def children_of(nodes: Iterable[NodeLike]) -> dict[str, list[NodeLike]]:
    out: dict[str, list[NodeLike]] = defaultdict(list)
    for node in nodes:
        out[node.parent_code].append(node)
    return out


def node_problems(node: NodeLike) -> list[str]:
    """What is wrong with one node on its own (without looking at the rest of the table)."""
    out: list[str] = []
    if node.max_points <= 0:
        out.append("điểm tối đa phải lớn hơn 0")
    elif node.max_points > MAX_POINTS:
        out.append(f"điểm tối đa {fmt_points(node.max_points)} quá lớn")
    if node.cap is not None:
        if node.kind in SCORED:
            out.append("mức trần chỉ dùng cho điểm thưởng, điểm trừ")
        elif node.cap <= 0:
            out.append("mức trần phải lớn hơn 0")
    if node.kind is CriterionKind.TARGET:
        if not node.indicator.strip():
            out.append("tiêu chí theo chỉ tiêu phải ghi tên chỉ tiêu")
        if node.formula is None:
            out.append("tiêu chí theo chỉ tiêu phải chọn cách tính (theo tỷ lệ, theo mức, "
                       "đạt/không đạt)")
        elif node.formula is TargetFormula.TIERED:
            out.extend(tier_problems(node.tiers, node.max_points))
    elif node.formula is not None or node.tiers:
        out.append("cách tính chỉ dùng cho tiêu chí theo chỉ tiêu")
    return out


def check_table(nodes: Sequence[NodeLike], total_points: Decimal) -> list[TableProblem]:
    """Every inconsistency of a whole table, in table order (empty when it is usable)."""
    problems: list[TableProblem] = []
    by_code: dict[str, NodeLike] = {}
    for node in nodes:
        code = node.code.strip()
        if not code:
            problems.append(TableProblem("", f"có tiêu chí chưa có mã (“{node.code}”)"))
        elif code in by_code:
            problems.append(TableProblem(code, "mã bị trùng"))
        by_code[code] = node
        problems.extend(TableProblem(code, m) for m in node_problems(node))
    kids = children_of(nodes)
    for node in nodes:
        parent_code = node.parent_code
        if not parent_code:
            continue
        parent = by_code.get(parent_code)
        if parent is None:
            problems.append(TableProblem(node.code, f"không có nhóm cha mã “{parent_code}”"))
            continue
        if _cycles(node, by_code):
            problems.append(TableProblem(node.code, "nhóm cha vòng lặp (tiêu chí nằm trong "
                                                    "chính nó)"))
            continue
        if section(node.kind) is not section(parent.kind):
            problems.append(TableProblem(
                node.code, f"là {SECTION_LABEL[section(node.kind)]} nhưng nằm trong nhóm "
                           f"{parent.code} ({SECTION_LABEL[section(parent.kind)]})"))
    for node in nodes:
        children = kids.get(node.code, [])
        if not children:
            continue
        if node.kind is CriterionKind.TARGET:
            problems.append(TableProblem(node.code, "nhóm có tiêu chí con không tính theo chỉ "
                                                    "tiêu được; đặt chỉ tiêu ở tiêu chí con"))
        if node.kind in SCORED:
            total = sum((c.max_points for c in children), ZERO)
            if total != node.max_points:
                problems.append(TableProblem(
                    node.code, f"các tiêu chí con cộng lại {fmt_points(total)} điểm, khác "
                               f"điểm tối đa của nhóm ({fmt_points(node.max_points)} điểm)"))
        else:
            top = limit_of(node)
            for child in children:
                if child.max_points > top:
                    problems.append(TableProblem(
                        child.code, f"điểm tối đa {fmt_points(child.max_points)} vượt mức trần "
                                    f"{fmt_points(top)} của nhóm {node.code}"))
    scored_tops = [n for n in kids.get("", []) if n.kind in SCORED]
    if not scored_tops:
        problems.append(TableProblem("", "bảng chưa có nhóm tiêu chí chấm điểm nào"))
    else:
        total = sum((n.max_points for n in scored_tops), ZERO)
        if total != total_points:
            problems.append(TableProblem(
                "", f"các nhóm tiêu chí chấm điểm cộng lại {fmt_points(total)} điểm, khác tổng "
                    f"điểm của khối ({fmt_points(total_points)} điểm)"))
    return problems


def _cycles(node: NodeLike, by_code: dict[str, NodeLike]) -> bool:
    seen = {node.code}
    current = by_code.get(node.parent_code)
    while current is not None:
        if current.code in seen:
            return True
        seen.add(current.code)
        current = by_code.get(current.parent_code) if current.parent_code else None
    return False


def ancestors(node: NodeLike, by_code: Mapping[str, NodeLike]) -> list[NodeLike]:
    out = []
    current = by_code.get(node.parent_code) if node.parent_code else None
    while current is not None and current not in out:
        out.append(current)
        current = by_code.get(current.parent_code) if current.parent_code else None
    return out


def score_problem(node: NodeLike, value: Decimal | None, is_group: bool,
                  above: Sequence[NodeLike] = ()) -> str | None:
    """Why ``value`` cannot be a score of ``node`` (None when it can, or when it clears).

    ``above`` are the node's ancestors, whose caps also bound a bonus or penalty item.
    """
    if is_group:
        return "là nhóm tiêu chí: điểm được cộng từ các tiêu chí con, không nhập trực tiếp"
    if node.kind is CriterionKind.TARGET:
        return ("tính tự động từ chỉ tiêu của đơn vị; hãy nhập số liệu thực hiện chỉ tiêu "
                f"“{node.indicator}”")
    if value is None:
        return None
    if value < 0:
        if node.kind is CriterionKind.PENALTY:
            return "nhập số điểm bị trừ là số dương (không có dấu trừ)"
        return f"điểm {fmt_points(value)} không được âm"
    what = {CriterionKind.BONUS: "điểm thưởng", CriterionKind.PENALTY: "điểm trừ"}.get(
        node.kind, "điểm")
    if value > node.max_points:
        return f"{what} {fmt_points(value)} vượt điểm tối đa {fmt_points(node.max_points)}"
    if node.kind not in SCORED:
        if node.cap is not None and value > node.cap:
            return f"{what} {fmt_points(value)} vượt mức trần {fmt_points(node.cap)}"
        for parent in above:
            if value > limit_of(parent):
                return (f"{what} {fmt_points(value)} vượt mức trần {fmt_points(limit_of(parent))} "
                        f"của nhóm {parent.code}")
    return None
