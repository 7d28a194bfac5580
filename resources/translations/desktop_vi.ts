<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>App</name>
    <message>
        <source>TĐKT Desktop is already open on this data ({path}) but does not answer. Wait a moment for it to finish its work, or close it (with Task Manager if it hangs), then start the program again.</source>
        <translation>TĐKT Desktop đang mở trên dữ liệu này ({path}) nhưng không phản hồi. Hãy đợi một lát cho cửa sổ đó làm xong việc, hoặc đóng nó (bằng Trình quản lý tác vụ nếu bị treo), rồi mở lại phần mềm.</translation>
    </message>
    <message>
        <source>The program stopped abnormally last time; details are in the log folder.</source>
        <translation>Lần chạy trước phần mềm bị dừng đột ngột; chi tiết được lưu trong thư mục nhật ký.</translation>
    </message>
</context>
<context>
    <name>BackupsPage</name>
    <message>
        <source>Automatic (daily)</source>
        <translation>Tự động (hằng ngày)</translation>
    </message>
    <message>
        <source>Automatic (weekly)</source>
        <translation>Tự động (hằng tuần)</translation>
    </message>
    <message>
        <source>Automatic (on closing)</source>
        <translation>Tự động (khi đóng)</translation>
    </message>
    <message>
        <source>Made by the officer</source>
        <translation>Do cán bộ tạo</translation>
    </message>
    <message>
        <source>Before a restore</source>
        <translation>Trước khi khôi phục</translation>
    </message>
    <message>
        <source>Old format (.db)</source>
        <translation>Định dạng cũ (.db)</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Thời điểm</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Loại</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Dung lượng</translation>
    </message>
    <message>
        <source>Contents</source>
        <translation>Nội dung</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Tệp</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>Sao lưu ngay</translation>
    </message>
    <message>
        <source>Restore this backup…</source>
        <translation>Khôi phục bản sao lưu này…</translation>
    </message>
    <message>
        <source>Open the backup folder</source>
        <translation>Mở thư mục sao lưu</translation>
    </message>
    <message>
        <source>A backup is made automatically on the first start of each day and on closing after changes; 7 daily and 4 weekly ones are kept. Each file holds the data, the attachment files and your templates, and is checked after writing.</source>
        <translation>Phần mềm tự sao lưu khi mở lần đầu mỗi ngày và khi đóng sau khi có thay đổi; giữ 7 bản hằng ngày và 4 bản hằng tuần. Mỗi tệp chứa dữ liệu, các tệp đính kèm và mẫu văn bản của bạn, và được kiểm tra lại sau khi ghi.</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>Sao lưu</translation>
    </message>
    <message>
        <source>There is no backup yet.</source>
        <translation>Chưa có bản sao lưu nào.</translation>
    </message>
    <message>
        <source>{count} backups; the latest is from {when}.</source>
        <translation>{count} bản sao lưu; bản mới nhất lúc {when}.</translation>
    </message>
    <message>
        <source>That is more than a week ago: back up now.</source>
        <translation>Đã quá một tuần: hãy sao lưu ngay.</translation>
    </message>
</context>
<context>
    <name>BlocDialog</name>
    <message>
        <source>Edit bloc</source>
        <translation>Sửa khối, cụm thi đua</translation>
    </message>
    <message>
        <source>New bloc</source>
        <translation>Thêm khối, cụm thi đua</translation>
    </message>
    <message>
        <source>Type a member unit&apos;s name or code…</source>
        <translation>Gõ tên hoặc mã đơn vị thành viên…</translation>
    </message>
    <message>
        <source>Add member</source>
        <translation>Thêm thành viên</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Bỏ ra</translation>
    </message>
    <message>
        <source>Not signed</source>
        <translation>Chưa ký</translation>
    </message>
    <message>
        <source>Name *</source>
        <translation>Tên *</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Loại</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>Năm</translation>
    </message>
    <message>
        <source>Organising office</source>
        <translation>Cơ quan tổ chức</translation>
    </message>
    <message>
        <source>Member units</source>
        <translation>Đơn vị thành viên</translation>
    </message>
    <message>
        <source>Head of bloc</source>
        <translation>Đơn vị trưởng khối</translation>
    </message>
    <message>
        <source>Deputy head</source>
        <translation>Đơn vị phó khối</translation>
    </message>
    <message>
        <source>Pledge signed on</source>
        <translation>Ngày ký giao ước</translation>
    </message>
    <message>
        <source>Pledge note</source>
        <translation>Ghi chú giao ước</translation>
    </message>
    <message>
        <source>Total points</source>
        <translation>Tổng điểm</translation>
    </message>
    <message>
        <source>Proposed: flags / certificates</source>
        <translation>Số đề nghị: Cờ thi đua / Bằng khen</translation>
    </message>
    <message>
        <source>Tie-break rules (after ≥70% women)</source>
        <translation>Quy tắc phân định khi bằng điểm (sau tiêu chí ≥70% nữ)</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Ghi chú</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Lưu</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>— not chosen —</source>
        <translation>— chưa chọn —</translation>
    </message>
    <message>
        <source>pick a unit from the list that appears as you type</source>
        <translation>hãy chọn một đơn vị trong danh sách hiện ra khi gõ</translation>
    </message>
</context>
<context>
    <name>BlocsPage</name>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Tệp Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>Bloc or cluster</source>
        <translation>Khối, cụm</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>Năm</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>Số ĐV</translation>
    </message>
    <message>
        <source>New…</source>
        <translation>Thêm…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Sửa…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Xóa</translation>
    </message>
    <message>
        <source>Start a new year</source>
        <translation>Bắt đầu năm mới</translation>
    </message>
    <message>
        <source>A bloc for the next year with the same members and criteria table (head, deputy and pledge to fill in again)</source>
        <translation>Tạo khối cho năm sau với cùng thành viên và bảng tiêu chí (trưởng khối, phó khối và giao ước nhập lại)</translation>
    </message>
    <message>
        <source>Criteria table</source>
        <translation>Bảng tiêu chí</translation>
    </message>
    <message>
        <source>Scoring</source>
        <translation>Chấm điểm</translation>
    </message>
    <message>
        <source>Ranking and proposals</source>
        <translation>Xếp hạng và đề nghị</translation>
    </message>
    <message>
        <source>Year:</source>
        <translation>Năm:</translation>
    </message>
    <message>
        <source>All years</source>
        <translation>Tất cả các năm</translation>
    </message>
    <message>
        <source>No bloc for this year yet: create one with “New…” or start a new year from last year&apos;s.</source>
        <translation>Chưa có khối, cụm thi đua nào cho năm này: bấm “Thêm…” hoặc “Bắt đầu năm mới” từ khối của năm trước.</translation>
    </message>
    <message>
        <source>Head: %1</source>
        <translation>Trưởng khối: %1</translation>
    </message>
    <message>
        <source>Deputy: %1</source>
        <translation>Phó khối: %1</translation>
    </message>
    <message>
        <source>Pledge signed %1</source>
        <translation>Ký giao ước ngày %1</translation>
    </message>
    <message>
        <source>%1 units, %2 criteria, total %3 points</source>
        <translation>%1 đơn vị, %2 tiêu chí, tổng %3 điểm</translation>
    </message>
    <message>
        <source>Move “%1” with its members and scores to the trash?</source>
        <translation>Chuyển “%1” cùng thành viên và điểm vào thùng rác?</translation>
    </message>
    <message>
        <source>Start %1 for “%2”: a new bloc with the same members and criteria table (no scores)?</source>
        <translation>Bắt đầu năm %1 cho “%2”: tạo khối mới với cùng thành viên và bảng tiêu chí (không có điểm)?</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Bắt đầu</translation>
    </message>
    <message>
        <source>“%1” created from last year&apos;s table.</source>
        <translation>Đã tạo “%1” từ bảng tiêu chí năm trước.</translation>
    </message>
    <message>
        <source>Nothing was imported:</source>
        <translation>Chưa nhập gì:</translation>
    </message>
    <message>
        <source>Writing the workbook…</source>
        <translation>Đang ghi tệp Excel…</translation>
    </message>
    <message>
        <source>Saved to %1</source>
        <translation>Đã lưu vào %1</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Mã</translation>
    </message>
    <message>
        <source>Criterion</source>
        <translation>Tiêu chí</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Loại</translation>
    </message>
    <message>
        <source>Max points</source>
        <translation>Điểm tối đa</translation>
    </message>
    <message>
        <source>Cap</source>
        <translation>Mức trần</translation>
    </message>
    <message>
        <source>Formula</source>
        <translation>Cách tính</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>Minh chứng</translation>
    </message>
    <message>
        <source>required</source>
        <translation>bắt buộc</translation>
    </message>
    <message>
        <source>Add group</source>
        <translation>Thêm nhóm</translation>
    </message>
    <message>
        <source>Add criterion</source>
        <translation>Thêm tiêu chí</translation>
    </message>
    <message>
        <source>Add sub-criterion</source>
        <translation>Thêm tiêu chí con</translation>
    </message>
    <message>
        <source>Import from Excel…</source>
        <translation>Nhập từ Excel…</translation>
    </message>
    <message>
        <source>Download template…</source>
        <translation>Tải mẫu…</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Xuất ra Excel…</translation>
    </message>
    <message>
        <source>Table check</source>
        <translation>Kiểm tra bảng tiêu chí</translation>
    </message>
    <message>
        <source>The table is empty: add groups and criteria, or import them from Excel.</source>
        <translation>Bảng tiêu chí còn trống: thêm nhóm và tiêu chí, hoặc nhập từ Excel.</translation>
    </message>
    <message>
        <source>✓ The table is consistent: %1 criteria, total %2 points.</source>
        <translation>✓ Bảng tiêu chí hợp lệ: %1 tiêu chí, tổng %2 điểm.</translation>
    </message>
    <message>
        <source>The table is not consistent yet (scores cannot be sent until it is):</source>
        <translation>Bảng tiêu chí chưa hợp lệ (chưa gửi được bảng điểm cho đến khi sửa xong):</translation>
    </message>
    <message>
        <source>Delete criterion %1 “%2”?</source>
        <translation>Xóa tiêu chí %1 “%2”?</translation>
    </message>
    <message>
        <source>Its sub-criteria are deleted with it.</source>
        <translation>Các tiêu chí con cũng bị xóa theo.</translation>
    </message>
    <message>
        <source>Import criteria table</source>
        <translation>Nhập bảng tiêu chí</translation>
    </message>
    <message>
        <source>Importing the criteria table…</source>
        <translation>Đang nhập bảng tiêu chí…</translation>
    </message>
    <message>
        <source>Criteria table imported: %1 rows read, %2 changed.</source>
        <translation>Đã nhập bảng tiêu chí: đọc %1 dòng, thay đổi %2.</translation>
    </message>
    <message>
        <source>Save criteria template</source>
        <translation>Lưu mẫu bảng tiêu chí</translation>
    </message>
    <message>
        <source>criteria-template.xlsx</source>
        <translation>mau-bang-tieu-chi.xlsx</translation>
    </message>
    <message>
        <source>Export criteria table</source>
        <translation>Xuất bảng tiêu chí</translation>
    </message>
    <message>
        <source>criteria-%1.xlsx</source>
        <translation>bang-tieu-chi-%1.xlsx</translation>
    </message>
    <message>
        <source>created</source>
        <translation>tạo mới</translation>
    </message>
    <message>
        <source>updated</source>
        <translation>cập nhật</translation>
    </message>
    <message>
        <source>already there</source>
        <translation>đã có</translation>
    </message>
    <message>
        <source>kept as it is</source>
        <translation>giữ nguyên</translation>
    </message>
    <message>
        <source>no longer ranked for it</source>
        <translation>không còn được xếp để đề nghị</translation>
    </message>
    <message>
        <source>Bloc vote</source>
        <translation>Kết quả suy tôn của khối</translation>
    </message>
    <message>
        <source>Unit voted for</source>
        <translation>Đơn vị được suy tôn</translation>
    </message>
    <message>
        <source>Members present</source>
        <translation>Số thành viên dự họp</translation>
    </message>
    <message>
        <source>Yes votes</source>
        <translation>Số phiếu đồng ý</translation>
    </message>
    <message>
        <source>Meeting date</source>
        <translation>Ngày họp</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Ghi chú</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Lưu</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>Propose for awards</source>
        <translation>Đề nghị khen thưởng</translation>
    </message>
    <message>
        <source>At most %1 per bloc (province setting)</source>
        <translation>Tối đa %1 cho mỗi khối, cụm (theo cài đặt của tỉnh)</translation>
    </message>
    <message>
        <source>The first units of the bloc&apos;s ranking (bloc&apos;s scores) are proposed for the provincial emulation flag, the next ones for the certificate of merit, with their scores attached as evidence. Proposing again brings them up to date.</source>
        <translation>Các đơn vị dẫn đầu bảng xếp hạng (theo điểm khối chấm) được đề nghị Cờ thi đua của tỉnh, các đơn vị tiếp theo được đề nghị Bằng khen, kèm kết quả chấm điểm làm minh chứng. Đề nghị lại sẽ cập nhật các đề nghị đã có.</translation>
    </message>
    <message>
        <source>Award round</source>
        <translation>Đợt xét khen thưởng</translation>
    </message>
    <message>
        <source>Units for Cờ thi đua</source>
        <translation>Số đơn vị đề nghị Cờ thi đua</translation>
    </message>
    <message>
        <source>Units for Bằng khen</source>
        <translation>Số đơn vị đề nghị Bằng khen</translation>
    </message>
    <message>
        <source>Propose</source>
        <translation>Đề nghị</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>Xếp hạng</translation>
    </message>
    <message>
        <source>Record bloc vote…</source>
        <translation>Ghi kết quả suy tôn…</translation>
    </message>
    <message>
        <source>Propose for awards…</source>
        <translation>Đề nghị khen thưởng…</translation>
    </message>
    <message>
        <source>Create document…</source>
        <translation>Tạo văn bản…</translation>
    </message>
    <message>
        <source>Word report of the scores and ranking, with the units proposed</source>
        <translation>Báo cáo Word về kết quả chấm điểm, xếp hạng và các đơn vị được đề nghị khen thưởng</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Hạng</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Đơn vị</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Tổng cộng</translation>
    </message>
    <message>
        <source>Scored</source>
        <translation>Điểm chấm</translation>
    </message>
    <message>
        <source>Bonus</source>
        <translation>Thưởng</translation>
    </message>
    <message>
        <source>Penalty</source>
        <translation>Trừ</translation>
    </message>
    <message>
        <source>Votes</source>
        <translation>Phiếu</translation>
    </message>
    <message>
        <source>Tie-break</source>
        <translation>Phân định khi bằng điểm</translation>
    </message>
    <message>
        <source>Rank in the bloc</source>
        <translation>Thứ hạng trong khối</translation>
    </message>
    <message>
        <source>Scored criteria + bonus − penalty</source>
        <translation>Điểm các tiêu chí chấm + điểm thưởng − điểm trừ</translation>
    </message>
    <message>
        <source>Points of the scored criteria (before bonus and penalty)</source>
        <translation>Điểm các tiêu chí chấm (chưa cộng thưởng, trừ)</translation>
    </message>
    <message>
        <source>Bonus points</source>
        <translation>Điểm thưởng</translation>
    </message>
    <message>
        <source>Penalty points</source>
        <translation>Điểm trừ</translation>
    </message>
    <message>
        <source>Yes votes of the bloc meeting (suy tôn)</source>
        <translation>Số phiếu đồng ý tại cuộc họp suy tôn của khối</translation>
    </message>
    <message>
        <source>How units with equal totals were ordered</source>
        <translation>Cách xếp thứ tự các đơn vị bằng điểm nhau</translation>
    </message>
    <message>
        <source>No ranking yet.</source>
        <translation>Chưa có kết quả xếp hạng.</translation>
    </message>
    <message>
        <source>Ranked by:</source>
        <translation>Xếp hạng theo:</translation>
    </message>
    <message>
        <source>Ranking the bloc…</source>
        <translation>Đang xếp hạng khối…</translation>
    </message>
    <message>
        <source>Every sheet is reviewed: the ranking is final.</source>
        <translation>Khối đã chấm xong mọi bảng điểm: kết quả xếp hạng là cuối cùng.</translation>
    </message>
    <message>
        <source>Not final yet: sheets of %1 are not reviewed.</source>
        <translation>Chưa phải kết quả cuối cùng: khối chưa chấm xong bảng điểm của %1.</translation>
    </message>
    <message>
        <source>Bloc vote for %1: %2 of %3 members (%4%).</source>
        <translation>Khối suy tôn %1: %2/%3 thành viên đồng ý (%4%).</translation>
    </message>
    <message>
        <source>Creating the nominations…</source>
        <translation>Đang tạo các đề nghị khen thưởng…</translation>
    </message>
    <message>
        <source>%1 nominations created in “%2”.</source>
        <translation>Đã tạo %1 đề nghị trong đợt “%2”.</translation>
    </message>
    <message>
        <source>A group: the sum of its sub-criteria.</source>
        <translation>Nhóm tiêu chí: bằng tổng điểm các tiêu chí con.</translation>
    </message>
    <message>
        <source>Computed from the unit&apos;s target.</source>
        <translation>Tính tự động từ chỉ tiêu của đơn vị.</translation>
    </message>
    <message>
        <source>Max</source>
        <translation>Tối đa</translation>
    </message>
    <message>
        <source>Scored criteria + bonus − penalty (caps applied), as saved.</source>
        <translation>Điểm các tiêu chí + điểm thưởng − điểm trừ (đã áp mức trần), theo số đã lưu.</translation>
    </message>
    <message>
        <source>Evidence note</source>
        <translation>Minh chứng</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Lý do</translation>
    </message>
    <message>
        <source>Reason for moving back to “%1”:</source>
        <translation>Lý do chuyển lại về “%1”:</translation>
    </message>
    <message>
        <source>Send to the bloc</source>
        <translation>Gửi khối</translation>
    </message>
    <message>
        <source>Mark reviewed</source>
        <translation>Khối đã chấm</translation>
    </message>
    <message>
        <source>Publish (lock)</source>
        <translation>Công bố (khóa)</translation>
    </message>
    <message>
        <source>Self-score</source>
        <translation>Tự chấm</translation>
    </message>
    <message>
        <source>Bloc&apos;s score</source>
        <translation>Khối chấm</translation>
    </message>
    <message>
        <source>Return / unlock…</source>
        <translation>Trả lại / mở khóa…</translation>
    </message>
    <message>
        <source>Evidence note…</source>
        <translation>Minh chứng…</translation>
    </message>
    <message>
        <source>Import scores…</source>
        <translation>Nhập điểm từ Excel…</translation>
    </message>
    <message>
        <source>Scores entry file…</source>
        <translation>Tệp nhập điểm…</translation>
    </message>
    <message>
        <source>Export score sheet…</source>
        <translation>Xuất bảng điểm để in…</translation>
    </message>
    <message>
        <source>Sheet details</source>
        <translation>Chi tiết bảng điểm</translation>
    </message>
    <message>
        <source>Show or hide the selected unit&apos;s sheet status, history and evidence beside the grid</source>
        <translation>Hiện hoặc ẩn trạng thái, lịch sử và minh chứng của bảng điểm đơn vị đang chọn bên cạnh lưới điểm</translation>
    </message>
    <message>
        <source>Showing:</source>
        <translation>Đang xem:</translation>
    </message>
    <message>
        <source>Selected units&apos; sheets:</source>
        <translation>Bảng điểm của đơn vị đang chọn:</translation>
    </message>
    <message>
        <source>%1 cells saved.</source>
        <translation>Đã lưu %1 ô.</translation>
    </message>
    <message>
        <source>%1 cells not saved: they are marked in red (point at one to see why).</source>
        <translation>%1 ô không lưu được: các ô này được tô đỏ (di chuột vào ô để xem lý do).</translation>
    </message>
    <message>
        <source>No sheet was moved:</source>
        <translation>Chưa chuyển bảng điểm nào:</translation>
    </message>
    <message>
        <source>Select sheets that are at the same status to move them back together.</source>
        <translation>Hãy chọn các bảng điểm cùng trạng thái để chuyển lại cùng lúc.</translation>
    </message>
    <message>
        <source>Select a unit&apos;s cell to see its sheet&apos;s status, history and evidence.</source>
        <translation>Chọn một ô của đơn vị để xem trạng thái, lịch sử bảng điểm và minh chứng.</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>Self-score total</source>
        <translation>Tổng điểm tự chấm</translation>
    </message>
    <message>
        <source>Bloc score total</source>
        <translation>Tổng điểm khối chấm</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Lịch sử</translation>
    </message>
    <message>
        <source>(no evidence note)</source>
        <translation>(chưa có minh chứng)</translation>
    </message>
    <message>
        <source>No moves yet.</source>
        <translation>Chưa chuyển trạng thái lần nào.</translation>
    </message>
    <message>
        <source>Import scores</source>
        <translation>Nhập điểm</translation>
    </message>
    <message>
        <source>Importing scores…</source>
        <translation>Đang nhập điểm…</translation>
    </message>
    <message>
        <source>Scores imported: %1 rows read, %2 changed, %3 computed rows skipped.</source>
        <translation>Đã nhập điểm: đọc %1 dòng, thay đổi %2, bỏ qua %3 dòng tính tự động.</translation>
    </message>
    <message>
        <source>Save scores entry file</source>
        <translation>Lưu tệp nhập điểm</translation>
    </message>
    <message>
        <source>scores-%1.xlsx</source>
        <translation>nhap-diem-%1.xlsx</translation>
    </message>
    <message>
        <source>Export score sheet</source>
        <translation>Xuất bảng điểm</translation>
    </message>
    <message>
        <source>score-sheet-%1.xlsx</source>
        <translation>bang-diem-%1.xlsx</translation>
    </message>
