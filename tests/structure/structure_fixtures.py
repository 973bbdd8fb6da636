"""Synthetic pages for the structure tests: a 300-dpi A4 layout (NĐ 30 margins) built in code.

Lines get word boxes (``char_w`` pixels a character), so header columns that share a row can be
given either as two Lines or as one Line whose words have a wide gap, as OCR engines produce them.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field

from pipeline.types import Line, OcrPage, RestoredPage, Table, TableCell, TextLayer, Word

W, H = 2480, 3508
LEFT, RIGHT = 354, 2244  # 3 cm and 2 cm margins at 300 dpi
CW, LH, STEP = 25, 54, 72  # char width, line height, line pitch
LEFT_CENTER, RIGHT_CENTER, MIDDLE = 800, 1650, (LEFT + RIGHT) // 2
PER_LINE = (RIGHT - LEFT) // CW


def words_at(text: str, x0: int, y: int) -> tuple[Word, ...]:
    out = []
    x = x0
    for w in text.split():
        out.append(Word(w, (x, y, x + len(w) * CW, y + LH), 0.95))
        x += (len(w) + 1) * CW
    return tuple(out)


def make_line(segments: list[tuple[str, int]], y: int) -> Line:
    """One OCR line made of segments (text, x0) on the same row."""
    words: list[Word] = []
    for text, x0 in segments:
        words.extend(words_at(text, x0, y))
    box = (words[0].bbox[0], y, words[-1].bbox[2], y + LH)
    return Line(" ".join(w.text for w in words), box, tuple(words), 0.95)


def centered_x(text: str, center: int) -> int:
    return center - len(text) * CW // 2


@dataclass
class PageBuilder:
    """Places lines top to bottom on one page."""

    page_no: int
    y: int = 180
    lines: list[Line] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)

    def row(self, left: str | None = None, right: str | None = None, merged: bool = True) -> PageBuilder:
        """A two-column header/closing row: left centered on the left column, right on the right."""
        segs = []
        if left:
            segs.append((left, centered_x(left, LEFT_CENTER)))
        if right:
            segs.append((right, centered_x(right, RIGHT_CENTER)))
        if merged:
            self.lines.append(make_line(segs, self.y))
        else:
            self.lines.extend(make_line([s], self.y) for s in segs)
        self.y += STEP
        return self

    def at(self, text: str, x0: int) -> PageBuilder:
        self.lines.append(make_line([(text, x0)], self.y))
        self.y += STEP
        return self

    def center(self, text: str) -> PageBuilder:
        return self.at(text, centered_x(text, MIDDLE))

    def rcol(self, text: str) -> PageBuilder:
        return self.at(text, centered_x(text, RIGHT_CENTER))

    def gap(self, n: float = 1.0) -> PageBuilder:
        self.y += int(STEP * n)
        return self

    def para(self, text: str, indent: bool = True) -> PageBuilder:
        """A justified paragraph: first line indented 1 cm, wrapped at the right margin."""
        first_w = PER_LINE - (5 if indent else 0)
        lines = textwrap.wrap(text, first_w)
        head = lines[0]
        rest = textwrap.wrap(text[len(head):].strip(), PER_LINE) if len(lines) > 1 else []
        self.at(head, LEFT + (118 if indent else 0))
        for t in rest:
            self.at(t, LEFT)
        return self

    def table(self, col_widths: list[int], rows: list[list[tuple[str, int, int] | str | None]]) -> PageBuilder:
        """A ruled table; a cell is text, (text, row_span, col_span), or None where a span covers it."""
        xs = [LEFT]
        for w in col_widths:
            xs.append(xs[-1] + w)
        cells = []
        heights = [STEP * 2] * len(rows)
        ys = [self.y]
        for h in heights:
            ys.append(ys[-1] + h)
        for r, row in enumerate(rows):
            for c, spec in enumerate(row):
                if spec is None:
                    continue
                text, rs, cs = (spec, 1, 1) if isinstance(spec, str) else spec
                box = (xs[c], ys[r], xs[c + cs], ys[r + rs])
                cells.append(TableCell(r, c, text, box, rs, cs, 0.9))
        self.tables.append(Table((xs[0], ys[0], xs[-1], ys[-1]), len(rows), len(col_widths), tuple(cells)))
        self.y = ys[-1] + STEP
        return self

    def build(self, confidence: float = 0.93) -> RestoredPage:
        page = OcrPage(
            page_no=self.page_no, width=W, height=H, dpi=300, lines=tuple(self.lines),
            tables=tuple(self.tables), text_layer=TextLayer.absent, mean_confidence=confidence,
        )
        return RestoredPage(page=page, lines=page.lines, tables=page.tables, mode="ocr-vie")


TABLE_COLS = [180, 700, 330, 330, 350]
TABLE_HEADER: list[tuple[str, int, int] | str | None] = [
    "TT", "NHIỆM VỤ", "ĐƠN VỊ CHỦ TRÌ", "ĐƠN VỊ PHỐI HỢP", "THỜI GIAN THỰC HIỆN",
]


def kh_pages(merged_header: bool = True) -> list[RestoredPage]:
    """A 4-page Kế hoạch: header, bases, I/1/a/-/+ tree, closing, and a 2-page appendix table."""
    p1 = PageBuilder(1)
    p1.row("ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", merged_header)
    p1.row("TỈNH BÌNH ĐỊNH", "Độc lập - Tự do - Hạnh phúc", merged_header)
    p1.row("-----", "---------------", merged_header)
    p1.row("Số: 119/KH-UBND", "Bình Định, ngày 07 tháng 6 năm 2024", merged_header)
    p1.gap().center("KẾ HOẠCH")
    p1.center("Triển khai thực hiện Nghị quyết số 47/NQ-CP ngày 15/4/2024")
    p1.center("của Chính phủ trên địa bàn tỉnh Bình Định").gap(0.5)
    p1.para("Căn cứ Kết luận số 57-KL/TW ngày 15/6/2023 của Bộ Chính trị về tiếp tục nâng cao chất lượng, hiệu quả công tác thông tin đối ngoại trong tình hình mới;")
    p1.para("Căn cứ Nghị quyết số 47/NQ-CP ngày 15/4/2024 của Chính phủ về Chương trình hành động của Chính phủ đến năm 2030;")
    p1.para("Ủy ban nhân dân tỉnh ban hành Kế hoạch triển khai thực hiện như sau:")
    p1.at("I. MỤC ĐÍCH, YÊU CẦU", LEFT + 118)
    p1.at("1. Mục đích", LEFT + 118)
    p1.para("Triển khai kịp thời, đồng bộ các nhiệm vụ của Nghị quyết số 47/NQ-CP trên địa bàn tỉnh, nâng cao hiệu quả công tác thông tin đối ngoại của các cơ quan, đơn vị và địa phương trong toàn tỉnh, bảo đảm")
    p2 = PageBuilder(2)
    p2.at("2", MIDDLE)  # page number at the top of the page
    p2.at("thống nhất từ tỉnh đến cơ sở.", LEFT)
    p2.at("2. Yêu cầu", LEFT + 118)
    p2.para("a) Bám sát các quan điểm, chủ trương của Đảng, chính sách pháp luật của Nhà nước;")
    p2.para("b) Phân công rõ trách nhiệm của từng cơ quan, đơn vị.")
    p2.at("II. NHIỆM VỤ TRỌNG TÂM", LEFT + 118)
    p2.at("1. Công tác tuyên truyền, phổ biến", LEFT + 118)
    p2.para("- Quán triệt nội dung Kết luận số 57-KL/TW đến cán bộ, công chức, viên chức và người lao động, trong đó chú trọng:")
    p2.para("+ Quan điểm về công tác thông tin đối ngoại trong tình hình mới;")
    p2.para("+ Phương châm chủ động, kịp thời, đồng bộ, sáng tạo và hiệu quả.")
    p2.para("- Đổi mới nội dung, hình thức tuyên truyền trên không gian mạng.")
    p2.at("III. TỔ CHỨC THỰC HIỆN", LEFT + 118)
    p2.para("Các sở, ban, ngành, địa phương triển khai thực hiện Kế hoạch này; báo cáo kết quả về Sở Thông tin và Truyền thông trước ngày 15/12 hằng năm./.")
    p2.gap()
    p2.row("Nơi nhận:", "KT. CHỦ TỊCH", merged_header)
    p2.row("- Bộ TTTT;", "PHÓ CHỦ TỊCH", merged_header)
    p2.row("- TT Tỉnh ủy, TT HĐND tỉnh;", None, merged_header)
    p2.row("- Các sở, ban, ngành tỉnh;", None, merged_header)
    p2.row("- Lưu: VT, K1.", None, merged_header)
    p2.gap(2).rcol("Nguyễn Văn An")
    p3 = PageBuilder(3)
    p3.center("PHỤ LỤC")
    p3.center("DANH MỤC NHIỆM VỤ TRIỂN KHAI KẾ HOẠCH")
    p3.center("(Kèm theo Kế hoạch số 119/KH-UBND ngày 07/6/2024")
    p3.center("của UBND tỉnh Bình Định)")
    p3.table(TABLE_COLS, [
        TABLE_HEADER,
        ["(1)", "(2)", "(3)", "(4)", "(5)"],
        ["1", ("Công tác tuyên truyền", 1, 4), None, None, None],
        ["1.1", "Quán triệt Kết luận số 57-KL/TW", "Sở Thông tin và Truyền thông", "Các sở, ngành", "Năm 2024"],
        ["1.2", "Tuyên truyền trên báo chí", ("Sở Văn hóa và Thể thao", 2, 1), "Báo Bình Định", "Hằng năm"],
        ["1.3", "Tuyên truyền trên mạng xã hội", None, "Các địa phương", "Hằng năm"],
        ["2", ("Quảng bá hình ảnh", 1, 4), None, None, None],
        ["2.1", "Xây dựng ấn phẩm quảng bá hình ảnh", "Sở Ngoại vụ", "Các sở,", "Năm 2024"],
    ])
    p4 = PageBuilder(4)
    p4.table(TABLE_COLS, [
        TABLE_HEADER,
        ["", "tỉnh Bình Định bằng nhiều thứ tiếng", "", "ngành liên quan", ""],
        ["2.2", "Tổ chức hội nghị xúc tiến đầu tư", "Sở Kế hoạch và Đầu tư", "Sở Ngoại vụ", "Năm 2025"],
        ["3", ("Kiểm tra, giám sát", 1, 4), None, None, None],
        ["3.1", "Kiểm tra việc thực hiện Kế hoạch", "Sở Thông tin và Truyền thông", "Các sở, ngành", "Hằng năm"],
    ])
    return [p.build() for p in (p1, p2, p3, p4)]


def cong_van_pages() -> list[RestoredPage]:
    """A one-page công văn with a Bộ header wrapped on two lines, V/v and Kính gửi."""
    p = PageBuilder(1)
    p.row("BỘ THÔNG TIN VÀ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", merged=False)
    p.row("TRUYỀN THÔNG", "Độc lập - Tự do - Hạnh phúc", merged=False)
    p.row("Số: 1578/BTTTT-TTĐN", "Hà Nội, ngày 25 tháng 4 năm 2024", merged=False)
    p.row("V/v hướng dẫn triển khai thực hiện")
    p.row("Nghị quyết số 47/NQ-CP")
    p.gap()
    p.center("Kính gửi:")
    p.at("- Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương;", 900)
    p.at("- Sở Thông tin và Truyền thông các tỉnh, thành phố.", 900)
    p.para("Thực hiện Nghị quyết số 47/NQ-CP ngày 15/4/2024 của Chính phủ, Bộ Thông tin và Truyền thông đề nghị các địa phương thực hiện một số nội dung sau:")
    p.para("1. Xây dựng kế hoạch triển khai thực hiện Nghị quyết trong quý II năm 2024.")
    p.para("2. Báo cáo kết quả thực hiện về Bộ Thông tin và Truyền thông trước ngày 15/12/2024./.")
    p.gap()
    p.row("Nơi nhận:", "TL. BỘ TRƯỞNG")
    p.row("- Như trên;", "CỤC TRƯỞNG")
    p.row("- Bộ trưởng (để b/c);", "CỤC THÔNG TIN ĐỐI NGOẠI")
    p.row("- Lưu: VT, TTĐN.")
    p.gap(2).rcol("Lê Thị Hoa")
    return [p.build()]


PARTY_TEXT = """BAN CHẤP HÀNH TRUNG ƯƠNG ĐẢNG CỘNG SẢN VIỆT NAM
*
Số 57-KL/TW Hà Nội, ngày 15 tháng 6 năm 2023

