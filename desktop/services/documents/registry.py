"""What each shipped template is for and which fields it may use, with Vietnamese descriptions.

The field list is the contract between the context builders (which must provide exactly these
fields; a test checks it) and the templates an officer edits in Word (the checker refuses a field
that is not declared here, so a typo is reported instead of printing a blank)."""

from __future__ import annotations

from desktop.api.documents import ContextKind as ContextKind
from desktop.api.documents import FieldSpec as FieldSpec
from desktop.api.documents import TemplateSpec as TemplateSpec
from desktop.api.documents import field_rows as field_rows


def _f(name: str, description: str, *items: FieldSpec, block: str = "tr",
       var: str = "") -> FieldSpec:
    return FieldSpec(name, description, tuple(items), block, var)


HEADER_FIELDS: tuple[FieldSpec, ...] = (
    _f("co_quan_cap_tren", "Tên cơ quan cấp trên, in hoa (dòng trên cùng bên trái, không đậm)"),
    _f("co_quan", "Tên cơ quan ban hành, in hoa (đậm, dưới tên cơ quan cấp trên)"),
    _f("so_ky_hieu", "Số và ký hiệu văn bản, ví dụ 05/QĐ-UBND (để trống số nếu chưa cấp)"),
    _f("dia_danh", "Địa danh ghi trên văn bản, ví dụ Lai Châu"),
    _f("ngay_thang", "Ngày tháng năm viết đầy đủ: ngày 05 tháng 01 năm 2026"),
    _f("dia_danh_ngay", "Dòng địa danh và ngày tháng: Lai Châu, ngày 05 tháng 01 năm 2026"),
    _f("nam", "Năm của đợt, phong trào hoặc quyết định"),
)
SIGNATURE_FIELDS: tuple[FieldSpec, ...] = (
    _f("quyen_han_ky", "Dòng thẩm quyền ký (KT. CHỦ TỊCH, TM. ỦY BAN NHÂN DÂN); trống nếu "
                       "người đứng đầu ký"),
    _f("chuc_vu_ky", "Chức vụ người ký, in hoa (CHỦ TỊCH, PHÓ CHỦ TỊCH)"),
    _f("nguoi_ky", "Họ và tên người ký"),
    _f("noi_nhan", "Các dòng nơi nhận, mỗi dòng một nơi", _f("dong", "Một dòng nơi nhận"),
       block="p", var="n"),
)
LIST_ROW = (
    _f("stt", "Số thứ tự"),
    _f("ten", "Họ và tên cá nhân hoặc tên tập thể, hộ gia đình"),
    _f("chi_tiet", "Chức vụ, đơn vị công tác (cá nhân) hoặc đơn vị cấp trên (tập thể)"),
    _f("hinh_thuc", "Danh hiệu hoặc hình thức khen thưởng"),
    _f("he_so", "Hệ số tiền thưởng so với mức lương cơ sở"),
    _f("so_tien", "Số tiền thưởng, viết theo kiểu 7.590.000"),
    _f("ghi_chu", "Ghi chú (ví dụ: không chi tiền do đã nhận mức cao hơn)"),
    _f("thanh_tich", "Tóm tắt thành tích"),
)
GROUPS = _f("nhom", "Danh sách chia nhóm I. Tập thể / II. Cá nhân / III. Hộ gia đình",
            _f("tieu_de", "Tên nhóm: I. TẬP THỂ, II. CÁ NHÂN, III. HỘ GIA ĐÌNH"),
            _f("so_luong", "Số tập thể, cá nhân hoặc hộ trong nhóm"),
            _f("tong_tien", "Tổng tiền thưởng của nhóm"),
            _f("dong", "Các dòng của nhóm", *LIST_ROW))
GROUP_COUNTS = (
    _f("so_tap_the", "Số tập thể"),
    _f("so_ca_nhan", "Số cá nhân"),
    _f("so_ho_gia_dinh", "Số hộ gia đình"),
    _f("tom_tat_so_luong", "Số lượng viết gộp: 02 tập thể và 15 cá nhân"),
)
MONEY = (
    _f("muc_luong_co_so", "Mức lương cơ sở áp dụng: 2.340.000"),
    _f("tong_tien", "Tổng số tiền thưởng: 7.590.000"),
    _f("tong_tien_chu", "Tổng số tiền bằng chữ: Bảy triệu năm trăm chín mươi nghìn đồng"),
)
HISTORY = (
    _f("danh_hieu", "Các danh hiệu thi đua đã đạt",
       _f("nam", "Năm"), _f("ten", "Danh hiệu"), _f("so_quyet_dinh", "Số, ngày quyết định"),
       _f("co_quan", "Cơ quan ban hành")),
    _f("khen_thuong", "Các hình thức khen thưởng đã nhận",
       _f("nam", "Năm"), _f("ten", "Hình thức khen thưởng"),
       _f("so_quyet_dinh", "Số, ngày quyết định"), _f("co_quan", "Cơ quan ban hành")),
)
CERTIFICATE_ROW = (
    _f("ten", "Họ và tên hoặc tên tập thể (in trên bằng)"),
    _f("chi_tiet", "Chức vụ, đơn vị"),
    _f("hinh_thuc", "Hình thức khen thưởng"),
)