</context>
<context>
    <name>CatalogPage</name>
    <message>
        <source>Name</source>
        <translation>Tên</translation>
    </message>
    <message>
        <source>Short name</source>
        <translation>Tên viết tắt</translation>
    </message>
    <message>
        <source>Competent authority</source>
        <translation>Cấp có thẩm quyền</translation>
    </message>
    <message>
        <source>Coefficient, individual</source>
        <translation>Hệ số cá nhân</translation>
    </message>
    <message>
        <source>Coefficient, collective</source>
        <translation>Hệ số tập thể</translation>
    </message>
    <message>
        <source>Coefficient, household</source>
        <translation>Hệ số hộ gia đình</translation>
    </message>
    <message>
        <source>Legal basis</source>
        <translation>Căn cứ pháp lý</translation>
    </message>
    <message>
        <source>Article</source>
        <translation>Điều, khoản</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Ghi chú</translation>
    </message>
    <message>
        <source>not a number (write e.g. 1,5)</source>
        <translation>không phải là số (viết ví dụ 1,5)</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Mã</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Loại</translation>
    </message>
    <message>
        <source>Individual</source>
        <translation>Cá nhân</translation>
    </message>
    <message>
        <source>Collective</source>
        <translation>Tập thể</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>Hộ GĐ</translation>
    </message>
    <message>
        <source>Valid</source>
        <translation>Hiệu lực</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Sửa…</translation>
    </message>
    <message>
        <source>Restore shipped values</source>
        <translation>Khôi phục giá trị gốc</translation>
    </message>
    <message>
        <source>Base salary by effective date:</source>
        <translation>Mức lương cơ sở theo ngày hiệu lực:</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>TĐKT Desktop – unexpected error</source>
        <translation>TĐKT Desktop – lỗi ngoài dự kiến</translation>
    </message>
    <message>
        <source>The program met an unexpected error. Your data saved so far is safe. Please send the log file below to the support team.</source>
        <translation>Phần mềm gặp một lỗi ngoài dự kiến. Dữ liệu đã lưu vẫn an toàn. Vui lòng gửi tệp nhật ký dưới đây cho bộ phận hỗ trợ.</translation>
    </message>
    <message>
        <source>Log file: {path}</source>
        <translation>Tệp nhật ký: {path}</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>Sao chép chi tiết</translation>
    </message>
    <message>
        <source>Open log folder</source>
        <translation>Mở thư mục nhật ký</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <source>TĐKT Desktop</source>
        <translation>TĐKT Desktop</translation>
    </message>
</context>
<context>
    <name>CriterionDialog</name>
    <message>
        <source>Edit criterion</source>
        <translation>Sửa tiêu chí</translation>
    </message>
    <message>
        <source>Add criterion</source>
        <translation>Thêm tiêu chí</translation>
    </message>
    <message>
        <source>— none (a top group) —</source>
        <translation>— không (nhóm cấp cao nhất) —</translation>
    </message>
    <message>
        <source>none</source>
        <translation>không có</translation>
    </message>
    <message>
        <source>e.g. 100:10; 90:8; 80:5 (percent:points)</source>
        <translation>ví dụ 100:10; 90:8; 80:5 (% hoàn thành:điểm)</translation>
    </message>
    <message>
        <source>Evidence required</source>
        <translation>Bắt buộc có minh chứng</translation>
    </message>
    <message>
        <source>Code *</source>
        <translation>Mã *</translation>
    </message>
    <message>
        <source>Name *</source>
        <translation>Tên *</translation>
    </message>
    <message>
        <source>Belongs to</source>
        <translation>Thuộc nhóm</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Loại</translation>
    </message>
    <message>
        <source>Maximum points *</source>
        <translation>Điểm tối đa *</translation>
    </message>
    <message>
        <source>Cap</source>
        <translation>Mức trần</translation>
    </message>
    <message>
        <source>Target indicator</source>
        <translation>Chỉ tiêu</translation>
    </message>
    <message>
        <source>Formula</source>
        <translation>Cách tính</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>Chiều chỉ tiêu</translation>
    </message>
    <message>
        <source>Tiers</source>
        <translation>Các mức</translation>
    </message>
    <message>
        <source>Source basis</source>
        <translation>Căn cứ</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Lưu</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
</context>
<context>
    <name>DocumentsPage</name>
    <message>
        <source>Shipped template</source>
        <translation>Mẫu gốc</translation>
    </message>
    <message>
        <source>Edited template</source>
        <translation>Mẫu đã sửa</translation>
    </message>
    <message>
        <source>%1 errors</source>
        <translation>%1 lỗi</translation>
    </message>
    <message>
        <source>%1 notes</source>
        <translation>%1 lưu ý</translation>
    </message>
    <message>
        <source>Valid</source>
        <translation>Hợp lệ</translation>
    </message>
    <message>
        <source>The template is valid: every field is known and every block is closed.</source>
        <translation>Mẫu hợp lệ: mọi trường đều có trong danh sách, mọi khối lặp và điều kiện đều được đóng đủ.</translation>
    </message>
    <message>
        <source>The template cannot be used until these errors are fixed in Word:</source>
        <translation>Chưa dùng được mẫu này cho đến khi sửa các lỗi sau trong Word:</translation>
    </message>
    <message>
        <source>The template can be used; check these notes:</source>
        <translation>Mẫu dùng được; hãy xem các lưu ý sau:</translation>
    </message>
    <message>
        <source>End of the repeated rows</source>
        <translation>Kết thúc các dòng lặp của bảng</translation>
    </message>
    <message>
        <source>End of the repeated paragraphs</source>
        <translation>Kết thúc các đoạn lặp</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>Mẫu văn bản</translation>
    </message>
    <message>
        <source>Made for</source>
        <translation>Lập cho</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Phiên bản mẫu</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Kiểm tra</translation>
    </message>
    <message>
        <source>To change a template: press “Edit template”; it opens in Word. Type the fields listed on the right exactly as shown (copy them with “Copy”), save, then press “Check template”. Your edited copy is used from then on; “Restore shipped template” goes back to the original and keeps your copy.</source>
        <translation>Cách sửa mẫu: bấm “Sửa mẫu”, mẫu sẽ mở bằng Word. Gõ các trường ở bên phải đúng như hiển thị (bấm “Sao chép” để lấy), lưu lại rồi bấm “Kiểm tra mẫu”. Từ đó bản đã sửa được dùng; “Khôi phục mẫu gốc” quay về mẫu ban đầu và vẫn giữ bản của bạn.</translation>
    </message>
    <message>
        <source>Field (type it in Word)</source>
        <translation>Trường (gõ vào Word)</translation>
    </message>
    <message>
        <source>Meaning</source>
        <translation>Ý nghĩa</translation>
    </message>
    <message>
        <source>Select a field to see its full meaning; double-click copies it.</source>
        <translation>Chọn một trường để xem đầy đủ ý nghĩa; bấm đúp để sao chép.</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Sao chép</translation>
    </message>
    <message>
        <source>Copy the selected field to paste it into the template in Word</source>
        <translation>Sao chép trường đang chọn để dán vào mẫu trong Word</translation>
    </message>
    <message>
        <source>Check template</source>
        <translation>Kiểm tra mẫu</translation>
    </message>
    <message>
        <source>Edit template</source>
        <translation>Sửa mẫu</translation>
    </message>
    <message>
        <source>Use another template file…</source>
        <translation>Dùng tệp mẫu khác…</translation>
    </message>
    <message>
        <source>Restore shipped template</source>
        <translation>Khôi phục mẫu gốc</translation>
    </message>
    <message>
        <source>Open template folder</source>
        <translation>Mở thư mục mẫu</translation>
    </message>
    <message>
        <source>Create document…</source>
        <translation>Tạo văn bản…</translation>
    </message>
    <message>
        <source>Fields</source>
        <translation>Các trường của mẫu</translation>
    </message>
    <message>
        <source>Check result</source>
        <translation>Kết quả kiểm tra mẫu</translation>
    </message>
    <message>
        <source>Made for: %1.</source>
        <translation>Lập cho: %1.</translation>
    </message>
    <message>
        <source>One file per nomination.</source>
        <translation>Mỗi đề nghị một tệp.</translation>
    </message>
    <message>
        <source>Your edited copy is used: %1</source>
        <translation>Đang dùng bản mẫu đã sửa: %1</translation>
    </message>
    <message>
        <source>The shipped template is used: %1</source>
        <translation>Đang dùng mẫu gốc: %1</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Đang kiểm tra…</translation>
    </message>
    <message>
        <source>Copied %1</source>
        <translation>Đã sao chép %1</translation>
    </message>
    <message>
        <source>Could not copy the template:</source>
        <translation>Không sao chép được mẫu:</translation>
    </message>
    <message>
        <source>Opened %1. Save it in Word; from now on this copy is used.</source>
        <translation>Đã mở %1. Sửa rồi lưu trong Word; từ nay bản này được dùng.</translation>
    </message>
    <message>
        <source>No program could open %1. Open it yourself with Word; from now on this copy is used.</source>
        <translation>Không có chương trình nào mở được %1. Hãy tự mở tệp bằng Word; từ nay bản này được dùng.</translation>
    </message>
    <message>
        <source>Choose a template file</source>
        <translation>Chọn tệp mẫu</translation>
    </message>
    <message>
        <source>Word document (*.docx)</source>
        <translation>Văn bản Word (*.docx)</translation>
    </message>
    <message>
        <source>%1 was not used because the template has errors:</source>
        <translation>Không dùng tệp %1 vì mẫu có lỗi:</translation>
    </message>
    <message>
        <source>%1 is now used for “%2”.</source>
        <translation>Từ nay dùng tệp %1 cho “%2”.</translation>
    </message>
    <message>
        <source>Use the shipped template for “%1” again? Your edited copy is kept in the “cu” folder.</source>
        <translation>Dùng lại mẫu gốc cho “%1”? Bản mẫu đã sửa được giữ lại trong thư mục “cu”.</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Khôi phục</translation>
    </message>
    <message>
        <source>The shipped template is used again. Your edited copy was kept as:
%1</source>
        <translation>Đã dùng lại mẫu gốc. Bản mẫu đã sửa được giữ tại:
%1</translation>
    </message>
</context>
<context>
    <name>EvidenceDialog</name>
    <message>
        <source>Evidence: %1</source>
        <translation>Minh chứng: %1</translation>
    </message>
    <message>
        <source>Attach file…</source>
        <translation>Đính kèm tệp…</translation>
    </message>
    <message>
        <source>Remove file</source>
        <translation>Bỏ tệp</translation>
    </message>
    <message>
        <source>Recorded facts to link (tick to attach):</source>
        <translation>Dữ liệu đã có để làm minh chứng (đánh dấu để gắn):</translation>
    </message>
    <message>
        <source>Attached files:</source>
        <translation>Tệp đính kèm:</translation>
    </message>
    <message>
        <source>Attach file</source>
        <translation>Đính kèm tệp</translation>
    </message>
</context>
<context>
    <name>ExcelDialog</name>
    <message>
        <source>Choose the Excel file to import</source>
        <translation>Chọn tệp Excel cần nhập</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;All files (*)</source>
        <translation>Tệp Excel (*.xlsx);;Mọi tệp (*)</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Tệp Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>Save the import report</source>
        <translation>Lưu báo cáo nhập</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;Text file (*.txt)</source>
        <translation>Tệp Excel (*.xlsx);;Tệp văn bản (*.txt)</translation>
    </message>
    <message>
        <source>Sheet</source>
        <translation>Trang</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>Dòng</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Cột</translation>
    </message>
    <message>
        <source>Cell</source>
        <translation>Ô</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Lý do</translation>
    </message>
    <message>
        <source>Excel import and export</source>
        <translation>Nhập, xuất Excel</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Nhập</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Xuất</translation>
    </message>
    <message>
        <source>Templates</source>
        <translation>Tải mẫu</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <source>No file chosen yet</source>
        <translation>Chưa chọn tệp</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>Chọn tệp…</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Kiểm tra</translation>
    </message>
    <message>
        <source>Check every row and cell of the file without writing anything</source>
        <translation>Kiểm tra từng dòng, từng ô của tệp, không ghi gì</translation>
    </message>
    <message>
        <source>Import into the data</source>
        <translation>Nhập vào</translation>
    </message>
    <message>
        <source>Write the whole file (all or nothing); available after a check without errors</source>
        <translation>Ghi cả tệp (ghi hết hoặc không ghi gì); dùng được sau khi kiểm tra không có lỗi</translation>
    </message>
    <message>
        <source>Save report…</source>
        <translation>Lưu báo cáo…</translation>
    </message>
    <message>
        <source>List:</source>
        <translation>Danh sách:</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>Tệp:</translation>
    </message>
    <message>
        <source>All years</source>
        <translation>Mọi năm</translation>
    </message>
    <message>
        <source>All units – type to choose one</source>
        <translation>Mọi đơn vị – gõ để chọn một đơn vị</translation>
    </message>
    <message>
        <source>Include sub-units</source>
        <translation>Gồm đơn vị trực thuộc</translation>
    </message>
    <message>
        <source>All award rounds</source>
        <translation>Mọi đợt xét</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Xuất…</translation>
    </message>
    <message>
        <source>Open the folder</source>
        <translation>Mở thư mục</translation>
    </message>
    <message>
        <source>Year:</source>
        <translation>Năm:</translation>
    </message>
    <message>
        <source>Unit:</source>
        <translation>Đơn vị:</translation>
    </message>
    <message>
        <source>Award round:</source>
        <translation>Đợt xét:</translation>
    </message>
    <message>
        <source>The file has Vietnamese headers, a frozen header row and dates as dd/mm/yyyy; lists that can be imported come back in unchanged.</source>
        <translation>Tệp có tiêu đề cột tiếng Việt, dòng tiêu đề cố định, ngày dạng dd/mm/yyyy; các danh sách nhập được có thể nhập lại mà không thay đổi gì.</translation>
    </message>
    <message>
        <source>Save the template…</source>
        <translation>Lưu tệp mẫu…</translation>
    </message>
    <message>
        <source>The template has the header row to fill in and a “Hướng dẫn” sheet describing each column, whether it is required, its format and an example row. Type values only, no formulas.</source>
        <translation>Tệp mẫu có dòng tiêu đề để điền và trang “Hướng dẫn” mô tả từng cột: có bắt buộc không, định dạng và một dòng ví dụ. Chỉ gõ giá trị, không dùng công thức.</translation>
    </message>
    <message>
        <source>Update people already stored (when the file differs)</source>
        <translation>Cập nhật người đã có (khi tệp ghi khác)</translation>
    </message>
    <message>
        <source>Update records already stored (when the file differs)</source>
        <translation>Cập nhật bản ghi đã có (khi tệp ghi khác)</translation>
    </message>
    <message>
        <source>Choose the list and the file, then press “Check”: nothing is written until the whole file is right.</source>
        <translation>Chọn danh sách và tệp, rồi bấm “Kiểm tra”: phần mềm không ghi gì cho đến khi cả tệp đúng hết.</translation>
    </message>
    <message>
        <source>Rows: {count}</source>
        <translation>Số dòng: {count}</translation>
    </message>
    <message>
        <source>Errors: {count}</source>
        <translation>Số lỗi: {count}</translation>
    </message>
    <message>
        <source>The file cannot be read; choose it again.</source>
        <translation>Không đọc được tệp; hãy chọn lại.</translation>
    </message>
    <message>
        <source>Choose the Excel file first.</source>
        <translation>Hãy chọn tệp Excel trước.</translation>
    </message>
    <message>
        <source>Cannot read the file {name}</source>
        <translation>Không đọc được tệp {name}</translation>
    </message>
    <message>
        <source>Checking {name}…</source>
        <translation>Đang kiểm tra {name}…</translation>
    </message>
    <message>
        <source>Stopped; nothing was written.</source>
        <translation>Đã dừng; không ghi gì.</translation>
    </message>
    <message>
        <source>The file or the options changed after the check; press “Check” again.</source>
        <translation>Tệp hoặc lựa chọn đã thay đổi sau khi kiểm tra; hãy bấm “Kiểm tra” lại.</translation>
    </message>
    <message>
        <source>Cannot import the file {name}</source>
        <translation>Không nhập được tệp {name}</translation>
    </message>
    <message>
        <source>Importing {name}…</source>
        <translation>Đang nhập {name}…</translation>
    </message>
    <message>
        <source>Cannot save the report {name}</source>
        <translation>Không lưu được báo cáo {name}</translation>
    </message>
    <message>
        <source>Report saved: {path}</source>
        <translation>Đã lưu báo cáo: {path}</translation>
    </message>
    <message>
        <source>Pick the unit from the list that appears as you type, or clear the field to export every unit.</source>
        <translation>Hãy chọn đơn vị trong danh sách hiện ra khi gõ, hoặc xóa trống ô để xuất mọi đơn vị.</translation>
    </message>
    <message>
        <source>Export to Excel</source>
        <translation>Xuất ra Excel</translation>
    </message>
    <message>
        <source>Cannot write the file {name}</source>
        <translation>Không ghi được tệp {name}</translation>
    </message>
    <message>
        <source>Exporting to {name}…</source>
        <translation>Đang xuất ra {name}…</translation>
    </message>
    <message>
        <source>Exported {count} rows of “{kind}” to:
{path}</source>
        <translation>Đã xuất {count} dòng “{kind}” vào tệp:
{path}</translation>
    </message>
    <message>
        <source>Save the import template</source>
        <translation>Lưu tệp mẫu nhập</translation>
    </message>
    <message>
        <source>Template for “{kind}” written to:
{path}</source>
        <translation>Đã ghi mẫu nhập “{kind}” vào tệp:
{path}</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <source>Welcome to TĐKT Desktop</source>
        <translation>Chào mừng đến với TĐKT Desktop</translation>
    </message>
    <message>
        <source>Before you start, choose where the data is kept and say which unit this office is. You can change the unit details later.</source>
        <translation>Trước khi bắt đầu, hãy chọn nơi lưu dữ liệu và cho biết cơ quan này là đơn vị nào. Thông tin đơn vị có thể sửa lại sau.</translation>
    </message>
    <message>
        <source>Data file</source>
        <translation>Tệp dữ liệu</translation>
    </message>
    <message>
        <source>Create a new database</source>
        <translation>Tạo cơ sở dữ liệu mới</translation>
    </message>
    <message>
        <source>Open an existing database</source>
        <translation>Mở cơ sở dữ liệu có sẵn</translation>
    </message>
    <message>
        <source>Choose a .db file…</source>
        <translation>Chọn tệp .db…</translation>
    </message>
    <message>
        <source>Choose location…</source>
        <translation>Chọn nơi lưu…</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>Chọn tệp…</translation>
    </message>
    <message>
        <source>This office</source>
        <translation>Đơn vị của cơ quan này</translation>
    </message>
    <message>
        <source>e.g. Ủy ban nhân dân xã Bình Lư</source>
        <translation>ví dụ: Ủy ban nhân dân xã Bình Lư</translation>
    </message>
    <message>
        <source>e.g. Ủy ban nhân dân tỉnh Lai Châu</source>
        <translation>ví dụ: Ủy ban nhân dân tỉnh Lai Châu</translation>
    </message>
    <message>
        <source>Unit name *</source>
        <translation>Tên đơn vị *</translation>
    </message>
    <message>
        <source>Code *</source>
        <translation>Mã đơn vị *</translation>
    </message>
    <message>
        <source>Kind of unit</source>
        <translation>Loại đơn vị</translation>
    </message>
    <message>
        <source>Parent office</source>
        <translation>Cơ quan cấp trên</translation>
    </message>
    <message>
        <source>Parent office code</source>
        <translation>Mã cơ quan cấp trên</translation>
    </message>
    <message>
        <source>Used only when the chosen database has not been set up yet.</source>
        <translation>Chỉ dùng khi cơ sở dữ liệu được chọn chưa được thiết lập.</translation>
    </message>
    <message>
        <source>Officer using this installation</source>
        <translation>Cán bộ sử dụng phần mềm</translation>
    </message>
    <message>
        <source>e.g. Nguyễn Văn An</source>
        <translation>ví dụ: Nguyễn Văn An</translation>
    </message>
    <message>
        <source>Your full name</source>
        <translation>Họ và tên của bạn</translation>
    </message>
    <message>
        <source>Recorded as who made each status change (self-declared, not verified). You can change it later in Settings.</source>
        <translation>Tên này được ghi là người thao tác của mỗi lần chuyển trạng thái (tự khai, phần mềm không xác thực). Có thể đổi sau trong Cài đặt.</translation>
    </message>
    <message>
        <source>Create sample data to try the program</source>
        <translation>Tạo dữ liệu mẫu để dùng thử</translation>
    </message>
    <message>
        <source>Sample data is not available in this version.</source>
        <translation>Phiên bản này chưa có dữ liệu mẫu.</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Bắt đầu</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Thoát</translation>
    </message>
    <message>
        <source>New database</source>
        <translation>Cơ sở dữ liệu mới</translation>
    </message>
    <message>
        <source>Open database</source>
        <translation>Mở cơ sở dữ liệu</translation>
    </message>
    <message>
        <source>Choose a database file first.</source>
        <translation>Hãy chọn tệp cơ sở dữ liệu trước.</translation>
    </message>
    <message>
        <source>The file {path} already exists. Choose “Open an existing database” to use it, or another name for a new one.</source>
        <translation>Tệp {path} đã có. Hãy chọn “Mở cơ sở dữ liệu có sẵn” để dùng tệp này, hoặc đặt tên khác cho cơ sở dữ liệu mới.</translation>
    </message>
    <message>
        <source>Creating sample data…</source>
        <translation>Đang tạo dữ liệu mẫu…</translation>
    </message>
