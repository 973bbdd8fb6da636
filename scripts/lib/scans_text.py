"""Content of a synthetic administrative document (Nghị định 30/2020 layout): made-up but plausible.

``generate_doc(rng)`` builds a ``DocSpec`` from seeded templates; ``corpus_paragraphs`` pulls body
paragraphs from a TEST-split corpus document (never train/dev), used in place of generated ones.
No real document is copied: names, numbers and dates are drawn at random.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from pathlib import Path

PROVINCES = [
    "Bình Định", "Quảng Ngãi", "Nghệ An", "Thanh Hóa", "Đắk Lắk", "Lâm Đồng", "Hà Tĩnh",
    "Phú Yên", "Khánh Hòa", "Tiền Giang", "Bến Tre", "Sóc Trăng", "Lạng Sơn", "Yên Bái",
]
DOC_TYPES = [("KẾ HOẠCH", "KH", "Kế hoạch"), ("CHƯƠNG TRÌNH", "CTr", "Chương trình"),
             ("HƯỚNG DẪN", "HD", "Hướng dẫn"), ("ĐỀ ÁN", "ĐA", "Đề án")]
TOPICS = [
    "chuyển đổi số trong cơ quan nhà nước", "cải cách hành chính", "phát triển kinh tế số",
    "bảo đảm an toàn thông tin mạng", "phòng, chống thiên tai", "xây dựng nông thôn mới",
    "thực hành tiết kiệm, chống lãng phí", "phát triển du lịch bền vững",
    "nâng cao chỉ số năng lực cạnh tranh cấp tỉnh", "bảo vệ môi trường",
]
BASES = [
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày {d1} tháng {m1} năm {y1}",
    "Căn cứ Nghị quyết số {n}/NQ-CP ngày {d2}/{m2}/{y2} của Chính phủ về {topic}",
    "Căn cứ Quyết định số {n2}/QĐ-TTg ngày {d2}/{m2}/{y2} của Thủ tướng Chính phủ phê duyệt Chương trình {topic}",
    "Căn cứ Kế hoạch số {n3}-KH/TU ngày {d2}/{m2}/{y2} của Tỉnh ủy {province} về {topic}",
    "Theo đề nghị của Giám đốc Sở {dept} tại Tờ trình số {n4}/TTr-S{code} ngày {d3}/{m3}/{y3}",
]
PARTY_BASES = [
    "Căn cứ Điều lệ Đảng Cộng sản Việt Nam",
    "Căn cứ Nghị quyết số {n}-NQ/TW ngày {d2}/{m2}/{y2} của Bộ Chính trị về {topic}",
    "Căn cứ Kết luận số {n3}-KL/TW ngày {d2}/{m2}/{y2} của Ban Bí thư về {topic}",
]
DEPTS = [("Thông tin và Truyền thông", "TTTT"), ("Nội vụ", "NV"), ("Tài chính", "TC"),
         ("Kế hoạch và Đầu tư", "KHĐT"), ("Tư pháp", "TP"), ("Giáo dục và Đào tạo", "GDĐT"),
         ("Nông nghiệp và Phát triển nông thôn", "NNPTNT"), ("Y tế", "YT")]
VERBS = ["Triển khai", "Tổ chức", "Tăng cường", "Đẩy mạnh", "Nâng cao", "Rà soát", "Hoàn thiện",
         "Xây dựng", "Kiểm tra, giám sát", "Tuyên truyền, phổ biến", "Đôn đốc", "Hướng dẫn"]
OBJECTS = ["hiệu quả công tác {topic}", "các nhiệm vụ, giải pháp về {topic}",
           "hệ thống văn bản quy phạm pháp luật liên quan đến {topic}",
           "chất lượng đội ngũ cán bộ, công chức làm công tác {topic}",
           "việc thực hiện các chỉ tiêu về {topic} năm {year}",
           "cơ sở dữ liệu phục vụ công tác {topic}", "sự phối hợp giữa các sở, ban, ngành và địa phương"]
TAILS = ["bảo đảm đúng tiến độ và chất lượng", "gắn với trách nhiệm của người đứng đầu",
         "phù hợp với điều kiện thực tế của địa phương", "theo đúng quy định của pháp luật",
         "trên địa bàn toàn tỉnh", "trong giai đoạn {year} - {year2}", "một cách thiết thực, hiệu quả"]
PURPOSES = ["Mục đích", "Yêu cầu"]
UNITS = ["Sở Thông tin và Truyền thông", "Sở Nội vụ", "Sở Tài chính", "Văn phòng UBND tỉnh",
         "Sở Kế hoạch và Đầu tư", "Công an tỉnh", "UBND các huyện, thị xã, thành phố",
         "Các sở, ban, ngành", "Sở Tư pháp", "Sở Giáo dục và Đào tạo", "Đài Phát thanh và Truyền hình tỉnh"]
# Cited documents written into task cells (``cell_symbols``): the symbols issue 14 found broken there.
CELL_CITES = ["theo Nghị quyết số {n}/NQ-CP", "theo Kết luận số {n3}-KL/TW", "theo Chỉ thị số {n}/CT-TTg",
              "theo Quyết định số {n2}/QĐ-UBND", "theo Kế hoạch số {n3}-KH/TU", "theo Thông tư số {n}/{y2}/TT-BNV",
              "theo Nghị định số {n}/{y2}/NĐ-CP", "theo Công văn số {n2}/UBND-KGVX"]
TIMES = ["Năm {year}", "Quý I/{year}", "Quý II/{year}", "Quý III/{year}", "Quý IV/{year}",
         "Thường xuyên", "Tháng 6/{year}", "Hằng năm", "{year} - {year2}"]
SIGNERS = ["Nguyễn Văn An", "Trần Thị Bích Hạnh", "Lê Quang Minh", "Phạm Đức Thắng", "Võ Thị Thu Hà",
           "Huỳnh Tấn Phát", "Đặng Ngọc Tuấn", "Bùi Thị Lan Anh", "Hoàng Minh Đức"]
LETTERS = "abcdđeghiklmn"
MOTTO = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
KINDS = ("plan", "congvan", "party")
ADDRESSEES = ["Sở Nội vụ", "Sở Tài chính", "Sở Thông tin và Truyền thông", "Sở Kế hoạch và Đầu tư",
              "UBND các huyện, thị xã, thành phố", "Công an tỉnh"]


@dataclass
class Section:
    label: str  # "I", "1", "a"
    title: str  # heading text ("" for lettered points, whose text is the paragraph)
    paragraphs: list[str] = field(default_factory=list)
    children: list[Section] = field(default_factory=list)


@dataclass
class DocSpec:
    authority: str
    authority_lines: list[str]
    parent_authority: str | None
    number: str
    place: str
    date: dt.date
    doc_type: str
    doc_type_name: str
    summary: str
    bases: list[str]
    preamble: str
    sections: list[Section]
    signature: dict[str, str]
    recipients: list[str]
    appendix_title: str
    appendix_issued_with: str
    columns: list[str]
    rows: list[tuple[str, list[str]]]  # (kind, cells)
    source: str = "generated"
    kind: str = "plan"  # "plan" (kế hoạch-like, NĐ 30), "congvan" (V/v, Kính gửi) or "party"
    motto_lines: list[str] = field(default_factory=lambda: list(MOTTO))
    number_label: str = "Số: "
    star: bool = False  # Party documents put a "*" under the issuing body
    vv: str | None = None  # công văn: "V/v ..." under the number
    addressees: list[str] = field(default_factory=list)  # công văn: "Kính gửi"
    topic: str = ""
    table_cols: tuple[float, ...] | None = None  # column widths (points) when not the usual 5 columns


def date_line(place: str, d: dt.date) -> str:
    """"Bình Định, ngày 07 tháng 6 năm 2024": day padded, months 1-2 padded, others not (NĐ 30)."""
    month = f"{d.month:02d}" if d.month <= 2 else str(d.month)
    return f"{place}, ngày {d.day:02d} tháng {month} năm {d.year}"


class _Gen:
    def __init__(self, rng: random.Random, topic: str, year: int, province: str, date: dt.date | None = None) -> None:
        self.rng, self.topic, self.year, self.province = rng, topic, year, province
        self.date = date or dt.date(year, 12, 31)

    def fill(self, template: str) -> str:
        """Fill a template; every cited date falls before the document's own date."""
        r = self.rng
        dept, code = r.choice(DEPTS)
        old = self.date - dt.timedelta(days=r.randint(60, 900))
        recent = self.date - dt.timedelta(days=r.randint(3, 50))
        law = dt.date(2015, 6, 19)
        return template.format(
            topic=self.topic, year=self.year, year2=self.year + r.randint(1, 5), province=self.province,
            n=r.randint(10, 180), n2=r.randint(100, 2500), n3=r.randint(10, 300), n4=r.randint(5, 400),
            d1=f"{law.day:02d}", m1=law.month, y1=law.year,
            d2=old.day, m2=old.month, y2=old.year, d3=recent.day, m3=recent.month, y3=recent.year,
            dept=dept, code=code,
        )

    def sentence(self) -> str:
        r = self.rng
        s = f"{r.choice(VERBS)} {self.fill(r.choice(OBJECTS))}, {self.fill(r.choice(TAILS))}"
        if r.random() < 0.5:
            s += f"; {r.choice(VERBS).lower()} {self.fill(r.choice(OBJECTS))}"
        return s + "."

    def bullets(self) -> list[str]:
        """0-2 "-" bullets, the first sometimes with "+" sub-bullets."""
        out = []
        for i in range(self.rng.randint(0, 2)):
            out.append(f"- {self.sentence()}")
            if i == 0 and self.rng.random() < 0.4:
                out += [f"+ {self.sentence()}" for _ in range(self.rng.randint(1, 2))]
        return out

    def paragraph(self, n: int | None = None) -> str:
        return " ".join(self.sentence() for _ in range(n or self.rng.randint(1, 3)))


