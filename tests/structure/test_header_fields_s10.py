"""Header fields as English-model OCR of a legacy scan leaves them (issue 13, fresh dev seeds
2800-2831): a trích yếu word whose first glyph was misread into an onset no Vietnamese word has."""

from __future__ import annotations

from pipeline.structure.summary_words import onsets_from_body

BODY = ["Các cơ quan, đơn vị trên địa bàn tỉnh thực hiện.",
        "Tổ chức kiểm tra trên địa bàn huyện; rà soát trên địa bàn xã.",
        "Công tác quản lý địa bàn, phối hợp với địa phương."]


def test_a_foreign_onset_is_read_as_the_body_reads_the_word() -> None:
    assert onsets_from_body("Quản lý đất đai trên địa pan tỉnh", BODY) == "Quản lý đất đai trên địa bàn tỉnh"
    assert onsets_from_body("Quản lý đất đai trên địa pan", BODY) == "Quản lý đất đai trên địa bàn"  # the last word


def test_a_native_onset_or_a_word_the_body_does_not_bear_out_stays() -> None:
    assert onsets_from_body("Phòng, chống thiên tai trên địa bàn", BODY) == "Phòng, chống thiên tai trên địa bàn"
    assert onsets_from_body("Lắp đặt pin mặt trời", BODY) == "Lắp đặt pin mặt trời"  # nothing in the body
    assert onsets_from_body("Phát triển tỉnh Pắc Bó", BODY) == "Phát triển tỉnh Pắc Bó"  # a name keeps its capital