</context>
<context>
    <name>Formatting</name>
    <message>
        <source>Yes</source>
        <translation>Có</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Không</translation>
    </message>
</context>
<context>
    <name>ImportReportDialog</name>
    <message>
        <source>Problems in the file</source>
        <translation>Lỗi trong tệp</translation>
    </message>
    <message>
        <source>Nothing was imported from “%1”. Correct these %2 problems in the file and import it again:</source>
        <translation>Chưa nhập gì từ “%1”. Hãy sửa %2 lỗi sau trong tệp rồi nhập lại:</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Vị trí</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Lỗi</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>TĐKT Desktop – emulation and commendation</source>
        <translation>TĐKT Desktop – Thi đua, khen thưởng</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Tệp</translation>
    </message>
    <message>
        <source>&amp;Back up data…</source>
        <translation>&amp;Sao lưu dữ liệu…</translation>
    </message>
    <message>
        <source>&amp;Restore from backup…</source>
        <translation>&amp;Khôi phục từ bản sao lưu…</translation>
    </message>
    <message>
        <source>&amp;Check data</source>
        <translation>&amp;Kiểm tra dữ liệu</translation>
    </message>
    <message>
        <source>Back&amp;ups…</source>
        <translation>&amp;Các bản sao lưu…</translation>
    </message>
    <message>
        <source>&amp;Excel…</source>
        <translation>Nhập, xuất &amp;Excel…</translation>
    </message>
    <message>
        <source>Import lists from Excel, export them, download import templates</source>
        <translation>Nhập danh sách từ Excel, xuất ra Excel, tải tệp mẫu</translation>
    </message>
    <message>
        <source>E&amp;xit</source>
        <translation>T&amp;hoát</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Sửa</translation>
    </message>
    <message>
        <source>&amp;Undo delete</source>
        <translation>&amp;Hoàn tác xóa</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Xem</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Trợ &amp;giúp</translation>
    </message>
    <message>
        <source>&amp;About TĐKT Desktop</source>
        <translation>&amp;Giới thiệu TĐKT Desktop</translation>
    </message>
    <message>
        <source>Open the &amp;log folder</source>
        <translation>Mở thư mục &amp;nhật ký</translation>
    </message>
    <message>
        <source>Not set up</source>
        <translation>Chưa thiết lập</translation>
    </message>
    <message>
        <source>{units} units · {people} people</source>
        <translation>{units} đơn vị · {people} cá nhân</translation>
    </message>
    <message>
        <source>Expand the &amp;sidebar</source>
        <translation>Mở rộng &amp;thanh bên</translation>
    </message>
    <message>
        <source>Collapse the &amp;sidebar</source>
        <translation>Thu gọn &amp;thanh bên</translation>
    </message>
    <message>
        <source>Automatic backup saved: {name}</source>
        <translation>Đã tự động sao lưu: {name}</translation>
    </message>
    <message>
        <source>The automatic backup failed: {reason}</source>
        <translation>Tự động sao lưu không thành công: {reason}</translation>
    </message>
    <message>
        <source>Saving the automatic backup before closing…</source>
        <translation>Đang sao lưu tự động trước khi đóng…</translation>
    </message>
    <message>
        <source>Press Ctrl+Z to undo.</source>
        <translation>Nhấn Ctrl+Z để hoàn tác.</translation>
    </message>
    <message>
        <source>Undone: {what}</source>
        <translation>Đã hoàn tác: {what}</translation>
    </message>
    <message>
        <source>About TĐKT Desktop</source>
        <translation>Giới thiệu TĐKT Desktop</translation>
    </message>
    <message>
        <source>&lt;b&gt;TĐKT Desktop&lt;/b&gt; {version}&lt;br&gt;Software for emulation and commendation work, working offline.&lt;br&gt;Data: {path}</source>
        <translation>&lt;b&gt;TĐKT Desktop&lt;/b&gt; {version}&lt;br&gt;Phần mềm công tác thi đua, khen thưởng, hoạt động không cần mạng.&lt;br&gt;Dữ liệu: {path}</translation>
    </message>
</context>
<context>
    <name>Maintenance</name>
    <message>
        <source>Back up data to</source>
        <translation>Sao lưu dữ liệu vào</translation>
    </message>
    <message>
        <source>Backing up the data…</source>
        <translation>Đang sao lưu dữ liệu…</translation>
    </message>
    <message>
        <source>Checking the data…</source>
        <translation>Đang kiểm tra dữ liệu…</translation>
    </message>
    <message>
        <source>The data is in good order.</source>
        <translation>Dữ liệu bình thường, không có lỗi.</translation>
    </message>
    <message>
        <source>TĐKT backup (*.tdkt-backup);;Old database backup (*.db);;All files (*)</source>
        <translation>Bản sao lưu TĐKT (*.tdkt-backup);;Bản sao lưu cũ (*.db);;Mọi tệp (*)</translation>
    </message>
    <message>
        <source>TĐKT backups (*.tdkt-backup *.db);;All files (*)</source>
        <translation>Bản sao lưu TĐKT (*.tdkt-backup *.db);;Mọi tệp (*)</translation>
    </message>
    <message>
        <source>{n} units</source>
        <translation>{n} đơn vị</translation>
    </message>
    <message>
        <source>{n} people</source>
        <translation>{n} cá nhân</translation>
    </message>
    <message>
        <source>{n} attachments</source>
        <translation>{n} tệp đính kèm</translation>
    </message>
    <message>
        <source>{n} templates</source>
        <translation>{n} mẫu văn bản</translation>
    </message>
    <message>
        <source>Backup saved and checked:
{path}

{size} – {counts}</source>
        <translation>Đã sao lưu và kiểm tra lại:
{path}

{size} – {counts}</translation>
    </message>
    <message>
        <source>{n} attachment files were missing from the data folder and are not in the backup.</source>
        <translation>Thiếu {n} tệp đính kèm trong thư mục dữ liệu nên bản sao lưu không có các tệp này.</translation>
    </message>
    <message>
        <source>The data file is damaged. Restore it from the latest backup (File › Restore from backup…).</source>
        <translation>Tệp dữ liệu bị hỏng. Hãy khôi phục từ bản sao lưu gần nhất (Tệp › Khôi phục từ bản sao lưu…).</translation>
    </message>
    <message>
        <source>Some checks failed (see below). The data file itself is not damaged: do not restore a backup for this.</source>
        <translation>Có mục kiểm tra không đạt (xem bên dưới). Tệp dữ liệu không bị hỏng: không cần khôi phục bản sao lưu vì lỗi này.</translation>
    </message>
    <message>
        <source>Restore from backup</source>
        <translation>Khôi phục từ bản sao lưu</translation>
    </message>
    <message>
        <source>Replace the current data with the backup “{name}”?

A copy of the current data is saved in the backup folder first.</source>
        <translation>Thay dữ liệu hiện tại bằng bản sao lưu “{name}”?

Dữ liệu hiện tại sẽ được sao lưu vào thư mục sao lưu trước.</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Khôi phục</translation>
    </message>
    <message>
        <source>Restoring the data…</source>
        <translation>Đang khôi phục dữ liệu…</translation>
    </message>
    <message>
        <source>The data was restored.</source>
        <translation>Đã khôi phục dữ liệu.</translation>
    </message>
    <message>
        <source>The previous data was kept in:
{path}</source>
        <translation>Dữ liệu trước khi khôi phục được giữ tại:
{path}</translation>
    </message>
    <message>
        <source>Put back: {attachments} attachment files, {templates} templates.</source>
        <translation>Đã đưa lại: {attachments} tệp đính kèm, {templates} mẫu văn bản.</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>Yes</source>
        <translation>Có</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Không</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Thử lại</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <source>Changed by someone else</source>
        <translation>Người khác đã sửa dữ liệu này</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>Tải lại</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>TĐKT database (*.db *.sqlite);;All files (*)</source>
        <translation>Cơ sở dữ liệu TĐKT (*.db *.sqlite);;Tất cả các tệp (*)</translation>
    </message>
</context>
<context>
    <name>MovementDialog</name>
    <message>
        <source>Save</source>
        <translation>Lưu</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>Edit movement</source>
        <translation>Sửa phong trào thi đua</translation>
    </message>
    <message>
        <source>New movement</source>
        <translation>Thêm phong trào thi đua</translation>
    </message>
    <message>
        <source>Not set</source>
        <translation>Chưa có</translation>
    </message>
    <message>
        <source>e.g. Provincial People&apos;s Committee</source>
        <translation>ví dụ: UBND tỉnh Lai Châu</translation>
    </message>
    <message>
        <source>Movement name *</source>
        <translation>Tên phong trào *</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Loại phong trào</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>Năm</translation>
    </message>
    <message>
        <source>Directive number</source>
        <translation>Số chỉ thị phát động</translation>
    </message>
    <message>
        <source>Directive date</source>
        <translation>Ngày ký chỉ thị</translation>
    </message>
    <message>
        <source>Issued by</source>
        <translation>Cơ quan ban hành</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Chủ đề</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Từ ngày</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Đến ngày</translation>
    </message>
    <message>
        <source>Edit target</source>
        <translation>Sửa chỉ tiêu</translation>
    </message>
    <message>
        <source>New target</source>
        <translation>Thêm chỉ tiêu</translation>
    </message>
    <message>
        <source>Indicator *</source>
        <translation>Tên chỉ tiêu *</translation>
    </message>
    <message>
        <source>Unit of measure</source>
        <translation>Đơn vị tính</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>Chiều so sánh</translation>
    </message>
    <message>
        <source>Planned value</source>
        <translation>Kế hoạch</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Ghi chú</translation>
    </message>
</context>
<context>
    <name>MovementFigures</name>
    <message>
        <source>N/A</source>
        <translation>Không áp dụng</translation>
    </message>
    <message>
        <source>This target is not assigned to the unit.</source>
        <translation>Đơn vị chưa được giao chỉ tiêu này.</translation>
    </message>
</context>
<context>
    <name>MovementsPage</name>
    <message>
        <source>Year</source>
        <translation>Năm</translation>
    </message>
    <message>
        <source>Movement</source>
        <translation>Phong trào</translation>
    </message>
    <message>
        <source>Directive</source>
        <translation>Chỉ thị</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Quy định NĐĐ</translation>
    </message>
    <message>
        <source>on</source>
        <translation>bật</translation>
    </message>
    <message>
        <source>Add movement…</source>
        <translation>Thêm phong trào…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Sửa…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Xóa</translation>
    </message>
    <message>
        <source>A head of unit whose unit missed an assigned target is not commended</source>
        <translation>Người đứng đầu đơn vị không hoàn thành chỉ tiêu được giao thì không xét khen thưởng</translation>
    </message>
    <message>
        <source>When on, the eligibility check of every round linked to this movement refuses a head of unit whose unit missed a target of this appendix, naming the directive and each missed target. A target marked not applicable is skipped; a target without an actual figure is shown as to be checked.</source>
        <translation>Khi bật, việc kiểm tra điều kiện của mọi đợt xét gắn với phong trào này sẽ không xét người đứng đầu của đơn vị không hoàn thành chỉ tiêu, nêu rõ số chỉ thị và từng chỉ tiêu không đạt. Chỉ tiêu đánh dấu không áp dụng được bỏ qua; chỉ tiêu chưa nhập số thực hiện được ghi là cần kiểm tra.</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>TT</translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation>Chỉ tiêu</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>Chiều</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>Kế hoạch</translation>
    </message>
    <message>
        <source>Unit of measure</source>
        <translation>Đơn vị tính</translation>
    </message>
    <message>
        <source>Add target…</source>
        <translation>Thêm chỉ tiêu…</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>Lên trên</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>Xuống dưới</translation>
    </message>
    <message>
        <source>Actual figures</source>
        <translation>Số thực hiện</translation>
    </message>
    <message>
        <source>Planned values per unit</source>
        <translation>Kế hoạch của từng đơn vị</translation>
    </message>
    <message>
        <source>Assign to units…</source>
        <translation>Giao cho đơn vị…</translation>
    </message>
    <message>
        <source>Remove unit</source>
        <translation>Bỏ giao đơn vị</translation>
    </message>
    <message>
        <source>Not applicable</source>
        <translation>Không áp dụng</translation>
    </message>
    <message>
        <source>Mark the selected cells as not applicable (the unit has no such activity), or clear the mark</source>
        <translation>Đánh dấu các ô đã chọn là không áp dụng (đơn vị không có hoạt động này), hoặc bỏ đánh dấu</translation>
    </message>
    <message>
        <source>Type a figure in a cell (7,7 or 2.250; Có/Không for yes/no targets) or paste a block copied from Excel with Ctrl+V. Green: met; red: missed; grey: not applicable.</source>
        <translation>Gõ số vào ô (7,7 hoặc 2.250; Có/Không với chỉ tiêu có/không) hoặc dán một vùng chép từ Excel bằng Ctrl+V. Xanh: đạt; đỏ: không đạt; xám: không áp dụng.</translation>
    </message>
    <message>
        <source>Directive and rule</source>
        <translation>Chỉ thị và quy định</translation>
    </message>
    <message>
        <source>Targets appendix</source>
        <translation>Phụ lục chỉ tiêu</translation>
    </message>
    <message>
        <source>Units and figures</source>
        <translation>Đơn vị và số liệu</translation>
    </message>
    <message>
        <source>Emulation movements</source>
        <translation>Phong trào thi đua</translation>
    </message>
    <message>
        <source>No movement yet. Add the year&apos;s movement with its directive, then its targets appendix.</source>
        <translation>Chưa có phong trào nào. Hãy thêm phong trào của năm cùng chỉ thị phát động, rồi nhập phụ lục chỉ tiêu.</translation>
    </message>
    <message>
        <source>Kind: {kind}; year {year}</source>
        <translation>Loại: {kind}; năm {year}</translation>
    </message>
    <message>
        <source>Directive: {number} dated {date}, issued by {issuer}</source>
        <translation>Chỉ thị: số {number} ngày {date}, cơ quan ban hành: {issuer}</translation>
    </message>
    <message>
        <source>Period: {period}</source>
        <translation>Thời gian: {period}</translation>
    </message>
    <message>
        <source>Theme: {theme}</source>
        <translation>Chủ đề: {theme}</translation>
    </message>
    <message>
        <source>{count} targets in the appendix</source>
        <translation>Phụ lục có {count} chỉ tiêu</translation>
    </message>
    <message>
        <source>Movement added: {name}.</source>
        <translation>Đã thêm phong trào: {name}.</translation>
    </message>
    <message>
        <source>Delete the movement “{name}”? It goes to the trash and can be restored.</source>
        <translation>Xóa phong trào “{name}”? Phong trào được chuyển vào thùng rác và có thể khôi phục.</translation>
    </message>
    <message>
        <source>Deleted movement “{name}”.</source>
        <translation>Đã xóa phong trào “{name}”.</translation>
    </message>
    <message>
        <source>Delete the target “{name}” and its copies in the units?</source>
        <translation>Xóa chỉ tiêu “{name}” và các bản đã giao cho đơn vị?</translation>
    </message>
    <message>
        <source>Deleted target “{name}” ({count} unit lines).</source>
        <translation>Đã xóa chỉ tiêu “{name}” ({count} dòng của đơn vị).</translation>
    </message>
    <message>
        <source>{count} targets assigned.</source>
        <translation>Đã giao {count} chỉ tiêu.</translation>
    </message>
    <message>
        <source>Select a cell of one unit first.</source>
        <translation>Hãy chọn một ô của một đơn vị trước.</translation>
    </message>
    <message>
        <source>Targets taken back from {name}.</source>
        <translation>Đã bỏ giao chỉ tiêu cho {name}.</translation>
    </message>
    <message>
        <source>{count} pasted cells fall outside the assigned targets; nothing was pasted.</source>
        <translation>{count} ô dán nằm ngoài các chỉ tiêu đã giao; không dán ô nào.</translation>
    </message>
    <message>
        <source>Assign to units</source>
        <translation>Giao chỉ tiêu cho đơn vị</translation>
    </message>
    <message>
        <source>Every target of the appendix is given to the ticked units, planned as in the appendix (adjust per unit afterwards).</source>
        <translation>Mọi chỉ tiêu của phụ lục được giao cho các đơn vị được đánh dấu, kế hoạch như phụ lục (sửa riêng từng đơn vị sau).</translation>
    </message>
