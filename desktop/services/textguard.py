"""The one gate every stored text passes, whatever service wrote it.

Forms and imports check their fields with ``Problems.text`` (the field's own label, NFC,
whitespace). Some services store a note or a name with a bare ``.strip()``; a sync package or a
future service may forget the check altogether. So every flush also looks at each text column
of every new record and at each text column a change touched: control characters (NUL, BEL,
ESC…), bidirectional overrides and broken characters are refused with a ``ValidationError``
naming the field and the character (nothing is written: the unit of work rolls back), and
invisible zero-width characters are dropped. The rule itself is ``vntext.text_problem``, the
same one ``Problems.text`` applies.

Registered for every ``Session`` when this module is imported (``validation`` imports it, and
every writing service imports ``validation``). Core ``insert()`` statements (the demo data
generator) do not flush objects and are not seen; they write generated, known-clean text.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import String, event, inspect
from sqlalchemy.orm import Mapper, Session

from desktop.domain.errors import FieldProblem, ValidationError
from desktop.domain.vntext import INVISIBLE, drop_invisible, text_problem

# Bookkeeping of sync and of the installation: identifiers, hashes, keys, JSON; never typed.
_SKIPPED_TABLES = frozenset({"sync_packages", "sync_shadows", "sync_aliases", "trusted_senders"})
# Columns whose exact bytes matter (identifiers, hashes, keys, file names on disk): refused if
# they hold a control character, but never rewritten.
_VERBATIM = frozenset({"uuid", "owner_uuid", "sha256", "content_hash", "public_key",
                       "signing_key", "fingerprint", "file_name", "sort_key", "search_key"})

# How the officer knows each text column (the same words as the forms use).
_LABELS = {
    "full_name": "Họ và tên", "name": "Tên", "short_name": "Tên viết tắt", "code": "Mã",
    "address": "Địa chỉ", "position": "Chức vụ", "citizen_id": "Số CCCD",
    "ethnicity": "Dân tộc", "note": "Ghi chú", "issuer": "Cơ quan ban hành",
    "decision_number": "Số quyết định", "notation": "Ký hiệu", "signer_name": "Người ký",
    "signer_capacity": "Thẩm quyền ký", "subject_line": "Trích yếu", "title": "Tên",
    "theme": "Chủ đề", "indicator": "Chỉ tiêu", "measure_unit": "Đơn vị tính",
    "description": "Mô tả", "file_name": "Tên tệp", "household_name": "Tên hộ gia đình",
    "reason": "Lý do", "recognised_by": "Cơ quan công nhận",
    "achievement_summary": "Tóm tắt thành tích", "evidence_note": "Minh chứng, ghi chú",
    "status_note": "Ghi chú khi chuyển trạng thái", "pay_note": "Ghi chú tiền thưởng",
    "pledge_note": "Nội dung giao ước", "place": "Địa điểm", "chair": "Người chủ trì",
    "secretary": "Thư ký", "directive_number": "Số văn bản phát động", "legal_basis": "Căn cứ",
    "legal_article": "Điều, khoản", "office_name": "Tên cơ quan",
    "parent_office_name": "Cơ quan cấp trên", "parent_office_code": "Mã cơ quan cấp trên",
    "officer_name": "Tên cán bộ", "summary": "Tóm tắt", "basis": "Căn cứ",
    "actor": "Người thực hiện", "label": "Nhãn", "unit_code": "Mã đơn vị",
    "parent_code": "Mã nhóm cha",
}
_RECORDS = {
    "units": "đơn vị", "people": "cá nhân", "ratings": "xếp loại", "disciplines": "kỷ luật",
    "initiatives": "sáng kiến", "award_records": "khen thưởng đã có",
    "award_kinds": "danh hiệu, hình thức khen thưởng", "base_salaries": "mức lương cơ sở",
    "movements": "phong trào thi đua", "movement_targets": "chỉ tiêu phong trào",
    "rounds": "đợt xét", "registrations": "đăng ký thi đua",
    "nominations": "đề nghị khen thưởng", "nomination_events": "lịch sử đề nghị",
    "nomination_evidence": "minh chứng", "attachments": "tệp đính kèm",
    "council_meetings": "cuộc họp Hội đồng", "votes": "phiếu bầu", "decisions": "quyết định",
    "decision_lines": "dòng quyết định", "blocs": "khối, cụm", "bloc_members": "thành viên khối",
    "bloc_criteria": "tiêu chí", "unit_targets": "chỉ tiêu của đơn vị",
    "bloc_scores": "điểm thi đua", "bloc_score_sheets": "bảng điểm",
    "bloc_sheet_events": "lịch sử bảng điểm", "bloc_votes": "bình xét khối",
    "installation": "cơ quan dùng phần mềm",
}

_text_columns: dict[Mapper[Any], tuple[str, ...]] = {}


def _text_keys(mapper: Mapper[Any]) -> tuple[str, ...]:
    keys = _text_columns.get(mapper)
    if keys is None:
        table = getattr(mapper.local_table, "name", "")
        keys = () if table in _SKIPPED_TABLES else tuple(
            prop.key for prop in mapper.column_attrs
            if len(prop.columns) == 1 and isinstance(getattr(prop.columns[0], "type", None), String))
        _text_columns[mapper] = keys
    return keys


def field_label(table: str, key: str) -> str:
    """"Ghi chú (đợt xét)": the column as the officer knows it, and which record."""
    label = _LABELS.get(key, key)
    record = _RECORDS.get(table)
    return f"{label} ({record})" if record else label


@event.listens_for(Session, "before_flush")
def _guard_texts(session: Session, _ctx: object, _instances: object) -> None:
    problems: list[FieldProblem] = []
    for obj in (*session.new, *session.dirty):
        state = inspect(obj)
        keys = _text_keys(state.mapper)
        if not keys:
            continue
        # A changed record is judged on what changed: an old value (stored before this gate
        # existed) does not block an unrelated edit.
        changed = keys if state.key is None else [k for k in keys if k in state.committed_state]
        for key in changed:
            value = state.dict.get(key)
            if not isinstance(value, str) or not value:
                continue
            problem = text_problem(value)
            if problem is not None:
                table = getattr(state.mapper.local_table, "name", "")
                problems.append(FieldProblem(key, field_label(table, key), problem))
            elif key not in _VERBATIM and any(ch in value for ch in INVISIBLE):
                setattr(obj, key, drop_invisible(value))
    if problems:
        raise ValidationError(problems)