def generate_doc(rng: random.Random, body_paragraphs: list[str] | None = None, n_rows: int = 12,
                 extra_tasks: int = 0, cell_symbols: bool = False) -> DocSpec:
    """A document spec; ``body_paragraphs`` (e.g. corpus text) replaces the generated prose;
    ``extra_tasks`` adds numbered tasks under part II for long documents; ``cell_symbols`` makes
    most task cells cite a document by its symbol (``47/NQ-CP``)."""
    province = rng.choice(PROVINCES)
    year = rng.randint(2019, 2025)
    date = dt.date(year, rng.randint(1, 12), rng.randint(1, 28))
    topic = rng.choice(TOPICS)
    g = _Gen(rng, topic, year, province, date)
    doc_type, code, type_name = rng.choice(DOC_TYPES)
    pool = list(body_paragraphs or [])

    def para(n: int | None = None) -> str:
        return pool.pop(0) if pool else g.paragraph(n)

    sections = [
        Section("I", "MỤC ĐÍCH, YÊU CẦU", children=[Section(str(i + 1), t, [para(), para(1)]) for i, t in enumerate(PURPOSES)]),
        Section("II", "NHIỆM VỤ, GIẢI PHÁP", [para(1)], children=[
            Section(str(i + 1), g.fill(rng.choice(OBJECTS)).capitalize(), [para()], children=[
                Section(LETTERS[j], "", [para(), *g.bullets()])
                for j in range(rng.randint(1, 3))
            ]) for i in range(rng.randint(2, 4) + extra_tasks)
        ]),
        Section("III", "TỔ CHỨC THỰC HIỆN", children=[
            Section(str(i + 1), u, [para(1)]) for i, u in enumerate(rng.sample(UNITS, 3))
        ]),
    ]
    while pool:  # corpus text longer than the skeleton: keep it in the last section
        sections[-1].children[-1].paragraphs.append(pool.pop(0))
    short = {"TTTT": "Bộ TTTT", "NV": "Bộ Nội vụ", "TC": "Bộ Tài chính"}
    recipients = [*rng.sample(list(short.values()), 2), "TT Tỉnh ủy, TT HĐND tỉnh;", "CT, các PCT UBND tỉnh;",
                  "Các sở, ban, ngành tỉnh;", "UBND các huyện, thị xã, thành phố;", f"Lưu: VT, {rng.choice(['KT', 'VX', 'TH'])}."]
    recipients = [r if r.endswith((";", ".")) else r + ";" for r in recipients]
    rows: list[tuple[str, list[str]]] = []
    cites = _Gen(random.Random(rng.random()), topic, year, province, date) if cell_symbols else None

    def cite(text: str) -> str:
        if cites is None or cites.rng.random() < 0.3:
            return text
        return f"{text[:-1]} {cites.fill(cites.rng.choice(CELL_CITES))}."

    for gi in range(1, 100_000):
        rows.append(("group", [str(gi), g.fill(rng.choice(OBJECTS)).capitalize()]))
        for ii in range(1, rng.randint(2, 5)):
            rows.append(("item", [
                f"{gi}.{ii}", cite(g.sentence() + (" " + g.sentence() if rng.random() < 0.35 else "")),
                rng.choice(UNITS), ", ".join(rng.sample(UNITS, rng.randint(1, 3))), g.fill(rng.choice(TIMES)),
            ]))
        if len(rows) >= n_rows:
            break
    number = f"{rng.randint(5, 350):02d}/{code}-UBND"
    return DocSpec(
        authority=f"ỦY BAN NHÂN DÂN TỈNH {province.upper()}",
        authority_lines=["ỦY BAN NHÂN DÂN", f"TỈNH {province.upper()}"],
        parent_authority=None,
        number=number,
        place=province,
        date=date,
        doc_type=doc_type,
        doc_type_name=type_name,
        summary=f"{g.fill(rng.choice(VERBS))} {topic} trên địa bàn tỉnh {province} năm {year}",
        bases=[g.fill(b) for b in BASES[: rng.randint(3, 5)]],
        preamble=f"Ủy ban nhân dân tỉnh ban hành {type_name} {topic} năm {year}, cụ thể như sau:",
        sections=sections,
        signature={"prefix": "KT.", "on_behalf_of": "CHỦ TỊCH", "position": "PHÓ CHỦ TỊCH", "signer": rng.choice(SIGNERS)},
        recipients=recipients,
        appendix_title=f"DANH MỤC NHIỆM VỤ TRIỂN KHAI {type_name.upper()} {topic.upper()} NĂM {year}",
        appendix_issued_with=(f"(Kèm theo {type_name} số {number} ngày {date.day:02d}/{date.month}/{date.year} "
                              f"của Ủy ban nhân dân tỉnh {province})"),
        columns=["TT", "CHƯƠNG TRÌNH, NHIỆM VỤ", "ĐƠN VỊ CHỦ TRÌ", "ĐƠN VỊ PHỐI HỢP", "THỜI GIAN THỰC HIỆN"],
        rows=rows,
        topic=topic,
    )