</context>
<context>
    <name>NominationDialog</name>
    <message>
        <source>Edit nomination</source>
        <translation>Sửa đề nghị khen thưởng</translation>
    </message>
    <message>
        <source>Add nomination</source>
        <translation>Thêm đề nghị khen thưởng</translation>
    </message>
    <message>
        <source>Individual</source>
        <translation>Cá nhân</translation>
    </message>
    <message>
        <source>Collective</source>
        <translation>Tập thể</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>Hộ gia đình</translation>
    </message>
    <message>
        <source>Type a name (tones optional)…</source>
        <translation>Gõ họ tên (không dấu cũng được)…</translation>
    </message>
    <message>
        <source>Subject kind</source>
        <translation>Đối tượng</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Cá nhân</translation>
    </message>
    <message>
        <source>Award</source>
        <translation>Danh hiệu/hình thức</translation>
    </message>
    <message>
        <source>Achievement summary</source>
        <translation>Tóm tắt thành tích</translation>
    </message>
</context>
<context>
    <name>OptionalDateEdit</name>
    <message>
        <source>Not known</source>
        <translation>Chưa rõ</translation>
    </message>
</context>
<context>
    <name>OverviewPage</name>
    <message>
        <source>units</source>
        <translation>đơn vị</translation>
    </message>
    <message>
        <source>people</source>
        <translation>cá nhân</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Dữ liệu</translation>
    </message>
    <message>
        <source>Database file</source>
        <translation>Tệp cơ sở dữ liệu</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Dung lượng</translation>
    </message>
    <message>
        <source>Last backup</source>
        <translation>Lần sao lưu gần nhất</translation>
    </message>
    <message>
        <source>billion ₫</source>
        <translation>tỷ đồng</translation>
    </message>
    <message>
        <source>million ₫</source>
        <translation>triệu đồng</translation>
    </message>
    <message>
        <source>%1: not set</source>
        <translation>%1: chưa đặt hạn</translation>
    </message>
    <message>
        <source>%1: %2 (%3 days late)</source>
        <translation>%1: %2 (quá hạn %3 ngày)</translation>
    </message>
    <message>
        <source>%1: %2 (closed %3 days ago)</source>
        <translation>%1: %2 (đã hết hạn %3 ngày)</translation>
    </message>
    <message>
        <source>%1: %2 (today)</source>
        <translation>%1: %2 (hôm nay)</translation>
    </message>
    <message>
        <source>%1: %2 (%3 days left)</source>
        <translation>%1: %2 (còn %3 ngày)</translation>
    </message>
    <message>
        <source>Open the round&apos;s nominations</source>
        <translation>Mở danh sách đề nghị của đợt</translation>
    </message>
    <message>
        <source>%1 nominations</source>
        <translation>%1 đề nghị</translation>
    </message>
    <message>
        <source>Registration</source>
        <translation>Hạn đăng ký</translation>
    </message>
    <message>
        <source>Submission</source>
        <translation>Hạn nộp hồ sơ</translation>
    </message>
    <message>
        <source>No nomination in this round yet.</source>
        <translation>Đợt này chưa có đề nghị nào.</translation>
    </message>
    <message>
        <source>Click a status to list its nominations</source>
        <translation>Bấm vào một trạng thái để xem các đề nghị đó</translation>
    </message>
    <message>
        <source>%1 to check</source>
        <translation>%1 đề nghị cần kiểm tra</translation>
    </message>
    <message>
        <source>%1 not checked yet</source>
        <translation>%1 đề nghị chưa kiểm tra điều kiện</translation>
    </message>
    <message>
        <source>Open the round and press “Check eligibility”</source>
        <translation>Mở đợt xét và bấm “Kiểm tra điều kiện”</translation>
    </message>
    <message>
        <source>Finding out why…</source>
        <translation>Đang tìm lý do…</translation>
    </message>
    <message>
        <source>Eligibility “Cần kiểm tra”</source>
        <translation>Điều kiện “Cần kiểm tra”</translation>
    </message>
    <message>
        <source>Decisions</source>
        <translation>Quyết định</translation>
    </message>
    <message>
        <source>%1 awaiting signature</source>
        <translation>%1 quyết định chờ ký</translation>
    </message>
    <message>
        <source>Check eligibility again to see why.</source>
        <translation>Hãy kiểm tra điều kiện lại để xem lý do.</translation>
    </message>
    <message>
        <source>nominations to check</source>
        <translation>đề nghị cần kiểm tra</translation>
    </message>
    <message>
        <source>bloc score sheets not done</source>
        <translation>bảng điểm khối chưa xong</translation>
    </message>
    <message>
        <source>decisions to sign</source>
        <translation>quyết định chờ ký</translation>
    </message>
    <message>
        <source>packages awaiting a receipt</source>
        <translation>gói chờ biên nhận</translation>
    </message>
    <message>
        <source>Award rounds in progress</source>
        <translation>Các đợt xét đang thực hiện</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Đang tải…</translation>
    </message>
    <message>
        <source>Emulation blocs</source>
        <translation>Khối, cụm thi đua</translation>
    </message>
    <message>
        <source>Data packages</source>
        <translation>Gói dữ liệu</translation>
    </message>
    <message>
        <source>Trash</source>
        <translation>Thùng rác</translation>
    </message>
    <message>
        <source>No award history yet.</source>
        <translation>Chưa có lịch sử khen thưởng.</translation>
    </message>
    <message>
        <source>No award money recorded yet.</source>
        <translation>Chưa có tiền thưởng nào được ghi.</translation>
    </message>
    <message>
        <source>Awards per year, by level</source>
        <translation>Khen thưởng theo năm và cấp</translation>
    </message>
    <message>
        <source>Award money per year</source>
        <translation>Tiền thưởng theo năm</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>Tổng quan</translation>
    </message>
    <message>
        <source>This database is not set up yet.</source>
        <translation>Cơ sở dữ liệu này chưa được thiết lập.</translation>
    </message>
    <message>
        <source>Parent office: {name}</source>
        <translation>Cơ quan cấp trên: {name}</translation>
    </message>
    <message>
        <source>The figures could not be read: %1</source>
        <translation>Không đọc được số liệu: %1</translation>
    </message>
    <message>
        <source>%1 sent upward, awaiting the receipt</source>
        <translation>%1 gói đã gửi lên, chờ biên nhận</translation>
    </message>
    <message>
        <source>%1 imported this year</source>
        <translation>%1 gói đã nhập trong năm nay</translation>
    </message>
    <message>
        <source>%1 items</source>
        <translation>%1 mục</translation>
    </message>
    <message>
        <source>Kept by the database server</source>
        <translation>Do máy chủ cơ sở dữ liệu đảm nhận</translation>
    </message>
    <message>
        <source>No round in progress. Open the award rounds page to start one.</source>
        <translation>Không có đợt xét nào đang thực hiện. Mở trang Đợt xét khen thưởng để tạo đợt mới.</translation>
    </message>
    <message>
        <source>Emulation blocs %1</source>
        <translation>Khối, cụm thi đua năm %1</translation>
    </message>
    <message>
        <source>No bloc this year.</source>
        <translation>Năm nay chưa có khối, cụm thi đua.</translation>
    </message>
    <message>
        <source>%1 of %2 blocs have every sheet reviewed.</source>
        <translation>%1/%2 khối, cụm đã chấm xong mọi bảng điểm.</translation>
    </message>
    <message>
        <source>%1 not sent</source>
        <translation>%1 chưa gửi</translation>
    </message>
    <message>
        <source>%1 to review</source>
        <translation>%1 chờ khối chấm</translation>
    </message>
    <message>
        <source>%1 member units</source>
        <translation>%1 đơn vị thành viên</translation>
    </message>
    <message>
        <source>Money paid with the awards</source>
        <translation>Tiền thưởng kèm theo khen thưởng</translation>
    </message>
    <message>
        <source>None yet</source>
        <translation>Chưa có</translation>
    </message>
    <message>
        <source>There is no backup of this data yet. Back it up now (File › Back up data…) and keep a copy on another disk.</source>
        <translation>Dữ liệu này chưa có bản sao lưu nào. Hãy sao lưu ngay (Tệp › Sao lưu dữ liệu…) và giữ một bản ở ổ đĩa khác.</translation>
    </message>
    <message>
        <source>The last backup is {days} days old. Back up now (File › Back up data…).</source>
        <translation>Bản sao lưu gần nhất đã {days} ngày. Hãy sao lưu ngay (Tệp › Sao lưu dữ liệu…).</translation>
    </message>
</context>
<context>
    <name>Pages</name>
    <message>
        <source>Overview</source>
        <translation>Tổng quan</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>Đơn vị</translation>
    </message>
    <message>
        <source>People</source>
        <translation>Cá nhân</translation>
    </message>
    <message>
        <source>Award catalog</source>
        <translation>Danh mục khen thưởng</translation>
    </message>
    <message>
        <source>View and edit the emulation titles and commendation forms, their coefficients and legal basis.</source>
        <translation>Xem và sửa các danh hiệu thi đua, hình thức khen thưởng, hệ số tiền thưởng và căn cứ pháp lý.</translation>
    </message>
    <message>
        <source>Emulation movements</source>
        <translation>Phong trào thi đua</translation>
    </message>
    <message>
        <source>Record each year&apos;s emulation movements with their launching documents and targets.</source>
        <translation>Quản lý các phong trào thi đua hằng năm cùng văn bản phát động và chỉ tiêu.</translation>
    </message>
    <message>
        <source>Award rounds</source>
        <translation>Đợt xét khen thưởng</translation>
    </message>
    <message>
        <source>Collect nominations, check eligibility automatically, record council votes and decisions.</source>
        <translation>Tổng hợp đề nghị khen thưởng, tự động kiểm tra điều kiện, ghi kết quả bỏ phiếu của Hội đồng và quyết định.</translation>
    </message>
    <message>
        <source>Emulation blocs</source>
        <translation>Khối thi đua</translation>
    </message>
    <message>
        <source>Manage blocs and clusters, score criteria tables and rank member units.</source>
        <translation>Quản lý khối, cụm thi đua, chấm điểm theo bảng tiêu chí và xếp hạng các đơn vị thành viên.</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>Văn bản</translation>
    </message>
    <message>
        <source>Produce submissions, decisions and minutes in Word following Decree 30/2020.</source>
        <translation>Soạn tờ trình, quyết định, biên bản bằng Word theo thể thức Nghị định 30/2020.</translation>
    </message>
    <message>
        <source>Sync (data packages)</source>
        <translation>Đồng bộ (gói dữ liệu)</translation>
    </message>
    <message>
        <source>Send and receive data packages with the upper and lower levels by USB stick or e-mail.</source>
        <translation>Gửi và nhận gói dữ liệu với cấp trên, cấp dưới qua USB hoặc thư điện tử.</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>Báo cáo</translation>
    </message>
    <message>
        <source>Statistics of awards by kind, unit, year, gender and ethnicity, with charts.</source>
        <translation>Thống kê khen thưởng theo hình thức, đơn vị, năm, giới tính và dân tộc, kèm biểu đồ.</translation>
    </message>
    <message>
        <source>Trash</source>
        <translation>Thùng rác</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>Sao lưu</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Cài đặt</translation>
    </message>
</context>
<context>
    <name>PeopleModel</name>
    <message>
        <source>Full name</source>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>Giới tính</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>Ngày sinh</translation>
    </message>
    <message>
        <source>Ethnicity</source>
        <translation>Dân tộc</translation>
    </message>
    <message>
        <source>Citizen ID</source>
        <translation>Số CCCD</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Chức vụ</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Đơn vị</translation>
    </message>
    <message>
        <source>Head of unit</source>
        <translation>Người đứng đầu đơn vị</translation>
    </message>
</context>
<context>
    <name>PeoplePage</name>
    <message>
        <source>Search by name or citizen ID (tones optional)…</source>
        <translation>Tìm theo họ tên hoặc số CCCD (gõ không dấu cũng được)…</translation>
    </message>
    <message>
        <source>All units – type to filter by unit</source>
        <translation>Tất cả đơn vị – gõ tên để lọc theo đơn vị</translation>
    </message>
    <message>
        <source>Include sub-units</source>
        <translation>Gồm đơn vị trực thuộc</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>Thêm…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Sửa…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Xóa</translation>
    </message>
    <message>
        <source>Import from Excel…</source>
        <translation>Nhập từ Excel…</translation>
    </message>
    <message>
        <source>Export to Excel…</source>
        <translation>Xuất Excel…</translation>
    </message>
    <message>
        <source>Add person</source>
        <translation>Thêm cá nhân</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Sửa</translation>
    </message>
    <message>
        <source>Award timeline…</source>
        <translation>Quá trình khen thưởng…</translation>
    </message>
    <message>
        <source>Unit:</source>
        <translation>Đơn vị:</translation>
    </message>
    <message>
        <source>People</source>
        <translation>Cá nhân</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Đang tải…</translation>
    </message>
    <message>
        <source>{count} people</source>
        <translation>{count} cá nhân</translation>
    </message>
    <message>
        <source>Added {name}.</source>
        <translation>Đã thêm {name}.</translation>
    </message>
    <message>
        <source>… and {count} more</source>
        <translation>… và {count} người khác</translation>
    </message>
    <message>
        <source>Move {count} people to the trash?
{names}

You can restore them from Trash.</source>
        <translation>Chuyển {count} cá nhân vào Thùng rác?
{names}

Có thể khôi phục lại từ Thùng rác.</translation>
    </message>
    <message>
        <source>Moved {what} to the trash.</source>
        <translation>Đã chuyển {what} vào Thùng rác.</translation>
    </message>
</context>
<context>
    <name>PersonDialog</name>
    <message>
        <source>Edit person</source>
        <translation>Sửa thông tin cá nhân</translation>
    </message>
    <message>
        <source>Add person</source>
        <translation>Thêm cá nhân</translation>
    </message>
    <message>
        <source>e.g. Nguyễn Văn An</source>
        <translation>ví dụ: Nguyễn Văn An</translation>
    </message>
    <message>
        <source>12 digits</source>
        <translation>12 chữ số</translation>
    </message>
    <message>
        <source>Being the head of a unit is entered as a position with dates, on the Positions tab</source>
        <translation>Người đứng đầu đơn vị được nhập là một chức vụ có thời gian, ở thẻ Chức vụ</translation>
    </message>
    <message>
        <source>Direct worker</source>
        <translation>Lao động trực tiếp</translation>
    </message>
    <message>
        <source>Worker or farmer directly producing (counted separately in reports)</source>
        <translation>Công nhân, nông dân, người lao động trực tiếp sản xuất (thống kê riêng trong báo cáo)</translation>
    </message>
    <message>
        <source>Full name *</source>
        <translation>Họ và tên *</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>Giới tính</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>Ngày sinh</translation>
    </message>
    <message>
        <source>Ethnicity</source>
        <translation>Dân tộc</translation>
    </message>
    <message>
        <source>Citizen ID (CCCD)</source>
        <translation>Số CCCD</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Chức vụ</translation>
    </message>
    <message>
        <source>Unit *</source>
        <translation>Đơn vị công tác *</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Ghi chú</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Lưu</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>General</source>
        <translation>Thông tin chung</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Đơn vị</translation>
    </message>
    <message>
        <source>pick a unit from the list that appears as you type</source>
        <translation>hãy chọn một đơn vị trong danh sách hiện ra khi gõ</translation>
    </message>
    <message>
        <source>Head of the unit today</source>
        <translation>Người đứng đầu đơn vị hiện nay</translation>
    </message>
</context>
<context>
    <name>PersonRecords</name>
    <message>
        <source>These records can be entered once the person is saved: press Save, then open the person again.</source>
        <translation>Nhập được các thông tin này sau khi lưu cá nhân: bấm Lưu, rồi mở lại cá nhân đó.</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>Thêm…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Sửa…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Xóa</translation>
    </message>
    <message>
        <source>Undo delete</source>
        <translation>Hoàn tác</translation>
    </message>
    <message>
        <source>Bring back the record deleted last</source>
        <translation>Khôi phục bản ghi vừa xóa</translation>
    </message>
    <message>
        <source>Deleted: %1. “Undo delete” brings it back.</source>
        <translation>Đã xóa: %1. Bấm “Hoàn tác” để khôi phục.</translation>
    </message>
    <message>
        <source>Restored: %1.</source>
        <translation>Đã khôi phục: %1.</translation>
    </message>
    <message>
        <source>Positions</source>
        <translation>Chức vụ</translation>
    </message>
    <message>
        <source>Ratings</source>
        <translation>Xếp loại</translation>
    </message>
    <message>
        <source>Initiatives</source>
        <translation>Sáng kiến</translation>
    </message>
    <message>
        <source>Awards received</source>
        <translation>Khen thưởng đã có</translation>
    </message>
    <message>
        <source>Discipline</source>
        <translation>Kỷ luật</translation>
    </message>
</context>
<context>
    <name>PlaceholderPage</name>
    <message>
        <source>This feature is not in this version yet.</source>
        <translation>Chức năng này chưa có trong phiên bản này.</translation>
    </message>
</context>
<context>
    <name>QAbstractSpinBox</name>
    <message>
        <source>&amp;Select All</source>
        <translation>&amp;Chọn tất cả</translation>
    </message>
    <message>
        <source>&amp;Step up</source>
        <translation>&amp;Tăng</translation>
    </message>
    <message>
        <source>Step &amp;down</source>
        <translation>&amp;Giảm</translation>
    </message>
</context>
<context>
    <name>QLineEdit</name>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Hoàn tác</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Làm lại</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>&amp;Cắt</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Sao chép</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>&amp;Dán</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Xóa</translation>
    </message>
    <message>
        <source>Select All</source>
        <translation>Chọn tất cả</translation>
    </message>