def _certificate(key: str, name: str, authority: str) -> TemplateSpec:
    """A print sheet laid on the pre-printed certificate paper, one page per recipient."""
    return TemplateSpec(
        key, f"In {name} (mỗi người một trang)", ContextKind.DECISION,
        f"Trang in lên phôi {name} cho từng tập thể, cá nhân của quyết định.",
        (*HEADER_FIELDS, *SIGNATURE_FIELDS,
         _f("tham_quyen", f"Dòng thẩm quyền: {authority}"),
         _f("thanh_tich", "Câu thành tích"),
         _f("ds", "Những người, tập thể được tặng (mỗi người một trang)", *CERTIFICATE_ROW,
            block="p", var="c")))


TEMPLATES: tuple[TemplateSpec, ...] = (
    TemplateSpec(
        "to_trinh", "Tờ trình đề nghị khen thưởng", ContextKind.ROUND,
        "Tờ trình gửi cấp trên kèm danh sách đề nghị, chia nhóm tập thể, cá nhân, hộ gia đình.",
        (*HEADER_FIELDS, *SIGNATURE_FIELDS, *GROUP_COUNTS,
         _f("trich_yeu", "Trích yếu: Về việc đề nghị tặng …"),
         _f("kinh_gui", "Nơi nhận tờ trình (Kính gửi: …)"),
         _f("ten_dot", "Tên đợt xét khen thưởng"),
         _f("can_cu", "Các dòng căn cứ", _f("dong", "Một dòng căn cứ"), block="p", var="c"),
         _f("hop_hoi_dong", "Câu về cuộc họp Hội đồng và kết quả biểu quyết"),
         _f("tong_so", "Tổng số đề nghị"),
         _f("theo_hinh_thuc", "Số lượng theo từng hình thức",
            _f("hinh_thuc", "Hình thức"), _f("so_luong", "Số lượng"), block="p", var="h"),
         GROUPS)),
    TemplateSpec(
        "quyet_dinh", "Quyết định khen thưởng", ContextKind.DECISION,
        "Quyết định kèm danh sách I. Tập thể / II. Cá nhân / III. Hộ gia đình và tiền thưởng.",
        (*HEADER_FIELDS, *SIGNATURE_FIELDS, *GROUP_COUNTS, *MONEY,
         _f("trich_yeu", "Trích yếu: Về việc tặng …"),
         _f("tham_quyen", "Dòng thẩm quyền ban hành: CHỦ TỊCH ỦY BAN NHÂN DÂN …"),
         _f("can_cu", "Các dòng căn cứ", _f("dong", "Một dòng căn cứ"), block="p", var="c"),
         _f("theo_de_nghi", "Theo đề nghị của …"),
         _f("hinh_thuc", "Tên hình thức khen thưởng (Giấy khen, Bằng khen …)"),
         _f("thanh_tich", "Câu thành tích ở Điều 1"),
         _f("chi_tu_quy", "Nguồn chi tiền thưởng"),
         _f("ngay_ky", "Ngày ký quyết định viết đầy đủ"),
         _f("tang", "Nội dung Điều 1 theo từng hình thức: Tặng danh hiệu “Lao động tiên tiến” "
                    "cho 03 cá nhân; tặng Giấy khen cho 01 tập thể và 02 cá nhân"),
         _f("du_thao", "“(Dự thảo)” khi quyết định chưa ký; trống khi đã ký"),
         _f("khen", "Danh sách chia theo hình thức khen thưởng (mỗi hình thức một đề mục)",
            _f("tieu_de", "Đề mục: I. DANH HIỆU “LAO ĐỘNG TIÊN TIẾN”, II. GIẤY KHEN"),
            _f("so_luong", "Số trường hợp của hình thức"),
            _f("tom_tat", "Số lượng viết gộp: 01 tập thể và 02 cá nhân"),
            _f("tong_tien", "Tổng tiền thưởng của hình thức"),
            _f("nhom", "Các nhóm 1. Tập thể / 2. Cá nhân / 3. Hộ gia đình của hình thức",
               _f("tieu_de", "Tên nhóm: 1. Tập thể, 2. Cá nhân, 3. Hộ gia đình"),
               _f("so_luong", "Số tập thể, cá nhân hoặc hộ trong nhóm"),
               _f("tong_tien", "Tổng tiền thưởng của nhóm"),
               _f("dong", "Các dòng của nhóm", *LIST_ROW))),
         GROUPS)),
    TemplateSpec(
        "bien_ban_hoi_dong", "Biên bản họp Hội đồng Thi đua - Khen thưởng", ContextKind.MEETING,
        "Thành phần, số thành viên có mặt, kết quả bỏ phiếu từng trường hợp (đồng ý / tổng số "
        "thành viên, %).",
        (*HEADER_FIELDS,
         _f("ten_dot", "Tên đợt xét khen thưởng"),
         _f("ngay_hop", "Ngày họp viết đầy đủ"),
         _f("dia_diem", "Địa điểm họp"),
         _f("chu_tri", "Họ tên người chủ trì"),
         _f("thu_ky", "Họ tên thư ký"),
         _f("tong_thanh_vien", "Tổng số thành viên Hội đồng"),
         _f("co_mat", "Số thành viên có mặt"),
         _f("vang", "Số thành viên vắng"),
         _f("so_dat", "Số trường hợp đạt tỷ lệ phiếu"),
         _f("so_khong_dat", "Số trường hợp không đạt"),
         _f("can_cu_ty_le", "Căn cứ của tỷ lệ phiếu (điều khoản), trong ngoặc; trống nếu "
            "không có"),
         _f("ket_qua", "Kết quả bỏ phiếu từng trường hợp",
            _f("stt", "Số thứ tự"), _f("ten", "Tên cá nhân, tập thể"),
            _f("hinh_thuc", "Hình thức đề nghị"), _f("dong_y", "Số phiếu đồng ý"),
            _f("tong_so", "Tổng số thành viên Hội đồng"), _f("ty_le", "Tỷ lệ: 88,9%"),
            _f("ket_luan", "Đạt hoặc Không đạt")))),
    TemplateSpec(
        "bao_cao_thanh_tich_ca_nhan", "Báo cáo thành tích cá nhân", ContextKind.NOMINATION,
        "Báo cáo thành tích của một cá nhân: I. Sơ lược lý lịch, II. Thành tích, III. Các "
        "hình thức đã được khen thưởng.",
        (*HEADER_FIELDS,
         _f("hinh_thuc_de_nghi", "Hình thức đề nghị khen thưởng"),
         _f("ho_ten", "Họ và tên"), _f("gioi_tinh", "Giới tính"), _f("ngay_sinh", "Ngày sinh"),
         _f("dan_toc", "Dân tộc"), _f("chuc_vu", "Chức vụ"), _f("don_vi", "Đơn vị công tác"),
         _f("giai_doan", "Thời gian lập thành tích"),
         _f("thanh_tich", "Tóm tắt thành tích đạt được"),
         _f("sang_kien", "Sáng kiến đã được công nhận",
            _f("nam", "Năm"), _f("ten", "Tên sáng kiến"), _f("pham_vi", "Phạm vi ảnh hưởng"),
            _f("so_quyet_dinh", "Số, ngày quyết định công nhận")),
         *HISTORY),
        per_subject=True, subjects=("ca_nhan",)),
    TemplateSpec(
        "bao_cao_thanh_tich_tap_the", "Báo cáo thành tích tập thể", ContextKind.NOMINATION,
        "Báo cáo thành tích của một tập thể: I. Sơ lược đặc điểm, tình hình, II. Thành tích, "
        "III. Các hình thức đã được khen thưởng.",
        (*HEADER_FIELDS,
         _f("hinh_thuc_de_nghi", "Hình thức đề nghị khen thưởng"),
         _f("ten_don_vi", "Tên tập thể"), _f("don_vi_cap_tren", "Đơn vị cấp trên trực tiếp"),
         _f("loai_don_vi", "Loại đơn vị"),
         _f("giai_doan", "Thời gian lập thành tích"),
         _f("thanh_tich", "Tóm tắt thành tích đạt được"),
         *HISTORY),
        per_subject=True, subjects=("tap_the",)),
    _certificate("giay_khen", "Giấy khen", "CHỦ TỊCH ỦY BAN NHÂN DÂN …"),
    _certificate("bang_khen", "Bằng khen", "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …"),
    TemplateSpec(
        "dang_ky_thi_dua", "Bản đăng ký thi đua", ContextKind.REGISTRATION,
        "Bản đăng ký danh hiệu thi đua đầu năm của một đơn vị: tập thể và cá nhân.",
        (*HEADER_FIELDS, *SIGNATURE_FIELDS,
         _f("don_vi", "Tên đơn vị đăng ký"),
         _f("kinh_gui", "Nơi nhận bản đăng ký (Kính gửi: …)"),
         _f("tap_the", "Tập thể đăng ký",
            _f("stt", "Số thứ tự"), _f("ten", "Tên tập thể"), _f("danh_hieu", "Danh hiệu")),
         _f("ca_nhan", "Cá nhân đăng ký",
            _f("stt", "Số thứ tự"), _f("ho_ten", "Họ và tên"), _f("chuc_vu", "Chức vụ"),
            _f("danh_hieu", "Danh hiệu")))),
    TemplateSpec(
        "ket_qua_khoi", "Báo cáo kết quả chấm điểm, xếp hạng khối thi đua", ContextKind.BLOC,
        "Bảng xếp hạng các đơn vị của khối, cụm thi đua và đề nghị tặng Cờ thi đua, Bằng khen.",
        (*HEADER_FIELDS, *SIGNATURE_FIELDS,
         _f("ten_khoi", "Tên khối, cụm thi đua"), _f("loai_khoi", "Khối thi đua hoặc Cụm thi đua"),
         _f("truong_khoi", "Đơn vị trưởng khối"), _f("pho_khoi", "Đơn vị phó khối"),
         _f("ngay_giao_uoc", "Ngày ký giao ước thi đua"),
         _f("tong_diem", "Thang điểm của bảng tiêu chí (100, 1000…)"),
         _f("so_don_vi", "Số đơn vị thành viên"),
         _f("cach_tinh", "Xếp theo điểm tự chấm hay điểm khối chấm"),
         _f("tinh_trang", "Kết quả đã chốt hay còn đơn vị chưa được khối chấm"),
         _f("xep_hang", "Bảng xếp hạng",
            _f("hang", "Thứ hạng"), _f("don_vi", "Tên đơn vị"),
            _f("diem_tieu_chi", "Điểm các tiêu chí"), _f("diem_cong", "Điểm cộng"),
            _f("diem_tru", "Điểm trừ"), _f("tong", "Tổng điểm"),
            _f("ghi_chu", "Cách phân định khi bằng điểm, ghi chú")),
         _f("de_nghi_co", "Đơn vị đề nghị tặng Cờ thi đua"),
         _f("de_nghi_bang_khen", "Đơn vị đề nghị tặng Bằng khen"))),
    TemplateSpec(
        "bao_cao_tong_ket", "Báo cáo tổng kết phong trào thi đua", ContextKind.MOVEMENT,
        "Kết quả phong trào: số tập thể, cá nhân được khen theo từng hình thức.",
        (*HEADER_FIELDS, *SIGNATURE_FIELDS,
         _f("ten_phong_trao", "Tên phong trào thi đua (như đã ghi)"),
         _f("tieu_de_phong_trao", "Tên phong trào viết sau “Tổng kết” (không lặp chữ, một "
            "lần ngoặc kép)"),
         _f("van_ban_phat_dong", "Văn bản phát động (số, ngày)"),
         _f("thoi_gian", "Thời gian của phong trào (năm 2026; giai đoạn 2021-2025)"),
         _f("so_dot", "Số đợt xét khen thưởng của phong trào"),
         _f("so_dang_ky", "Số lượt đăng ký thi đua"),
         _f("dang_ky_tap_the", "Số lượt đăng ký của tập thể"),
         _f("dang_ky_ca_nhan", "Số lượt đăng ký của cá nhân"),
         _f("so_de_nghi", "Số đề nghị khen thưởng trong các đợt"),
         _f("de_nghi_da_khen", "Số đề nghị đã được khen thưởng"),
         _f("de_nghi_khong_khen", "Số đề nghị không được khen, không đủ điều kiện hoặc trả lại"),
         _f("de_nghi_dang_xet", "Số đề nghị đang xét"),
         _f("thong_ke", "Số được khen theo hình thức và cấp",
            _f("stt", "Số thứ tự"), _f("hinh_thuc", "Hình thức"), _f("cap", "Cấp khen thưởng"),
            _f("tap_the", "Tập thể"), _f("ca_nhan", "Cá nhân"), _f("ho_gia_dinh", "Hộ gia đình"),
            _f("tong", "Cộng"), _f("so_tien", "Tiền thưởng")),
         _f("tong_tap_the", "Tổng số lượt tập thể được khen"),
         _f("tong_ca_nhan", "Tổng số lượt cá nhân được khen"),
         _f("tong_ho_gia_dinh", "Tổng số lượt hộ gia đình được khen"),
         _f("tong_cong", "Tổng số lượt được khen"),
         _f("tong_tien", "Tổng tiền thưởng"),
         _f("ghi_chu_tien", "Ghi chú khi có lượt khen chưa ghi số tiền"))),
)

TEMPLATES_BY_KEY: dict[str, TemplateSpec] = {t.key: t for t in TEMPLATES}


def template_spec(key: str) -> TemplateSpec | None:
    return TEMPLATES_BY_KEY.get(key)
