"""The units a provincial plan assigns its tasks to, as they are officially written.

The departments of a provincial People's Committee as NĐ 107/2020/NĐ-CP lists them, and the other
provincial bodies plans name as lead or coordinating units.  The structure stage's text-only table
reader starts each table's register of unit names with them, so a name the OCR never read whole in
the table is still known to go on ("Sở Giáo dục và" / "Đào tạo").
"""

from __future__ import annotations

STANDARD_UNITS = (
    "Sở Nội vụ", "Sở Tư pháp", "Sở Kế hoạch và Đầu tư", "Sở Tài chính", "Sở Công Thương",
    "Sở Nông nghiệp và Phát triển nông thôn", "Sở Giao thông vận tải", "Sở Xây dựng", "Sở Tài nguyên và Môi trường",
    "Sở Thông tin và Truyền thông", "Sở Lao động - Thương binh và Xã hội", "Sở Văn hóa, Thể thao và Du lịch",
    "Sở Khoa học và Công nghệ", "Sở Giáo dục và Đào tạo", "Sở Y tế", "Sở Ngoại vụ", "Thanh tra tỉnh", "Ban Dân tộc",
    "Văn phòng UBND tỉnh", "Công an tỉnh", "Bộ Chỉ huy Quân sự tỉnh", "Đài Phát thanh và Truyền hình tỉnh",
    "Kho bạc Nhà nước tỉnh", "Cục Thuế tỉnh", "Liên đoàn Lao động tỉnh", "Hội Liên hiệp Phụ nữ tỉnh",
    "UBND các huyện, thị xã, thành phố", "Các sở, ban, ngành",
)