</context>
<context>
    <name>QMessageBox</name>
    <message>
        <source>Show Details...</source>
        <translation>Xem chi tiết...</translation>
    </message>
    <message>
        <source>Hide Details...</source>
        <translation>Ẩn chi tiết...</translation>
    </message>
</context>
<context>
    <name>QPlatformTheme</name>
    <message>
        <source>OK</source>
        <translation>Đồng ý</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Lưu</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Mở</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Áp dụng</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Đặt lại</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>Trợ giúp</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Bỏ qua</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Có</translation>
    </message>
    <message>
        <source>&amp;Yes</source>
        <translation>&amp;Có</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Không</translation>
    </message>
    <message>
        <source>&amp;No</source>
        <translation>&amp;Không</translation>
    </message>
    <message>
        <source>Abort</source>
        <translation>Dừng</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Thử lại</translation>
    </message>
    <message>
        <source>Ignore</source>
        <translation>Bỏ qua</translation>
    </message>
    <message>
        <source>Restore Defaults</source>
        <translation>Khôi phục mặc định</translation>
    </message>
</context>
<context>
    <name>QWidgetTextControl</name>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Hoàn tác</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Làm lại</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>&amp;Cắt</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Sao chép</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>&amp;Dán</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Xóa</translation>
    </message>
    <message>
        <source>Select All</source>
        <translation>Chọn tất cả</translation>
    </message>
</context>
<context>
    <name>RecordColumns</name>
    <message>
        <source>from %1</source>
        <translation>từ %1</translation>
    </message>
    <message>
        <source>until %1</source>
        <translation>đến %1</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Chức vụ</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Đơn vị</translation>
    </message>
    <message>
        <source>Head of unit</source>
        <translation>Đứng đầu</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Có</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Từ ngày</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>Đến ngày</translation>
    </message>
    <message>
        <source>present</source>
        <translation>nay</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Ghi chú</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>Năm</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>Xếp loại</translation>
    </message>
    <message>
        <source>Months worked</source>
        <translation>Số tháng làm việc</translation>
    </message>
    <message>
        <source>Leave</source>
        <translation>Nghỉ dài ngày</translation>
    </message>
    <message>
        <source>%1 months</source>
        <translation>%1 tháng</translation>
    </message>
    <message>
        <source>Initiative</source>
        <translation>Tên sáng kiến</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>Phạm vi</translation>
    </message>
    <message>
        <source>Decision no.</source>
        <translation>Số quyết định</translation>
    </message>
    <message>
        <source>Decision date</source>
        <translation>Ngày quyết định</translation>
    </message>
    <message>
        <source>Recognised by</source>
        <translation>Cơ quan công nhận</translation>
    </message>
    <message>
        <source>Title or form</source>
        <translation>Danh hiệu, hình thức</translation>
    </message>
    <message>
        <source>Kind of achievement</source>
        <translation>Loại thành tích</translation>
    </message>
    <message>
        <source>Issuer</source>
        <translation>Cơ quan ban hành</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>Hình thức</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Tình trạng</translation>
    </message>
    <message>
        <source>In effect</source>
        <translation>Thời hạn</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Lý do</translation>
    </message>
</context>
<context>
    <name>RecordEditor</name>
    <message>
        <source>Save</source>
        <translation>Lưu</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>Add position</source>
        <translation>Thêm chức vụ</translation>
    </message>
    <message>
        <source>Edit position</source>
        <translation>Sửa chức vụ</translation>
    </message>
    <message>
        <source>e.g. Chủ tịch UBND xã</source>
        <translation>ví dụ: Chủ tịch UBND xã</translation>
    </message>
    <message>
        <source>Head of this unit during these dates</source>
        <translation>Là người đứng đầu đơn vị trong thời gian này</translation>
    </message>
    <message>
        <source>Not known</source>
        <translation>Không rõ</translation>
    </message>
    <message>
        <source>Still held</source>
        <translation>Đang giữ</translation>
    </message>
    <message>
        <source>Position *</source>
        <translation>Chức vụ *</translation>
    </message>
    <message>
        <source>Unit *</source>
        <translation>Đơn vị *</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Từ ngày</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>Đến ngày</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Ghi chú</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Đơn vị</translation>
    </message>
    <message>
        <source>pick a unit from the list that appears as you type</source>
        <translation>hãy chọn đơn vị trong danh sách hiện ra khi gõ</translation>
    </message>
    <message>
        <source>Add yearly rating</source>
        <translation>Thêm xếp loại năm</translation>
    </message>
    <message>
        <source>Edit yearly rating</source>
        <translation>Sửa xếp loại năm</translation>
    </message>
    <message>
        <source>— choose —</source>
        <translation>— chọn —</translation>
    </message>
    <message>
        <source>Not recorded</source>
        <translation>Chưa ghi</translation>
    </message>
    <message>
        <source>— no long leave —</source>
        <translation>— không nghỉ dài ngày —</translation>
    </message>
    <message>
        <source>Year *</source>
        <translation>Năm *</translation>
    </message>
    <message>
        <source>Rating *</source>
        <translation>Mức xếp loại *</translation>
    </message>
    <message>
        <source>Months worked</source>
        <translation>Số tháng công tác</translation>
    </message>
    <message>
        <source>Months of leave</source>
        <translation>Số tháng nghỉ</translation>
    </message>
    <message>
        <source>Kind of leave</source>
        <translation>Loại nghỉ</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>Năm</translation>
    </message>
    <message>
        <source>this person already has a rating for %1; edit that row instead</source>
        <translation>người này đã có xếp loại năm %1; hãy sửa dòng đó</translation>
    </message>
    <message>
        <source>Add initiative</source>
        <translation>Thêm sáng kiến</translation>
    </message>
    <message>
        <source>Edit initiative</source>
        <translation>Sửa sáng kiến</translation>
    </message>
    <message>
        <source>e.g. 15/QĐ-UBND</source>
        <translation>ví dụ: 15/QĐ-UBND</translation>
    </message>
    <message>
        <source>Initiative *</source>
        <translation>Tên sáng kiến *</translation>
    </message>
    <message>
        <source>Year recognised *</source>
        <translation>Năm công nhận *</translation>
    </message>
    <message>
        <source>Scope *</source>
        <translation>Phạm vi công nhận *</translation>
    </message>
    <message>
        <source>Decision no. *</source>
        <translation>Số quyết định *</translation>
    </message>
    <message>
        <source>Decision date</source>
        <translation>Ngày quyết định</translation>
    </message>
    <message>
        <source>Recognised by</source>
        <translation>Cơ quan công nhận</translation>
    </message>
    <message>
        <source>Add award received</source>
        <translation>Thêm khen thưởng đã có</translation>
    </message>
    <message>
        <source>Edit award received</source>
        <translation>Sửa khen thưởng đã có</translation>
    </message>
    <message>
        <source>Title or form *</source>
        <translation>Danh hiệu, hình thức *</translation>
    </message>
    <message>
        <source>Kind of achievement *</source>
        <translation>Loại thành tích *</translation>
    </message>
    <message>
        <source>Decision date *</source>
        <translation>Ngày quyết định *</translation>
    </message>
    <message>
        <source>Issuer</source>
        <translation>Cơ quan ban hành</translation>
    </message>
    <message>
        <source>Achievements from</source>
        <translation>Thành tích từ ngày</translation>
    </message>
    <message>
        <source>Achievements until</source>
        <translation>Thành tích đến ngày</translation>
    </message>
    <message>
        <source>Add discipline</source>
        <translation>Thêm kỷ luật</translation>
    </message>
    <message>
        <source>Edit discipline</source>
        <translation>Sửa kỷ luật</translation>
    </message>
    <message>
        <source>Form of discipline *</source>
        <translation>Hình thức kỷ luật *</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Tình trạng</translation>
    </message>
    <message>
        <source>Decision no.</source>
        <translation>Số quyết định</translation>
    </message>
    <message>
        <source>In effect from</source>
        <translation>Hiệu lực từ ngày</translation>
    </message>
    <message>
        <source>In effect until</source>
        <translation>Hiệu lực đến ngày</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Lý do kỷ luật</translation>
    </message>
</context>
<context>
    <name>RenderDialog</name>
    <message>
        <source>Create document</source>
        <translation>Tạo văn bản</translation>
    </message>
    <message>
        <source>Select all</source>
        <translation>Chọn tất cả</translation>
    </message>
    <message>
        <source>Select none</source>
        <translation>Bỏ chọn tất cả</translation>
    </message>
    <message>
        <source>blank (not issued yet)</source>
        <translation>để trống (chưa cấp số)</translation>
    </message>
    <message>
        <source>Full name of the signer</source>
        <translation>Họ và tên người ký</translation>
    </message>
    <message>
        <source>Leave blank to use the province setting</source>
        <translation>Để trống để dùng nơi nhận theo tham số của tỉnh</translation>
    </message>
    <message>
        <source>The number, signing date and signer are taken from the decision.</source>
        <translation>Số, ngày ký và người ký lấy từ quyết định.</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Chọn…</translation>
    </message>
    <message>
        <source>Also export PDF</source>
        <translation>Xuất thêm PDF</translation>
    </message>
    <message>
        <source>LibreOffice is not installed on this computer, so PDF cannot be made. Install LibreOffice (free, libreoffice.org) or save as PDF from Word.</source>
        <translation>Máy này chưa cài LibreOffice nên không xuất được PDF. Hãy cài LibreOffice (miễn phí, libreoffice.org) hoặc mở văn bản bằng Word rồi lưu thành PDF.</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>Mẫu văn bản</translation>
    </message>
    <message>
        <source>Round</source>
        <translation>Đợt xét</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Quyết định</translation>
    </message>
    <message>
        <source>Council meeting</source>
        <translation>Cuộc họp Hội đồng</translation>
    </message>
    <message>
        <source>Nominations</source>
        <translation>Đề nghị</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Đơn vị</translation>
    </message>
    <message>
        <source>Registration year</source>
        <translation>Năm đăng ký</translation>
    </message>
    <message>
        <source>Movement</source>
        <translation>Phong trào</translation>
    </message>
    <message>
        <source>Emulation bloc</source>
        <translation>Khối, cụm thi đua</translation>
    </message>
    <message>
        <source>Document date</source>
        <translation>Ngày văn bản</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Số, ký hiệu</translation>
    </message>
    <message>
        <source>Signer</source>
        <translation>Người ký</translation>
    </message>
    <message>
        <source>Signing capacity</source>
        <translation>Thẩm quyền ký</translation>
    </message>
    <message>
        <source>To (Kính gửi)</source>
        <translation>Kính gửi</translation>
    </message>
    <message>
        <source>Save as</source>
        <translation>Lưu thành tệp</translation>
    </message>
    <message>
        <source>Open document</source>
        <translation>Mở văn bản</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>Mở thư mục</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <source>For: %1. %2</source>
        <translation>Lập cho: %1. %2</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Thư mục</translation>
    </message>
    <message>
        <source> and %1 more</source>
        <translation> và %1 người khác</translation>
    </message>
    <message>
        <source>Will print %1 %2 sheet(s), one for each: %3.</source>
        <translation>Sẽ in %1 tờ %2, mỗi người/tập thể một tờ: %3.</translation>
    </message>
    <message>
        <source>signed %1</source>
        <translation>đã ký ngày %1</translation>
    </message>
    <message>
        <source>draft</source>
        <translation>dự thảo</translation>
    </message>
    <message>
        <source>no number</source>
        <translation>chưa có số</translation>
    </message>
    <message>
        <source>Meeting of %1, %2 of %3 members present</source>
        <translation>Họp ngày %1, %2/%3 thành viên có mặt</translation>
    </message>
    <message>
        <source>Loading nominations…</source>
        <translation>Đang tải danh sách đề nghị…</translation>
    </message>
    <message>
        <source>%1 nominations of: %2</source>
        <translation>%1 đề nghị của: %2</translation>
    </message>
    <message>
        <source>Folder for the documents</source>
        <translation>Thư mục lưu văn bản</translation>
    </message>
    <message>
        <source>Save document</source>
        <translation>Lưu văn bản</translation>
    </message>
    <message>
        <source>Word document (*.docx)</source>
        <translation>Văn bản Word (*.docx)</translation>
    </message>
    <message>
        <source>Choose a round.</source>
        <translation>Hãy chọn đợt xét khen thưởng.</translation>
    </message>
    <message>
        <source>Tick at least one nomination.</source>
        <translation>Hãy đánh dấu ít nhất một đề nghị.</translation>
    </message>
    <message>
        <source>This round has no decision yet.</source>
        <translation>Đợt xét này chưa có quyết định.</translation>
    </message>
    <message>
        <source>This round has no council meeting yet.</source>
        <translation>Đợt xét này chưa có cuộc họp Hội đồng.</translation>
    </message>
    <message>
        <source>Choose a unit.</source>
        <translation>Hãy chọn đơn vị.</translation>
    </message>
    <message>
        <source>Choose a movement.</source>
        <translation>Hãy chọn phong trào thi đua.</translation>
    </message>
    <message>
        <source>Choose an emulation bloc.</source>
        <translation>Hãy chọn khối, cụm thi đua.</translation>
    </message>
    <message>
        <source>Choose where to save the document.</source>
        <translation>Hãy chọn nơi lưu văn bản.</translation>
    </message>
    <message>
        <source>Creating %1 documents…</source>
        <translation>Đang tạo %1 văn bản…</translation>
    </message>
    <message>
        <source>%1 already exists. Replace it?</source>
        <translation>Đã có tệp %1. Ghi đè lên tệp này?</translation>
    </message>
    <message>
        <source>Creating the document…</source>
        <translation>Đang tạo văn bản…</translation>
    </message>
    <message>
        <source>Created %1</source>
        <translation>Đã tạo %1</translation>
    </message>
    <message>
        <source>Created %1 documents in %2</source>
        <translation>Đã tạo %1 văn bản trong thư mục %2</translation>
    </message>
    <message>
        <source>(with PDF)</source>
        <translation>(kèm bản PDF)</translation>
    </message>
    <message>
        <source>Stopped. The documents already created stay in the folder.</source>
        <translation>Đã dừng. Các văn bản đã tạo xong vẫn được giữ trong thư mục.</translation>
    </message>
</context>
<context>
    <name>ReportView</name>
    <message>
        <source>Cannot be filled: {why}</source>
        <translation>Không điền được: {why}</translation>
    </message>
    <message>
        <source>Cells the app cannot fill (—):</source>
        <translation>Ô không điền được (—):</translation>
    </message>
    <message>
        <source>Nothing to chart.</source>
        <translation>Không có số liệu để vẽ biểu đồ.</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <source>(none)</source>
        <translation>(không)</translation>
    </message>
    <message>
        <source>Compute</source>
        <translation>Tính</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>Lưu báo cáo…</translation>
    </message>
    <message>
        <source>Delete saved</source>
        <translation>Xóa báo cáo đã lưu</translation>
    </message>
    <message>
        <source>Export Excel</source>
        <translation>Xuất Excel</translation>
    </message>
    <message>
        <source>Export Word</source>
        <translation>Xuất Word</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>In…</translation>
    </message>
    <message>
        <source>Whole province</source>
        <translation>Toàn tỉnh</translation>
    </message>
    <message>
        <source>All awards</source>
        <translation>Mọi danh hiệu, hình thức</translation>
    </message>
    <message>
        <source>All levels</source>
        <translation>Mọi cấp</translation>
    </message>
    <message>
        <source>All subjects</source>
        <translation>Mọi đối tượng</translation>
    </message>
    <message>
        <source>Both</source>
        <translation>Cả nam và nữ</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Tất cả</translation>
    </message>
    <message>
        <source>Ethnic minorities</source>
        <translation>Dân tộc thiểu số</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Có</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Không</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>Mọi loại</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Mọi trạng thái</translation>
    </message>
    <message>
        <source>Report:</source>
        <translation>Báo cáo:</translation>
    </message>
    <message>
        <source>Years:</source>
        <translation>Năm:</translation>
    </message>
    <message>
        <source>Unit:</source>
        <translation>Đơn vị:</translation>
    </message>
    <message>
        <source>Award:</source>
        <translation>Khen thưởng:</translation>
    </message>
    <message>
        <source>Level:</source>
        <translation>Cấp:</translation>
    </message>
    <message>
        <source>Subject:</source>
        <translation>Đối tượng:</translation>
    </message>
    <message>
        <source>Gender:</source>
        <translation>Giới tính:</translation>
    </message>
    <message>
        <source>Ethnicity:</source>
        <translation>Dân tộc:</translation>
    </message>
    <message>
        <source>Direct worker:</source>
        <translation>Người trực tiếp:</translation>
    </message>
    <message>
        <source>Achievement:</source>
        <translation>Thành tích:</translation>
    </message>
    <message>
        <source>Source:</source>
        <translation>Nguồn:</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>Trạng thái:</translation>
    </message>
    <message>
        <source>Group by:</source>
        <translation>Nhóm theo:</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>Báo cáo</translation>
    </message>
    <message>
        <source>Custom report (filters and grouping)</source>
        <translation>Báo cáo tự chọn (lọc, nhóm)</translation>
    </message>
    <message>
        <source>Saved: {name}</source>
        <translation>Đã lưu: {name}</translation>
    </message>
    <message>
        <source>Computing…</source>
        <translation>Đang tính…</translation>
    </message>
    <message>
        <source>Save report</source>
        <translation>Lưu báo cáo</translation>
    </message>
    <message>
        <source>Name of the report:</source>
        <translation>Tên báo cáo:</translation>
    </message>
    <message>
        <source>Saved the report “{name}”.</source>
        <translation>Đã lưu báo cáo “{name}”.</translation>
    </message>
    <message>
        <source>Delete the saved report “{name}”?</source>
        <translation>Xóa báo cáo đã lưu “{name}”?</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Tệp Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>Word document (*.docx)</source>
        <translation>Văn bản Word (*.docx)</translation>
    </message>
    <message>
        <source>Export the report</source>
        <translation>Xuất báo cáo</translation>
    </message>
    <message>
        <source>Exported the report to {path}.</source>
        <translation>Đã xuất báo cáo ra {path}.</translation>
    </message>
</context>
<context>
    <name>RoundDialog</name>
    <message>
        <source>Edit round</source>
        <translation>Sửa đợt xét khen thưởng</translation>
    </message>
    <message>
        <source>New round</source>
        <translation>Đợt xét khen thưởng mới</translation>
    </message>
    <message>
        <source>e.g. Year-end awards of the year 2026</source>
        <translation>Ví dụ: Xét khen thưởng cuối năm 2026</translation>
    </message>
    <message>
        <source>Round name *</source>
        <translation>Tên đợt xét *</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Loại đợt xét</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>Năm</translation>
    </message>
    <message>
        <source>Emulation movement</source>
        <translation>Phong trào thi đua</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Lưu</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>(not linked to a movement)</source>
        <translation>(không gắn phong trào)</translation>
    </message>