def as_kind(spec: DocSpec, kind: str, rng: random.Random, body_paragraphs: list[str] | None = None,
            extra: int = 0) -> DocSpec:
    """Turn a generated plan into a công văn or a Party document (NĐ 30 / HD 36 conventions)."""
    if kind == "plan":
        return spec
    year, province = spec.date.year, spec.place
    topic = spec.topic
    g = _Gen(rng, topic, year, province, spec.date)
    spec.kind = kind
    if kind == "congvan":
        pool = list(body_paragraphs or [])
        unit = rng.choice(["VX", "KT", "TH", "NC", "KGVX"])
        spec.number = f"{rng.randint(5, 3500):02d}/UBND-{unit}"
        spec.doc_type, spec.doc_type_name = "CÔNG VĂN", "Công văn"
        spec.summary = f"triển khai công tác {topic} năm {year}"
        spec.vv = f"V/v {spec.summary}"
        spec.addressees = rng.sample(ADDRESSEES, rng.randint(1, 3))
        spec.bases = []
        spec.preamble = g.fill("Thực hiện Công văn số {n2}/BNV-VP ngày {d3}/{m3}/{y3} của Bộ Nội vụ về {topic}, "
                               "Ủy ban nhân dân tỉnh có ý kiến như sau:")
        spec.sections = [Section(str(i + 1), "", [pool.pop(0) if pool else g.paragraph()])
                         for i in range(rng.randint(2, 4) + extra)]
        while pool:
            spec.sections[-1].paragraphs.append(pool.pop(0))
        if rng.random() < 0.5:
            spec.signature = {"prefix": "TL.", "on_behalf_of": "CHỦ TỊCH", "position": "CHÁNH VĂN PHÒNG",
                              "signer": spec.signature["signer"]}
        spec.recipients = ["Như trên;", "CT, các PCT UBND tỉnh;", f"Lưu: VT, {unit}."]
        spec.rows = []
    else:
        code = {"KẾ HOẠCH": "KH", "CHƯƠNG TRÌNH": "CTr", "HƯỚNG DẪN": "HD", "ĐỀ ÁN": "ĐA"}[spec.doc_type]
        spec.authority = f"TỈNH ỦY {province.upper()}"
        spec.authority_lines = [spec.authority]
        spec.motto_lines = ["ĐẢNG CỘNG SẢN VIỆT NAM"]
        spec.star = True
        spec.number_label = "Số "
        spec.number = f"{rng.randint(5, 350)}-{code}/TU"
        spec.bases = [g.fill(b) for b in PARTY_BASES]
        spec.preamble = f"Ban Thường vụ Tỉnh ủy ban hành {spec.doc_type_name} {g.topic} năm {year}, cụ thể như sau:"
        spec.signature = {"prefix": "T/M", "on_behalf_of": "BAN THƯỜNG VỤ", "position": "PHÓ BÍ THƯ",
                          "signer": spec.signature["signer"]}
        spec.recipients = ["Ban Thường vụ Tỉnh ủy;", "Các đảng bộ trực thuộc Tỉnh ủy;", "Lưu Văn phòng Tỉnh ủy."]
        spec.appendix_issued_with = (f"(Kèm theo {spec.doc_type_name} số {spec.number} ngày {spec.date.day:02d}/"
                                     f"{spec.date.month}/{year} của Tỉnh ủy {province})")
    return spec


def corpus_paragraphs(corpus: str | Path, index: int, max_paragraphs: int = 60) -> tuple[str, list[str]]:
    """Paragraphs of the ``index``-th TEST-split tier-1 corpus document with enough prose."""
    from scripts.lib.corpus import is_tier1, iter_docs, sources

    wanted = [s for s in sources(corpus) if is_tier1(s)]
    seen = 0
    for source, doc_id, text in iter_docs(corpus, only=wanted, split="test"):
        paras = [p.strip() for p in text.split("\n") if 60 <= len(p.strip()) <= 900]
        if len(paras) < 8:
            continue
        if seen == index:
            return f"{source}/{doc_id}", paras[:max_paragraphs]
        seen += 1
    raise ValueError(f"the corpus at {corpus} has fewer than {index + 1} usable test-split documents")
