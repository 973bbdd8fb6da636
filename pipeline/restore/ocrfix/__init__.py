"""OCR-error correction: the character channel model (``channel``, trained on aligned OCR/gold
pairs, ``align``), the garble decoder (``garble``), post-correction of Tesseract ``vie`` output
(``postcorrect``), table rules read as letters (``cell_rules``) and foreign words (``foreign``)."""