</context>
<context>
    <name>RoundsPage</name>
    <message>
        <source>not checked</source>
        <translation>chưa kiểm tra</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Lý do</translation>
    </message>
    <message>
        <source>Reason for “%1”:</source>
        <translation>Lý do chuyển sang “%1”:</translation>
    </message>
    <message>
        <source>New round…</source>
        <translation>Đợt xét mới…</translation>
    </message>
    <message>
        <source>Edit round…</source>
        <translation>Sửa đợt…</translation>
    </message>
    <message>
        <source>Delete round</source>
        <translation>Xóa đợt</translation>
    </message>
    <message>
        <source>Only a round without nominations can be deleted (Ctrl+Z undoes it).</source>
        <translation>Chỉ xóa được đợt chưa có đề nghị nào (Ctrl+Z để hoàn tác).</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Mọi trạng thái</translation>
    </message>
    <message>
        <source>Any eligibility</source>
        <translation>Mọi kết quả kiểm tra</translation>
    </message>
    <message>
        <source>Search by name (tones optional)…</source>
        <translation>Tìm theo tên (gõ không dấu cũng được)…</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Đối tượng</translation>
    </message>
    <message>
        <source>Award</source>
        <translation>Danh hiệu/hình thức</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>Eligibility</source>
        <translation>Điều kiện</translation>
    </message>
    <message>
        <source>Add nomination…</source>
        <translation>Thêm đề nghị…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Sửa…</translation>
    </message>
    <message>
        <source>Edit the selected draft nomination (double-click a row).</source>
        <translation>Sửa đề nghị nháp đang chọn (hoặc nhấp đúp vào dòng).</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Xóa</translation>
    </message>
    <message>
        <source>Delete the selected draft nominations (Ctrl+Z undoes it). A nomination that has been sent moves through its status instead.</source>
        <translation>Xóa các đề nghị nháp đang chọn (Ctrl+Z để hoàn tác). Đề nghị đã gửi thì chuyển trạng thái theo quy trình.</translation>
    </message>
    <message>
        <source>Check eligibility</source>
        <translation>Kiểm tra điều kiện</translation>
    </message>
    <message>
        <source>Evidence…</source>
        <translation>Minh chứng…</translation>
    </message>
    <message>
        <source>Move to</source>
        <translation>Chuyển trạng thái</translation>
    </message>
    <message>
        <source>Create document</source>
        <translation>Tạo văn bản</translation>
    </message>
    <message>
        <source>Submission (tờ trình) for this round…</source>
        <translation>Tờ trình đề nghị khen thưởng của đợt…</translation>
    </message>
    <message>
        <source>Achievement reports of the selected nominations…</source>
        <translation>Báo cáo thành tích của các đề nghị đã chọn…</translation>
    </message>
    <message>
        <source>Round:</source>
        <translation>Đợt xét:</translation>
    </message>
    <message>
        <source>Nominations</source>
        <translation>Đề nghị khen thưởng</translation>
    </message>
    <message>
        <source>Council vote</source>
        <translation>Họp Hội đồng</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Quyết định</translation>
    </message>
    <message>
        <source>Create a round to start.</source>
        <translation>Hãy tạo một đợt xét khen thưởng để bắt đầu.</translation>
    </message>
    <message>
        <source>Select a nomination to see here whether it meets each condition of its award, with the legal basis, the evidence linked to it and its history.</source>
        <translation>Chọn một đề nghị để xem tại đây đề nghị đó có đạt từng điều kiện của danh hiệu, hình thức khen thưởng hay không (kèm căn cứ pháp lý), các minh chứng đã gắn và lịch sử xử lý.</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Đang tải…</translation>
    </message>
    <message>
        <source>%1 nominations</source>
        <translation>%1 đề nghị</translation>
    </message>
    <message>
        <source>Delete the round “%1”?

Only a round without nominations can be deleted. You can undo with Ctrl+Z or restore it from Trash.</source>
        <translation>Xóa đợt xét “%1”?

Chỉ xóa được đợt chưa có đề nghị nào. Có thể hoàn tác bằng Ctrl+Z hoặc khôi phục từ Thùng rác.</translation>
    </message>
    <message>
        <source>Deleted the round “%1”.</source>
        <translation>Đã xóa đợt xét “%1”.</translation>
    </message>
    <message>
        <source>“%1” is “%2”: only a draft nomination can be edited. Move it back to draft (Move to → Draft) when the workflow allows it.</source>
        <translation>Đề nghị cho “%1” đang ở trạng thái “%2”: chỉ sửa được đề nghị nháp. Hãy chuyển về nháp (Chuyển sang → Nháp) nếu quy trình cho phép.</translation>
    </message>
    <message>
        <source>… and %1 more</source>
        <translation>… và %1 đề nghị khác</translation>
    </message>
    <message>
        <source>Delete %1 nominations?
%2

Only drafts can be deleted. You can undo with Ctrl+Z.</source>
        <translation>Xóa %1 đề nghị?
%2

Chỉ xóa được đề nghị nháp. Có thể hoàn tác bằng Ctrl+Z.</translation>
    </message>
    <message>
        <source>Deleted %1.</source>
        <translation>Đã xóa %1.</translation>
    </message>
    <message>
        <source>Nothing was deleted:</source>
        <translation>Không xóa đề nghị nào:</translation>
    </message>
    <message>
        <source>Nothing was moved:</source>
        <translation>Chưa chuyển đề nghị nào:</translation>
    </message>
    <message>
        <source>Checking eligibility…</source>
        <translation>Đang kiểm tra điều kiện…</translation>
    </message>
    <message>
        <source>Select the nominations of individuals or collectives whose achievement reports you want (households have no report).</source>
        <translation>Hãy chọn các đề nghị của cá nhân hoặc tập thể cần lập báo cáo thành tích (hộ gia đình không có báo cáo).</translation>
    </message>
    <message>
        <source>%1 selected nominations use another report template and were left out.</source>
        <translation>%1 đề nghị đã chọn dùng mẫu báo cáo khác nên không đưa vào lần này.</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>Minh chứng</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Lịch sử xử lý</translation>
    </message>
    <message>
        <source>Yes votes</source>
        <translation>Số phiếu đồng ý</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Kết quả</translation>
    </message>
    <message>
        <source>Legal basis: %1</source>
        <translation>Căn cứ: %1</translation>
    </message>
    <message>
        <source>Type a whole number of votes</source>
        <translation>Hãy nhập số phiếu là số nguyên</translation>
    </message>
    <message>
        <source>At most %1 members are present</source>
        <translation>Chỉ có %1 thành viên có mặt</translation>
    </message>
    <message>
        <source>Open meeting</source>
        <translation>Mở cuộc họp</translation>
    </message>
    <message>
        <source>Save votes</source>
        <translation>Lưu số phiếu</translation>
    </message>
    <message>
        <source>Close meeting and apply results</source>
        <translation>Kết thúc họp và áp dụng kết quả</translation>
    </message>
    <message>
        <source>Minutes of the meeting…</source>
        <translation>Biên bản họp…</translation>
    </message>
    <message>
        <source>Create the council meeting&apos;s minutes (biên bản) in Word</source>
        <translation>Tạo biên bản họp Hội đồng bằng Word</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Ngày họp</translation>
    </message>
    <message>
        <source>Council members</source>
        <translation>Tổng số thành viên</translation>
    </message>
    <message>
        <source>Present</source>
        <translation>Có mặt</translation>
    </message>
    <message>
        <source>No open meeting.</source>
        <translation>Chưa có cuộc họp đang mở.</translation>
    </message>
    <message>
        <source>Meeting of %1: %2 of %3 members present</source>
        <translation>Cuộc họp ngày %1: %2/%3 thành viên có mặt</translation>
    </message>
    <message>
        <source>Correct the marked cells first; nothing was saved.</source>
        <translation>Hãy sửa các ô được đánh dấu; chưa lưu gì.</translation>
    </message>
    <message>
        <source>%1 passed, %2 not passed</source>
        <translation>%1 đề nghị đạt, %2 không đạt tỷ lệ phiếu</translation>
    </message>
    <message>
        <source>Draft decision from voted nominations</source>
        <translation>Lập dự thảo quyết định từ các đề nghị đã xét</translation>
    </message>
    <message>
        <source>One decision per award</source>
        <translation>Mỗi hình thức một quyết định</translation>
    </message>
    <message>
        <source>Draft a separate decision for each award (how most offices issue them) instead of one decision listing every award.</source>
        <translation>Lập riêng một quyết định cho mỗi danh hiệu, hình thức (cách phần lớn cơ quan ban hành) thay vì một quyết định ghi mọi hình thức.</translation>
    </message>
    <message>
        <source>Sign decision</source>
        <translation>Ký quyết định</translation>
    </message>
    <message>
        <source>Decision (quyết định)…</source>
        <translation>Quyết định khen thưởng…</translation>
    </message>
    <message>
        <source>Giấy khen print sheets…</source>
        <translation>Trang in Giấy khen…</translation>
    </message>
    <message>
        <source>Bằng khen print sheets…</source>
        <translation>Trang in Bằng khen…</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Nhóm</translation>
    </message>
    <message>
        <source>Coefficient</source>
        <translation>Hệ số</translation>
    </message>
    <message>
        <source>Amount (đồng)</source>
        <translation>Số tiền (đồng)</translation>
    </message>
    <message>
        <source>Issuing authority</source>
        <translation>Cơ quan ban hành</translation>
    </message>
    <message>
        <source>Subject line</source>
        <translation>Trích yếu</translation>
    </message>
    <message>
        <source>Signer</source>
        <translation>Người ký</translation>
    </message>
    <message>
        <source>Signing capacity</source>
        <translation>Thẩm quyền ký</translation>
    </message>
    <message>
        <source>Signing date</source>
        <translation>Ngày ký</translation>
    </message>
    <message>
        <source>No. %1</source>
        <translation>Số %1</translation>
    </message>
    <message>
        <source>Draft %1</source>
        <translation>Dự thảo %1</translation>
    </message>
    <message>
        <source>No decision drafted yet.</source>
        <translation>Chưa lập quyết định.</translation>
    </message>
    <message>
        <source>Decision No. %1</source>
        <translation>Quyết định số %1</translation>
    </message>
    <message>
        <source>Draft, priced for %1</source>
        <translation>Dự thảo, tính tiền theo ngày ký %1</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Tổng cộng</translation>
    </message>
    <message>
        <source>%1 draft decisions, one per award</source>
        <translation>Đã lập %1 dự thảo quyết định, mỗi hình thức một quyết định</translation>
    </message>
    <message>
        <source>Sign the decision dated %1? The award history of every line will be written.</source>
        <translation>Ký quyết định ngày %1? Lịch sử khen thưởng của từng người, tập thể trong danh sách sẽ được ghi.</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Files and folders</source>
        <translation>Tệp và thư mục</translation>
    </message>
    <message>
        <source>Database file</source>
        <translation>Tệp cơ sở dữ liệu</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>Thư mục dữ liệu</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>Thư mục sao lưu</translation>
    </message>
    <message>
        <source>Logs</source>
        <translation>Thư mục nhật ký</translation>
    </message>
    <message>
        <source>Document templates</source>
        <translation>Mẫu văn bản</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Mở</translation>
    </message>
    <message>
        <source>Parameter</source>
        <translation>Tham số</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Giá trị</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Nguồn</translation>
    </message>
    <message>
        <source>Applies from</source>
        <translation>Áp dụng từ</translation>
    </message>
    <message>
        <source>Amount (VND/month)</source>
        <translation>Mức lương (đồng/tháng)</translation>
    </message>
    <message>
        <source>Legal basis</source>
        <translation>Căn cứ</translation>
    </message>
    <message>
        <source>Province parameters</source>
        <translation>Tham số của tỉnh</translation>
    </message>
    <message>
        <source>Base salary</source>
        <translation>Lương cơ sở</translation>
    </message>
    <message>
        <source>These values are read-only in this version. They come from the law in force and the province&apos;s regulations.</source>
        <translation>Phiên bản này chỉ cho xem các giá trị trên. Chúng lấy theo quy định pháp luật hiện hành và quy định của tỉnh.</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Cài đặt</translation>
    </message>
    <message>
        <source>Officer using this installation</source>
        <translation>Cán bộ sử dụng phần mềm</translation>
    </message>
    <message>
        <source>e.g. Nguyễn Văn An</source>
        <translation>ví dụ: Nguyễn Văn An</translation>
    </message>
    <message>
        <source>Save name</source>
        <translation>Lưu tên</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <source>Every status change of a nomination or a score sheet records this name as who made it. It is self-declared: the program does not verify it, and the histories say so.</source>
        <translation>Mỗi lần chuyển trạng thái một đề nghị hay một bảng điểm đều ghi tên này là người thao tác. Tên do cán bộ tự khai: phần mềm không xác thực, và lịch sử xử lý ghi rõ điều đó.</translation>
    </message>
    <message>
        <source>Recorded as: {name}</source>
        <translation>Tên được ghi khi chuyển trạng thái: {name}</translation>
    </message>
    <message>
        <source>Officer name saved.</source>
        <translation>Đã lưu tên cán bộ sử dụng phần mềm.</translation>
    </message>
</context>
<context>
    <name>SyncDocuments</name>
    <message>
        <source>Documents attached</source>
        <translation>Văn bản kèm theo</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Mở</translation>
    </message>
    <message>
        <source>Open a copy of %1</source>
        <translation>Mở một bản sao của %1</translation>
    </message>
    <message>
        <source>No program on this computer opens %1. The copy is in %2.</source>
        <translation>Máy này không có chương trình mở được %1. Bản sao nằm ở %2.</translation>
    </message>
</context>
<context>
    <name>SyncEntities</name>
    <message>
        <source>Units</source>
        <translation>Đơn vị</translation>
    </message>
    <message>
        <source>Emulation movements</source>
        <translation>Phong trào thi đua</translation>
    </message>
    <message>
        <source>Movement targets</source>
        <translation>Chỉ tiêu của phong trào</translation>
    </message>
    <message>
        <source>People</source>
        <translation>Cá nhân</translation>
    </message>
    <message>
        <source>Positions held</source>
        <translation>Chức vụ đã giữ</translation>
    </message>
    <message>
        <source>Performance ratings</source>
        <translation>Kết quả xếp loại</translation>
    </message>
    <message>
        <source>Initiatives</source>
        <translation>Sáng kiến</translation>
    </message>
    <message>
        <source>Disciplinary measures</source>
        <translation>Kỷ luật</translation>
    </message>
    <message>
        <source>Awards already received</source>
        <translation>Khen thưởng đã có</translation>
    </message>
    <message>
        <source>Emulation registrations</source>
        <translation>Đăng ký thi đua</translation>
    </message>
    <message>
        <source>Award rounds</source>
        <translation>Đợt xét khen thưởng</translation>
    </message>
    <message>
        <source>Nominations</source>
        <translation>Đề nghị khen thưởng</translation>
    </message>
    <message>
        <source>Status history</source>
        <translation>Lịch sử trạng thái</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>Minh chứng</translation>
    </message>
    <message>
        <source>Attached files</source>
        <translation>Tệp đính kèm</translation>
    </message>
    <message>
        <source>Decisions</source>
        <translation>Quyết định</translation>
    </message>
    <message>
        <source>Decision lines</source>
        <translation>Dòng quyết định</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>Giới tính</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>Ngày sinh</translation>
    </message>
    <message>
        <source>Ethnicity</source>
        <translation>Dân tộc</translation>
    </message>
    <message>
        <source>Citizen ID</source>
        <translation>Số CCCD</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Chức vụ</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Đơn vị</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Ghi chú</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Tên</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Mã</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Loại</translation>
    </message>
    <message>
        <source>Parent unit</source>
        <translation>Đơn vị cấp trên</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>Năm</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>Xếp loại</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>Status reason</source>
        <translation>Lý do trạng thái</translation>
    </message>
    <message>
        <source>Eligibility</source>
        <translation>Điều kiện</translation>
    </message>
    <message>
        <source>Achievement summary</source>
        <translation>Tóm tắt thành tích</translation>
    </message>
    <message>
        <source>Award</source>
        <translation>Danh hiệu/hình thức</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Số tiền</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Số</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Tên</translation>
    </message>
    <message>
        <source>Decision number</source>
        <translation>Số quyết định</translation>
    </message>
    <message>
        <source>Decision date</source>
        <translation>Ngày quyết định</translation>
    </message>
    <message>
        <source>Directive number</source>
        <translation>Số văn bản phát động</translation>
    </message>
    <message>
        <source>Directive date</source>
        <translation>Ngày văn bản phát động</translation>
    </message>
    <message>
        <source>Issued by</source>
        <translation>Cơ quan ban hành</translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation>Chỉ tiêu</translation>
    </message>
    <message>
        <source>Unit of measure</source>
        <translation>Đơn vị tính</translation>
    </message>
    <message>
        <source>Planned value</source>
        <translation>Kế hoạch</translation>
    </message>
    <message>
        <source>Comparison</source>
        <translation>Cách so sánh</translation>
    </message>
    <message>
        <source>Emulation blocs</source>
        <translation>Khối, cụm thi đua</translation>
    </message>
    <message>
        <source>Bloc members</source>
        <translation>Thành viên khối</translation>
    </message>
    <message>
        <source>Scoring criteria</source>
        <translation>Tiêu chí chấm điểm</translation>
    </message>
    <message>
        <source>Unit targets</source>
        <translation>Chỉ tiêu của đơn vị</translation>
    </message>
    <message>
        <source>Score sheets</source>
        <translation>Bảng điểm thi đua</translation>
    </message>
    <message>
        <source>Score sheet history</source>
        <translation>Lịch sử bảng điểm</translation>
    </message>
    <message>
        <source>Scores</source>
        <translation>Điểm chấm thi đua</translation>
    </message>
    <message>
        <source>Score evidence files</source>
        <translation>Tệp minh chứng điểm</translation>
    </message>
    <message>
        <source>Bloc votes</source>
        <translation>Kết quả suy tôn</translation>
    </message>