KẾT LUẬN
CỦA BỘ CHÍNH TRỊ
về tiếp tục nâng cao chất lượng, hiệu quả
công tác thông tin đối ngoại trong tình hình mới

Bộ Chính trị đánh giá công tác thông tin đối ngoại thời gian qua đã đạt nhiều kết quả quan
trọng. Bộ Chính trị yêu cầu các cấp ủy, tổ chức đảng thực hiện tốt các nội dung sau:

1. Nâng cao nhận thức, trách nhiệm của các cấp, các ngành về công tác thông tin
đối ngoại.

2. Đổi mới mạnh mẽ nội dung, phương thức thông tin đối ngoại.

3. Tổ chức thực hiện: các tỉnh ủy, thành ủy quán triệt, triển khai thực hiện Kết luận
này./.

Nơi nhận: T/M BỘ CHÍNH TRỊ
- Các tỉnh ủy, thành ủy, (đã ký)
- Lưu Văn phòng Trung ương Đảng. Trương Thị Mai
"""

QD_TEXT = """ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TỈNH QUẢNG NGÃI Độc lập - Tự do - Hạnh phúc
Số: 18/2024/QĐ-UBND Quảng Ngãi, ngày 7/6/2024

QUYẾT ĐỊNH
Ban hành Quy chế phối hợp công tác thông tin đối ngoại
trên địa bàn tỉnh Quảng Ngãi

ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI

Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;

