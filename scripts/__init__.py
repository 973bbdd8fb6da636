"""Tools around the vanban package, not part of it (the wheel ships ``pipeline`` only).

Run each from the repository root as a module, e.g. ``python -m scripts.bench.restore --help``;
nothing here edits ``sys.path``: ``python -m`` puts the root first, so ``pipeline`` is this
checkout's and ``scripts.lib`` is importable.

* ``lib/``: shared code (the corpus split, synthetic scans, rendering lines for OCR), imported by
  the entry points below and by the tests;
* ``data/``: make the data the models and benchmarks use (corpus counts, OCR pairs, synthetic scans
  and legacy documents, the gold set, the citation registry);
* ``train/``: train the shipped models (n-gram LM, OCR-error channels, neural restorer);
* ``bench/``: the benchmarks behind docs/bench/*.md, and ``assemble``, which joins them into
  docs/benchmarks.md;
* ``reliability/``: the batch reliability suite and its hostile inputs (docs/bench/reliability.md,
  docs/bench/hostile.md);
* ``install.sh``: system packages and the Python package (``make install``).
"""