</context>
<context>
    <name>SyncExport</name>
    <message>
        <source>Nominations sent up to the upper level</source>
        <translation>Hồ sơ đề nghị gửi lên cấp trên</translation>
    </message>
    <message>
        <source>Signed decisions sent down to a lower office</source>
        <translation>Quyết định đã ký gửi xuống đơn vị cấp dưới</translation>
    </message>
    <message>
        <source>Emulation bloc</source>
        <translation>Khối, cụm thi đua</translation>
    </message>
    <message>
        <source>Emulation movement</source>
        <translation>Phong trào thi đua</translation>
    </message>
    <message>
        <source>Every nomination with the status “%1”</source>
        <translation>Mọi đề nghị ở trạng thái “%1”</translation>
    </message>
    <message>
        <source>Only the nominations ticked below</source>
        <translation>Chỉ các đề nghị đánh dấu dưới đây</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Cá nhân/tập thể</translation>
    </message>
    <message>
        <source>Award</source>
        <translation>Danh hiệu/hình thức</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>Include the attached files (evidence)</source>
        <translation>Kèm tệp đính kèm (minh chứng)</translation>
    </message>
    <message>
        <source>Only what changed since the upper level&apos;s last receipt</source>
        <translation>Chỉ những gì thay đổi từ biên nhận gần nhất của cấp trên</translation>
    </message>
    <message>
        <source>Include the submission (tờ trình) and the council minutes</source>
        <translation>Kèm tờ trình và biên bản họp hội đồng</translation>
    </message>
    <message>
        <source>Made from the templates in use: the round&apos;s submission and the minutes of every council meeting already closed.</source>
        <translation>Tạo từ mẫu đang dùng: tờ trình của đợt và biên bản mọi cuộc họp Hội đồng đã kết thúc.</translation>
    </message>
    <message>
        <source>Include the decision document</source>
        <translation>Kèm văn bản quyết định</translation>
    </message>
    <message>
        <source>Each chosen decision, made from the decision template in use, so the office below receives the decision itself, not only its data.</source>
        <translation>Mỗi quyết định đã chọn, tạo từ mẫu quyết định đang dùng, để đơn vị cấp dưới nhận được chính văn bản quyết định, không chỉ dữ liệu.</translation>
    </message>
    <message>
        <source>Add attached files…</source>
        <translation>Thêm tệp đính kèm…</translation>
    </message>
    <message>
        <source>Files sent as they are with the package, e.g. the signed scan of the submission or of the decision (at most 50 MB each).</source>
        <translation>Tệp gửi nguyên trạng kèm gói, ví dụ bản chụp tờ trình hoặc quyết định đã ký (mỗi tệp tối đa 50 MB).</translation>
    </message>
    <message>
        <source>Remove the chosen file</source>
        <translation>Bỏ tệp đã chọn</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>Gửi tới:</translation>
    </message>
    <message>
        <source>Round:</source>
        <translation>Đợt:</translation>
    </message>
    <message>
        <source>Only the lines of the chosen decisions that decide the recipient&apos;s own nominations travel, with the award history they wrote and the status of those nominations. The recipient must be in the trust list (it becomes trusted when you import one of its packages).</source>
        <translation>Gói chỉ mang các dòng của quyết định đã chọn thuộc về đề nghị của chính đơn vị nhận, cùng lịch sử khen thưởng các dòng đó tạo ra và trạng thái của các đề nghị ấy. Đơn vị nhận phải có trong danh sách tin cậy (được thêm khi anh/chị nhập một gói của họ).</translation>
    </message>
    <message>
        <source>Recipient:</source>
        <translation>Đơn vị nhận:</translation>
    </message>
    <message>
        <source>Signed decisions to send:</source>
        <translation>Quyết định đã ký cần gửi:</translation>
    </message>
    <message>
        <source>From the bloc head to a member: the bloc, its criteria, reviewed scores and votes</source>
        <translation>Trưởng khối gửi thành viên: khối, tiêu chí, điểm khối chấm và kết quả suy tôn</translation>
    </message>
    <message>
        <source>From this member to the bloc head: this office&apos;s score sheet with its evidence</source>
        <translation>Thành viên gửi trưởng khối: bảng tự chấm của đơn vị này kèm minh chứng</translation>
    </message>
    <message>
        <source>Include the evidence files</source>
        <translation>Kèm các tệp minh chứng</translation>
    </message>
    <message>
        <source>The member receives its own score sheet (with the scores the bloc reviewed and its status) and the sheets of other members once they are published. A member sends its sheet after moving it to “Sent to the bloc”; the package goes to the bloc head&apos;s office in the trust list.</source>
        <translation>Thành viên nhận bảng điểm của chính mình (kèm điểm khối chấm và trạng thái) và bảng điểm của các thành viên khác khi đã công bố. Thành viên gửi bảng điểm sau khi chuyển sang “Đã gửi khối”; gói được gửi cho đơn vị trưởng khối trong danh sách tin cậy.</translation>
    </message>
    <message>
        <source>Bloc:</source>
        <translation>Khối, cụm:</translation>
    </message>
    <message>
        <source>Direction:</source>
        <translation>Chiều gửi:</translation>
    </message>
    <message>
        <source>Member:</source>
        <translation>Thành viên:</translation>
    </message>
    <message>
        <source>The office below receives the movement (directive, period, the head-of-unit rule), its appendix of targets, and the targets assigned to it and to the units under it, with their planned figures. Assign the targets first on the “Emulation movements” page.</source>
        <translation>Đơn vị cấp dưới nhận phong trào (văn bản phát động, thời gian, quy tắc người đứng đầu), phụ lục chỉ tiêu và các chỉ tiêu đã giao cho đơn vị đó cùng các đơn vị trực thuộc, kèm số kế hoạch. Hãy giao chỉ tiêu trước ở trang “Phong trào thi đua”.</translation>
    </message>
    <message>
        <source>Movement:</source>
        <translation>Phong trào:</translation>
    </message>
    <message>
        <source>To the office of:</source>
        <translation>Gửi đơn vị:</translation>
    </message>
    <message>
        <source>Record type</source>
        <translation>Loại bản ghi</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>Số bản ghi</translation>
    </message>
    <message>
        <source>Write the package…</source>
        <translation>Ghi gói…</translation>
    </message>
    <message>
        <source>Split into parts of at most</source>
        <translation>Chia thành các phần tối đa</translation>
    </message>
    <message>
        <source>For email: each part stays under the size limit of an attachment. The receiving office needs every part (in one folder) to import the package.</source>
        <translation>Để gửi thư điện tử: mỗi phần không vượt giới hạn tệp đính kèm. Đơn vị nhận cần đủ mọi phần (trong cùng một thư mục) mới nhập được gói.</translation>
    </message>
    <message>
        <source>What the package will hold</source>
        <translation>Nội dung gói sẽ ghi</translation>
    </message>
    <message>
        <source>Open the folder</source>
        <translation>Mở thư mục</translation>
    </message>
    <message>
        <source>Send:</source>
        <translation>Gửi:</translation>
    </message>
    <message>
        <source>The upper level of this office is not declared yet (Settings → Office information).</source>
        <translation>Chưa khai báo cơ quan cấp trên của đơn vị này (Cài đặt → Thông tin đơn vị).</translation>
    </message>
    <message>
        <source>— choose a round —</source>
        <translation>— chọn đợt —</translation>
    </message>
    <message>
        <source>— choose the recipient —</source>
        <translation>— chọn đơn vị nhận —</translation>
    </message>
    <message>
        <source>— choose a movement —</source>
        <translation>— chọn phong trào —</translation>
    </message>
    <message>
        <source>— no emulation movement here yet —</source>
        <translation>— chưa có phong trào thi đua nào —</translation>
    </message>
    <message>
        <source>— choose the office —</source>
        <translation>— chọn đơn vị nhận —</translation>
    </message>
    <message>
        <source>Choose the emulation movement.</source>
        <translation>Hãy chọn phong trào thi đua.</translation>
    </message>
    <message>
        <source>Choose the office that receives the movement.</source>
        <translation>Hãy chọn đơn vị nhận phong trào.</translation>
    </message>
    <message>
        <source>— choose a bloc —</source>
        <translation>— chọn khối, cụm —</translation>
    </message>
    <message>
        <source>— no emulation bloc here yet —</source>
        <translation>— chưa có khối, cụm thi đua nào —</translation>
    </message>
    <message>
        <source>— choose the member —</source>
        <translation>— chọn thành viên —</translation>
    </message>
    <message>
        <source>Choose the emulation bloc.</source>
        <translation>Hãy chọn khối, cụm thi đua.</translation>
    </message>
    <message>
        <source>Choose the member that receives the package.</source>
        <translation>Hãy chọn thành viên nhận gói.</translation>
    </message>
    <message>
        <source>%1 of %2 — %3 lines</source>
        <translation>%1 ngày %2 — %3 dòng</translation>
    </message>
    <message>
        <source>This round has no signed decision yet.</source>
        <translation>Đợt này chưa có quyết định nào đã ký.</translation>
    </message>
    <message>
        <source>%1 of %2 ticked</source>
        <translation>Đã đánh dấu %1/%2</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>Đang đếm…</translation>
    </message>
    <message>
        <source>Choose the round whose nominations go up.</source>
        <translation>Chọn đợt có các đề nghị cần gửi lên.</translation>
    </message>
    <message>
        <source>Tick the nominations to send.</source>
        <translation>Đánh dấu các đề nghị cần gửi.</translation>
    </message>
    <message>
        <source>Choose the round of the decisions.</source>
        <translation>Chọn đợt có các quyết định.</translation>
    </message>
    <message>
        <source>Tick the signed decisions to send.</source>
        <translation>Đánh dấu các quyết định đã ký cần gửi.</translation>
    </message>
    <message>
        <source>Choose the office that receives the decisions.</source>
        <translation>Chọn đơn vị nhận quyết định.</translation>
    </message>
    <message>
        <source>%1 records, %2 attached files, about %3.</source>
        <translation>%1 bản ghi, %2 tệp đính kèm, khoảng %3.</translation>
    </message>
    <message>
        <source>Documents attached: %1.</source>
        <translation>Văn bản kèm theo: %1.</translation>
    </message>
    <message>
        <source>For: %1</source>
        <translation>Gửi cho: %1</translation>
    </message>
    <message>
        <source>Only changes since %1.</source>
        <translation>Chỉ những thay đổi từ %1.</translation>
    </message>
    <message>
        <source>Writing the data package…</source>
        <translation>Đang ghi gói dữ liệu…</translation>
    </message>
    <message>
        <source>%1 parts (send them all): %2</source>
        <translation>%1 phần (gửi đủ tất cả): %2</translation>
    </message>
    <message>
        <source>Package written:</source>
        <translation>Đã ghi gói</translation>
    </message>
    <message>
        <source>Folder: %1</source>
        <translation>Thư mục: %1</translation>
    </message>
    <message>
        <source>%1 records, %2. When the receiving office phones to confirm, read them this office&apos;s fingerprint:</source>
        <translation>%1 bản ghi, %2. Khi đơn vị nhận gọi điện để xác nhận, hãy đọc cho họ mã nhận diện của đơn vị này:</translation>
    </message>
    <message>
        <source>Package written: %1</source>
        <translation>Đã ghi gói: %1</translation>
    </message>
</context>
<context>
    <name>SyncHistory</name>
    <message>
        <source>Waiting for the receipt</source>
        <translation>Chờ biên nhận</translation>
    </message>
    <message>
        <source>Received %1</source>
        <translation>Đã nhận %1</translation>
    </message>
    <message>
        <source>Handled</source>
        <translation>Thời điểm</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>Hướng</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Gửi đi</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Nhận về</translation>
    </message>
    <message>
        <source>Package</source>
        <translation>Loại gói</translation>
    </message>
    <message>
        <source>Other office</source>
        <translation>Đơn vị gửi/nhận</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>Số bản ghi</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>Biên nhận</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Tệp</translation>
    </message>
    <message>
        <source>Open the file&apos;s folder</source>
        <translation>Mở thư mục chứa tệp</translation>
    </message>
    <message>
        <source>An upward package is acknowledged when the receipt the upper level sends back is imported here; the next incremental package then holds only what changed after it.</source>
        <translation>Gói gửi lên được xác nhận khi biên nhận cấp trên gửi lại được nhập ở đây; gói bổ sung sau đó chỉ mang những gì thay đổi sau thời điểm ấy.</translation>
    </message>
    <message>
        <source>%1 packages</source>
        <translation>%1 gói</translation>
    </message>
    <message>
        <source>No package sent or received yet.</source>
        <translation>Chưa gửi hoặc nhận gói nào.</translation>
    </message>
    <message>
        <source>The folder %1 is not there any more (the USB stick may be unplugged).</source>
        <translation>Không còn thư mục %1 (có thể USB đã được rút ra).</translation>
    </message>
</context>
<context>
    <name>SyncImport</name>
    <message>
        <source>Choose data packages</source>
        <translation>Chọn gói dữ liệu</translation>
    </message>
    <message>
        <source>TĐKT data package (*.tdkt);;All files (*)</source>
        <translation>Gói dữ liệu TĐKT (*.tdkt);;Mọi tệp (*)</translation>
    </message>
    <message>
        <source>Choose a folder of data packages</source>
        <translation>Chọn thư mục chứa các gói dữ liệu</translation>
    </message>
    <message>
        <source>Choose files to attach</source>
        <translation>Chọn tệp đính kèm</translation>
    </message>
    <message>
        <source>Documents (*.pdf *.docx *.doc *.jpg *.jpeg *.png);;All files (*)</source>
        <translation>Văn bản (*.pdf *.docx *.doc *.jpg *.jpeg *.png);;Mọi tệp (*)</translation>
    </message>
    <message>
        <source>Save the data package</source>
        <translation>Lưu gói dữ liệu</translation>
    </message>
    <message>
        <source>TĐKT data package (*.tdkt)</source>
        <translation>Gói dữ liệu TĐKT (*.tdkt)</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>Đã nhập</translation>
    </message>
    <message>
        <source>Already imported</source>
        <translation>Đã nhập trước đây</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Đang kiểm tra…</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Bị từ chối</translation>
    </message>
    <message>
        <source>Sender not trusted</source>
        <translation>Chưa tin cậy đơn vị gửi</translation>
    </message>
    <message>
        <source>Choose the receiving round</source>
        <translation>Cần chọn đợt nhận</translation>
    </message>
    <message>
        <source>Previewing…</source>
        <translation>Đang xem trước…</translation>
    </message>
    <message>
        <source>%1 conflicts to decide</source>
        <translation>%1 xung đột chưa xử lý</translation>
    </message>
    <message>
        <source>Ready to import</source>
        <translation>Sẵn sàng nhập</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Tổng cộng</translation>
    </message>
    <message>
        <source>Choose package files…</source>
        <translation>Chọn tệp gói…</translation>
    </message>
    <message>
        <source>Choose a folder…</source>
        <translation>Chọn thư mục…</translation>
    </message>
    <message>
        <source>Remove from the list</source>
        <translation>Bỏ khỏi danh sách</translation>
    </message>
    <message>
        <source>The round of this office that receives the nominations of upward packages</source>
        <translation>Đợt xét khen thưởng của đơn vị này nhận các đề nghị trong gói gửi lên</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Nhập</translation>
    </message>
    <message>
        <source>Sending office</source>
        <translation>Đơn vị gửi</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>Trust the sender…</source>
        <translation>Tin cậy đơn vị gửi…</translation>
    </message>
    <message>
        <source>Record type</source>
        <translation>Loại bản ghi</translation>
    </message>
    <message>
        <source>The tờ trình, the council&apos;s minutes and the files the sender added; they are kept here with the package once it is imported.</source>
        <translation>Tờ trình, biên bản họp Hội đồng và các tệp đơn vị gửi kèm theo; được lưu lại ở đây cùng gói khi nhập.</translation>
    </message>
    <message>
        <source>Every action</source>
        <translation>Mọi việc</translation>
    </message>
    <message>
        <source>Use the suggestions</source>
        <translation>Dùng cách đề xuất</translation>
    </message>
    <message>
        <source>Handle every conflict still open the way the program suggests</source>
        <translation>Xử lý mọi xung đột còn lại theo cách phần mềm đề xuất</translation>
    </message>
    <message>
        <source>Selected record: here and in the package</source>
        <translation>Bản ghi đang chọn: ở đây và trong gói</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Trường</translation>
    </message>
    <message>
        <source>Here</source>
        <translation>Ở đây</translation>
    </message>
    <message>
        <source>In the package</source>
        <translation>Trong gói</translation>
    </message>
    <message>
        <source>Receiving round:</source>
        <translation>Đợt nhận:</translation>
    </message>
    <message>
        <source>Chosen packages</source>
        <translation>Các gói đã chọn</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>Xem:</translation>
    </message>
    <message>
        <source>Choose one or several .tdkt files (or a folder of them) received from other offices. Each package is checked (signature, integrity, sender) and previewed here; nothing is written until you press “Import”, and a backup is made first.</source>
        <translation>Chọn một hoặc nhiều tệp .tdkt (hoặc cả thư mục) nhận từ đơn vị khác. Từng gói được kiểm tra (chữ ký, toàn vẹn, đơn vị gửi) và xem trước tại đây; chưa có gì được ghi cho tới khi anh/chị bấm “Nhập”, và một bản sao lưu được tạo trước khi nhập.</translation>
    </message>
    <message>
        <source>— choose a round —</source>
        <translation>— chọn đợt —</translation>
    </message>
    <message>
        <source>The folder %1 holds no data package (.tdkt file).</source>
        <translation>Thư mục %1 không có gói dữ liệu nào (tệp .tdkt).</translation>
    </message>
    <message>
        <source>This package cannot be imported: %1</source>
        <translation>Không nhập được gói này: %1</translation>
    </message>
    <message>
        <source>Checking %1…</source>
        <translation>Đang kiểm tra %1…</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; from &lt;b&gt;%2&lt;/b&gt; (code %3), made %4, %5 records</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; của &lt;b&gt;%2&lt;/b&gt; (mã %3), tạo lúc %4, %5 bản ghi</translation>
    </message>
    <message>
        <source>Fingerprint &lt;b&gt;%1&lt;/b&gt;: %2 · file %3</source>
        <translation>Mã nhận diện &lt;b&gt;%1&lt;/b&gt;: %2 · tệp %3</translation>
    </message>
    <message>
        <source>This package was imported on %1; importing it again changes nothing.</source>
        <translation>Gói này đã được nhập lúc %1; nhập lại không thay đổi gì.</translation>
    </message>
    <message>
        <source>Phone the sender and confirm its fingerprint before this package can be previewed.</source>
        <translation>Hãy gọi điện cho đơn vị gửi và xác nhận mã nhận diện trước khi xem trước gói này.</translation>
    </message>
    <message>
        <source>Choose the round of this office that receives its nominations (“Receiving round” above).</source>
        <translation>Chọn đợt của đơn vị này sẽ nhận các đề nghị trong gói (ô “Đợt nhận” ở trên).</translation>
    </message>
    <message>
        <source>Every record type</source>
        <translation>Mọi loại bản ghi</translation>
    </message>
    <message>
        <source>%1 conflicts to decide (red rows)</source>
        <translation>Còn %1 xung đột cần chọn cách xử lý (dòng đỏ)</translation>
    </message>
    <message>
        <source>Every conflict has a decision.</source>
        <translation>Mọi xung đột đã có cách xử lý.</translation>
    </message>
    <message>
        <source>Select a row to compare it with what is here.</source>
        <translation>Chọn một dòng để so sánh với dữ liệu đang có ở đây.</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Bản ghi</translation>
    </message>
    <message>
        <source>(not here yet)</source>
        <translation>(chưa có ở đây)</translation>
    </message>
    <message>
        <source>Cancelled: this package was not imported (nothing in it was written).</source>
        <translation>Đã hủy: gói này chưa được nhập (không ghi gì từ gói).</translation>
    </message>
    <message>
        <source>Backing up, then importing the data packages…</source>
        <translation>Đang sao lưu, rồi nhập các gói dữ liệu…</translation>
    </message>
    <message>
        <source>Checking the packages…</source>
        <translation>Đang kiểm tra các gói…</translation>
    </message>
    <message>
        <source>%1 conflicts still need your decision before importing.</source>
        <translation>Còn %1 xung đột cần chọn cách xử lý trước khi nhập.</translation>
    </message>
    <message>
        <source>%1 packages ready to import.</source>
        <translation>%1 gói sẵn sàng nhập.</translation>
    </message>
    <message>
        <source>%1 others cannot be imported now (see their status).</source>
        <translation>%1 gói khác chưa nhập được (xem cột Trạng thái).</translation>
    </message>
    <message>
        <source>No package can be imported now (see their status).</source>
        <translation>Không có gói nào nhập được lúc này (xem cột Trạng thái).</translation>
    </message>
