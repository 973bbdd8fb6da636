"""Make data: ``prepare_corpus`` (LM counts, syllable inventory), ``make_ocr_pairs`` (gold/OCR line
pairs), ``make_scans`` and ``make_legacy_docs`` (synthetic scans with exact ground truth),
``build_gold`` (data/gold), ``build_registry`` (the shipped citation registry)."""
