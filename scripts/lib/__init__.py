"""Code shared by the scripts and the tests: the corpus and its split (``corpus``), synthetic scans
(``scans``, with ``scans_text`` for their content and ``scans_layout`` for the page), lines rendered
and read by Tesseract (``ocr_lines``)."""