</context>
<context>
    <name>SyncKeys</name>
    <message>
        <source>This office&apos;s fingerprint</source>
        <translation>Mã nhận diện của đơn vị này</translation>
    </message>
    <message>
        <source>Copy the code</source>
        <translation>Sao chép mã</translation>
    </message>
    <message>
        <source>Every package this office writes is signed with its key. The first time another office imports one, its officer phones you: read them this code, group by group. It identifies this installation; never send it in the same e-mail as a package.</source>
        <translation>Mọi gói đơn vị này ghi đều được ký bằng khóa của đơn vị. Lần đầu một đơn vị khác nhập gói của anh/chị, cán bộ bên đó sẽ gọi điện: hãy đọc cho họ mã này, từng nhóm một. Mã xác định bản cài đặt này; đừng gửi mã trong cùng email với gói.</translation>
    </message>
    <message>
        <source>Trusted senders</source>
        <translation>Đơn vị gửi đã tin cậy</translation>
    </message>
    <message>
        <source>Office</source>
        <translation>Đơn vị</translation>
    </message>
    <message>
        <source>Unit code</source>
        <translation>Mã đơn vị</translation>
    </message>
    <message>
        <source>Fingerprint</source>
        <translation>Mã nhận diện</translation>
    </message>
    <message>
        <source>Trusted since</source>
        <translation>Tin cậy từ</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Tình trạng</translation>
    </message>
    <message>
        <source>Revoke</source>
        <translation>Thu hồi</translation>
    </message>
    <message>
        <source>An office enters this list when you confirm its fingerprint on importing its first package. Revoke an office whose computer was lost or whose key may be known to others: its packages are refused from then on.</source>
        <translation>Một đơn vị vào danh sách này khi anh/chị xác nhận mã nhận diện lúc nhập gói đầu tiên của họ. Hãy thu hồi đơn vị bị mất máy tính hoặc có thể bị lộ khóa: từ đó các gói của họ bị từ chối.</translation>
    </message>
    <message>
        <source>Trusted</source>
        <translation>Đang tin cậy</translation>
    </message>
    <message>
        <source>Revoked %1</source>
        <translation>Đã thu hồi %1</translation>
    </message>
    <message>
        <source>Fingerprint copied.</source>
        <translation>Đã sao chép mã nhận diện.</translation>
    </message>
    <message>
        <source>Revoke “%1” (fingerprint %2)? Its packages will be refused from now on, and this key cannot be trusted again: that office will have to make a new key.</source>
        <translation>Thu hồi tin cậy “%1” (mã nhận diện %2)? Từ nay các gói của đơn vị này bị từ chối, và khóa này không thể tin cậy lại: đơn vị đó sẽ phải tạo khóa mới.</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <source>Export a package</source>
        <translation>Xuất gói</translation>
    </message>
    <message>
        <source>Import packages</source>
        <translation>Nhập gói</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Lịch sử</translation>
    </message>
    <message>
        <source>Keys and trust</source>
        <translation>Khóa và tin cậy</translation>
    </message>
    <message>
        <source>This database has no office set up yet.</source>
        <translation>Cơ sở dữ liệu này chưa thiết lập đơn vị sử dụng phần mềm.</translation>
    </message>
</context>
<context>
    <name>SyncPreview</name>
    <message>
        <source>Moved to “%1”</source>
        <translation>Chuyển sang “%1”</translation>
    </message>
    <message>
        <source>Record type</source>
        <translation>Loại bản ghi</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Bản ghi</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Việc sẽ làm</translation>
    </message>
    <message>
        <source>Reason / changes</source>
        <translation>Lý do / thay đổi</translation>
    </message>
    <message>
        <source>How to handle</source>
        <translation>Cách xử lý</translation>
    </message>
    <message>
        <source>— choose —</source>
        <translation>— chọn —</translation>
    </message>
    <message>
        <source>Record here: %1</source>
        <translation>Bản ghi ở đây: %1</translation>
    </message>
</context>
<context>
    <name>SyncReportDialog</name>
    <message>
        <source>Not imported: %1</source>
        <translation>Không nhập: %1</translation>
    </message>
    <message>
        <source>%1 from “%2” (code %3), made %4</source>
        <translation>%1 của “%2” (mã %3), tạo lúc %4</translation>
    </message>
    <message>
        <source>Backup made before importing: %1</source>
        <translation>Bản sao lưu tạo trước khi nhập: %1</translation>
    </message>
    <message>
        <source>Receipt to send back to the sender: %1</source>
        <translation>Biên nhận gửi lại đơn vị gửi: %1</translation>
    </message>
    <message>
        <source>%1 conflicts decided</source>
        <translation>%1 xung đột đã xử lý</translation>
    </message>
    <message>
        <source>Import of data packages: %1 of %2 imported.</source>
        <translation>Nhập gói dữ liệu: đã nhập %1 trên %2 gói.</translation>
    </message>
    <message>
        <source>Import report</source>
        <translation>Kết quả nhập gói</translation>
    </message>
    <message>
        <source>%1 of %2 packages were imported. Send each receipt back to its sender (by USB stick or e-mail): importing it marks their nominations as received.</source>
        <translation>Đã nhập %1 trên %2 gói. Hãy gửi lại từng biên nhận cho đơn vị gửi (qua USB hoặc email): khi họ nhập biên nhận, các đề nghị của họ chuyển sang “Đã tiếp nhận”.</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Sao chép</translation>
    </message>
    <message>
        <source>Save as text file…</source>
        <translation>Lưu thành tệp văn bản…</translation>
    </message>
    <message>
        <source>Open the receipt folder</source>
        <translation>Mở thư mục biên nhận</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <source>Save the report</source>
        <translation>Lưu kết quả nhập</translation>
    </message>
    <message>
        <source>Text file (*.txt)</source>
        <translation>Tệp văn bản (*.txt)</translation>
    </message>
    <message>
        <source>Could not save %1: %2</source>
        <translation>Không lưu được %1: %2</translation>
    </message>
</context>
<context>
    <name>SyncTrustDialog</name>
    <message>
        <source>Confirm the sender</source>
        <translation>Xác nhận đơn vị gửi</translation>
    </message>
    <message>
        <source>This office now signs its packages with a different key from the one you trusted. That happens when it reinstalled the program, but it is also what a forged package looks like. Trust the new key only after the sender confirms the code below on the phone.</source>
        <translation>Đơn vị này nay ký gói bằng một khóa khác với khóa anh/chị đã tin cậy. Việc này xảy ra khi họ cài lại phần mềm, nhưng cũng là dấu hiệu của gói giả mạo. Chỉ tin cậy khóa mới sau khi đơn vị gửi xác nhận mã dưới đây qua điện thoại.</translation>
    </message>
    <message>
        <source>This is the first package from this office. Before importing it, make sure it really comes from them.</source>
        <translation>Đây là gói đầu tiên nhận từ đơn vị này. Trước khi nhập, hãy chắc chắn gói đúng là do họ gửi.</translation>
    </message>
    <message>
        <source>Sending office:</source>
        <translation>Đơn vị gửi:</translation>
    </message>
    <message>
        <source>Unit code:</source>
        <translation>Mã đơn vị:</translation>
    </message>
    <message>
        <source>Package:</source>
        <translation>Gói:</translation>
    </message>
    <message>
        <source>Fingerprint in the package</source>
        <translation>Mã nhận diện ghi trong gói</translation>
    </message>
    <message>
        <source>1. Phone an officer of the sending office, on a number you already know (not one written in the e-mail that brought the package).
2. Ask them to open Sync → Keys and trust and read you their fingerprint.
3. Type the code they read below. Trust the office only if it matches.</source>
        <translation>1. Gọi điện cho cán bộ của đơn vị gửi, theo số điện thoại anh/chị đã biết (không dùng số ghi trong email kèm gói).
2. Nhờ họ mở Đồng bộ → Khóa và tin cậy và đọc mã nhận diện của đơn vị họ.
3. Gõ mã họ đọc vào ô dưới đây. Chỉ tin cậy khi mã khớp.</translation>
    </message>
    <message>
        <source>Code read on the phone</source>
        <translation>Mã được đọc qua điện thoại</translation>
    </message>
    <message>
        <source>Trust this office</source>
        <translation>Tin cậy đơn vị này</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>Để sau</translation>
    </message>
    <message>
        <source>Code read to you by the sender:</source>
        <translation>Mã đơn vị gửi đọc cho anh/chị:</translation>
    </message>
</context>
<context>
    <name>TaskProgressDialog</name>
    <message>
        <source>Please wait</source>
        <translation>Vui lòng chờ</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>Đang dừng…</translation>
    </message>
</context>
<context>
    <name>Tasks</name>
    <message>
        <source>TĐKT Desktop</source>
        <translation>TĐKT Desktop</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Thử lại</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
</context>
<context>
    <name>TimelineDialog</name>
    <message>
        <source>Award timeline</source>
        <translation>Quá trình khen thưởng</translation>
    </message>
    <message>
        <source>Computing…</source>
        <translation>Đang tính…</translation>
    </message>
    <message>
        <source>Export Excel</source>
        <translation>Xuất Excel</translation>
    </message>
    <message>
        <source>Export Word</source>
        <translation>Xuất Word</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>In…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <source>The timeline could not be made.</source>
        <translation>Không lập được quá trình khen thưởng.</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Tệp Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>Word document (*.docx)</source>
        <translation>Văn bản Word (*.docx)</translation>
    </message>
    <message>
        <source>Export the timeline</source>
        <translation>Xuất quá trình khen thưởng</translation>
    </message>
    <message>
        <source>Saved to {path}.</source>
        <translation>Đã lưu vào {path}.</translation>
    </message>
</context>
<context>
    <name>TrashPage</name>
    <message>
        <source>Kind</source>
        <translation>Loại</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Tên</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Chi tiết</translation>
    </message>
    <message>
        <source>Deleted at</source>
        <translation>Thời điểm xóa</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Khôi phục</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Làm mới</translation>
    </message>
    <message>
        <source>Deleted records stay here until restored. Restoring puts a record back exactly as it was.</source>
        <translation>Các bản ghi đã xóa được giữ ở đây. Khôi phục sẽ đưa bản ghi trở lại đúng như trước khi xóa.</translation>
    </message>
    <message>
        <source>Trash</source>
        <translation>Thùng rác</translation>
    </message>
    <message>
        <source>{count} items</source>
        <translation>{count} mục</translation>
    </message>
    <message>
        <source>Restored: {names}.</source>
        <translation>Đã khôi phục: {names}.</translation>
    </message>
</context>
<context>
    <name>UnitDialog</name>
    <message>
        <source>Edit unit</source>
        <translation>Sửa đơn vị</translation>
    </message>
    <message>
        <source>Add unit</source>
        <translation>Thêm đơn vị</translation>
    </message>
    <message>
        <source>None (top-level unit) – type to search</source>
        <translation>Không có (đơn vị cấp cao nhất) – gõ để tìm</translation>
    </message>
    <message>
        <source>No date</source>
        <translation>Không ghi</translation>
    </message>
    <message>
        <source>Still active</source>
        <translation>Còn hoạt động</translation>
    </message>
    <message>
        <source>Unit name *</source>
        <translation>Tên đơn vị *</translation>
    </message>
    <message>
        <source>Code *</source>
        <translation>Mã đơn vị *</translation>
    </message>
    <message>
        <source>Kind of unit</source>
        <translation>Loại đơn vị</translation>
    </message>
    <message>
        <source>Parent unit</source>
        <translation>Đơn vị cấp trên</translation>
    </message>
    <message>
        <source>Short name</source>
        <translation>Tên viết tắt</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Địa chỉ</translation>
    </message>
    <message>
        <source>Valid from</source>
        <translation>Hiệu lực từ ngày</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>Hết hiệu lực ngày</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Lưu</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>pick a unit from the list that appears as you type</source>
        <translation>hãy chọn một đơn vị trong danh sách hiện ra khi gõ</translation>
    </message>
</context>
<context>
    <name>UnitPicker</name>
    <message>
        <source>Type part of a unit&apos;s name or code…</source>
        <translation>Gõ một phần tên hoặc mã đơn vị…</translation>
    </message>
</context>
<context>
    <name>UnitTreeModel</name>
    <message>
        <source>Unit</source>
        <translation>Đơn vị</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Mã</translation>
    </message>
    <message>
        <source>Ceased on {date}</source>
        <translation>Đã thôi hoạt động từ {date}</translation>
    </message>
</context>
<context>
    <name>UnitYearDialog</name>
    <message>
        <source>Ratings and registrations by unit</source>
        <translation>Xếp loại &amp; đăng ký theo đơn vị</translation>
    </message>
    <message>
        <source>Type in a cell or choose from its list; Ctrl+V pastes a block copied from Excel; Delete clears the selected cells. Results are entered in each person&apos;s record.</source>
        <translation>Gõ vào ô hoặc chọn trong danh sách của ô; Ctrl+V dán một khối ô chép từ Excel; phím Delete xóa các ô đang chọn. Kết quả khen thưởng nhập ở hồ sơ của từng người.</translation>
    </message>
    <message>
        <source>Refused cells:</source>
        <translation>Các ô bị từ chối:</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Lưu</translation>
    </message>
    <message>
        <source>Undo last save</source>
        <translation>Hoàn tác</translation>
    </message>
    <message>
        <source>Discard changes</source>
        <translation>Bỏ các thay đổi</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <source>Unit:</source>
        <translation>Đơn vị:</translation>
    </message>
    <message>
        <source>Year:</source>
        <translation>Năm:</translation>
    </message>
    <message>
        <source>Discard the changes that are not saved yet?</source>
        <translation>Bỏ các thay đổi chưa lưu?</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Bỏ thay đổi</translation>
    </message>
    <message>
        <source>Choose a unit.</source>
        <translation>Hãy chọn một đơn vị.</translation>
    </message>
    <message>
        <source>{count} cells refused; fix them before saving.</source>
        <translation>{count} ô bị từ chối; hãy sửa trước khi lưu.</translation>
    </message>
    <message>
        <source>{count} cells changed, not saved yet.</source>
        <translation>{count} ô đã sửa, chưa lưu.</translation>
    </message>
    <message>
        <source>{people} people and the unit itself; everything is saved.</source>
        <translation>{people} người và chính đơn vị; mọi thay đổi đã được lưu.</translation>
    </message>
    <message>
        <source>Saved {count} cells.</source>
        <translation>Đã lưu {count} ô.</translation>
    </message>
    <message>
        <source>Undid the last save ({count} cells).</source>
        <translation>Đã hoàn tác lần lưu vừa rồi ({count} ô).</translation>
    </message>
</context>
<context>
    <name>UnitYearModel</name>
    <message>
        <source>Full name</source>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Chức vụ</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>Xếp loại</translation>
    </message>
    <message>
        <source>Registered title</source>
        <translation>Danh hiệu đăng ký</translation>
    </message>
    <message>
        <source>LĐTT / TTLĐTT result</source>
        <translation>Kết quả LĐTT / TTLĐTT</translation>
    </message>
    <message>
        <source>CSTĐCS / TTLĐXS result</source>
        <translation>Kết quả CSTĐCS / TTLĐXS</translation>
    </message>
</context>
<context>
    <name>UnitsPage</name>
    <message>
        <source>Search units by name or code (tones optional)…</source>
        <translation>Tìm đơn vị theo tên hoặc mã (gõ không dấu cũng được)…</translation>
    </message>
    <message>
        <source>Add unit…</source>
        <translation>Thêm đơn vị…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Sửa…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Xóa</translation>
    </message>
    <message>
        <source>Ratings, registrations…</source>
        <translation>Xếp loại, đăng ký…</translation>
    </message>
    <message>
        <source>Import from Excel…</source>
        <translation>Nhập từ Excel…</translation>
    </message>
    <message>
        <source>Export to Excel…</source>
        <translation>Xuất Excel…</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Đơn vị</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Mã</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Loại</translation>
    </message>
    <message>
        <source>Add sub-unit</source>
        <translation>Thêm đơn vị trực thuộc</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Sửa</translation>
    </message>
    <message>
        <source>Award timeline…</source>
        <translation>Quá trình khen thưởng…</translation>
    </message>
    <message>
        <source>Selected unit</source>
        <translation>Đơn vị đang chọn</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Tên</translation>
    </message>
    <message>
        <source>Belongs to</source>
        <translation>Trực thuộc</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Địa chỉ</translation>
    </message>
    <message>
        <source>Validity</source>
        <translation>Hiệu lực</translation>
    </message>
    <message>
        <source>Open in People list</source>
        <translation>Mở trong danh sách Cá nhân</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>Đơn vị</translation>
    </message>
    <message>
        <source>Select a unit in the tree.</source>
        <translation>Hãy chọn một đơn vị trong cây đơn vị.</translation>
    </message>
    <message>
        <source>from {start} to {end}</source>
        <translation>từ {start} đến {end}</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>không thời hạn</translation>
    </message>
    <message>
        <source>{count} people in this unit and its sub-units</source>
        <translation>{count} cá nhân thuộc đơn vị này và các đơn vị trực thuộc</translation>
    </message>
    <message>
        <source>Added {name}.</source>
        <translation>Đã thêm {name}.</translation>
    </message>
    <message>
        <source>Move the unit “{name}” to the trash?</source>
        <translation>Chuyển đơn vị “{name}” vào Thùng rác?</translation>
    </message>
    <message>
        <source>Moved {what} to the trash.</source>
        <translation>Đã chuyển {what} vào Thùng rác.</translation>
    </message>
</context>
<context>
    <name>ValidatedForm</name>
    <message>
        <source>Not saved. Please correct:</source>
        <translation>Chưa lưu được. Hãy sửa:</translation>
    </message>
</context>
<context>
    <name>Writes</name>
    <message>
        <source>Someone else changed and saved “%1” after you opened this form, so your changes have not been saved (they would overwrite theirs).</source>
        <translation>Người khác đã sửa và lưu “%1” sau khi bạn mở biểu mẫu này, nên thay đổi của bạn chưa được lưu (để không ghi đè lên thay đổi của họ).</translation>
    </message>
    <message>
        <source>What they changed (when you opened the form → now):</source>
        <translation>Những gì họ đã thay đổi (lúc bạn mở biểu mẫu → hiện nay):</translation>
    </message>
    <message>
        <source>The fields of this form are as you saw them; the record was saved again meanwhile.</source>
        <translation>Các mục trên biểu mẫu vẫn như bạn đã thấy; bản ghi chỉ được lưu lại trong lúc đó.</translation>
    </message>
    <message>
        <source>“Reload” fills the form with the current data (what you typed is discarded); “Cancel” goes back to your form.</source>
        <translation>“Tải lại” điền biểu mẫu bằng dữ liệu hiện tại (những gì bạn vừa nhập sẽ bị bỏ); “Hủy” quay lại biểu mẫu của bạn.</translation>
    </message>
    <message>
        <source>Waiting for the busy database… Another program (another TĐKT Desktop window, the tdkt command or an antivirus scan) is writing to it; waiting at most %1 seconds.</source>
        <translation>Đang chờ cơ sở dữ liệu đang bận… Một chương trình khác (cửa sổ TĐKT Desktop khác, lệnh tdkt hoặc phần mềm diệt virus đang quét) đang ghi dữ liệu; phần mềm chờ tối đa %1 giây.</translation>
    </message>
    <message>
        <source>Database busy</source>
        <translation>Cơ sở dữ liệu đang bận</translation>
    </message>
    <message>
        <source>Waiting for the busy database…</source>
        <translation>Đang chờ cơ sở dữ liệu đang bận…</translation>
    </message>
</context>
</TS>