Căn cứ Nghị định số 72/2015/NĐ-CP ngày 07/9/2015 của Chính phủ về quản lý hoạt
động thông tin đối ngoại;

Theo đề nghị của Giám đốc Sở Thông tin và Truyền thông.

QUYẾT ĐỊNH:

Điều 1. Ban hành kèm theo Quyết định này Quy chế phối hợp công tác thông tin đối
ngoại trên địa bàn tỉnh Quảng Ngãi.

Điều 2. Hiệu lực thi hành

1. Quyết định này có hiệu lực từ ngày 20 tháng 6 năm 2024.

2. Bãi bỏ các văn bản sau:

a) Quyết định số 12/2018/QĐ-UBND ngày 02/5/2018;

b) Quyết định số 30/2019/QĐ-UBND ngày 11/9/2019.

Điều 3. Chánh Văn phòng UBND tỉnh, Giám đốc các sở và Chủ tịch UBND các huyện chịu
trách nhiệm thi hành Quyết định này./.

Nơi nhận: TM. ỦY BAN NHÂN DÂN
- Như Điều 3; CHỦ TỊCH
- Bộ Thông tin và Truyền thông;
- Lưu: VT, KGVX.

Đặng Văn Minh
\fPHỤ LỤC
DANH MỤC NHIỆM VỤ PHỐI HỢP
(Kèm theo Quyết định số 18/2024/QĐ-UBND ngày 07/6/2024 của UBND tỉnh)

TT Nội dung Đơn vị chủ trì Thời gian
1 Thông tin đối ngoại
1.1 Cung cấp thông tin cho báo chí Sở Thông tin và Truyền thông Hằng
quý
1.2 Quảng bá hình ảnh tỉnh Sở Văn hóa, Thể thao và Du lịch Năm 2024
2 Kiểm tra, giám sát
2.1 Kiểm tra việc thực hiện Quy chế Sở Nội vụ Hằng năm
"""
