"""Reading OCR garble back into Vietnamese: the English model's garble (``ocr-eng``) and
Tesseract ``vie`` errors (``ocr-vie``), decoded by the n-gram LM over channel-model candidates.

``pieces`` splits OCR lines into words and kept pieces (numbers, symbols, marks) and puts them
back together; ``candidates`` gives each piece its channel readings with their costs; ``decode``
builds the lattice and decodes it (``restore_garbled``), and tells the kind of a text
(``detect_mode``).  Post-correction of Tesseract ``vie`` output with word confidences is
``pipeline.restore.ocrfix.postcorrect``.
"""

from pipeline.restore.ocrfix.garble.decode import (
    Rescorer,
    detect_mode,
    load_channel,
    restore_garbled,
    symbol_codes,
    symbol_parts,
)

__all__ = ["Rescorer", "detect_mode", "load_channel", "restore_garbled", "symbol_codes", "symbol_parts"]
