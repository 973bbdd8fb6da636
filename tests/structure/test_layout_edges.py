"""The page's text edges: shared by the lines of justified print, not set by one speck."""

from pipeline.structure.layout import _text_edges


def test_edges_are_ends_other_lines_share() -> None:
    h = 40.0
    body = [(200, y, 2200, y + 40) for y in range(0, 400, 50)]
    speck = [(200, 500, 2290, 540)]  # a speck glued to one line's end
    centred = [(700, 600, 1700, 640)]
    assert _text_edges(body + speck + centred, h) == (200, 2200)


def test_a_lone_line_keeps_its_ends() -> None:
    assert _text_edges([(300, 0, 900, 40)], 40.0) == (300, 900)
    assert _text_edges([(300, 0, 900, 40), (500, 50, 1500, 90)], 40.0) == (300, 1500)
