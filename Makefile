# vanban — `make help` lists the targets.
PY ?= python3
CORPUS ?= ../shared/corpus
OUT ?= out

.PHONY: help install demo test check bench eval models

help: ## list the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-8s %s\n", $$1, $$2}'

install: ## install system packages (apt) and the Python package (torch pinned)
	bash scripts/install.sh

demo: install ## install, then turn the bundled sample scan into JSON + text in out/
	mkdir -p $(OUT)
	vanban parse data/raw/sample_scan.pdf --json $(OUT)/sample_scan.json --text $(OUT)/sample_scan.txt
	@echo "wrote $(OUT)/sample_scan.json and $(OUT)/sample_scan.txt"
	@head -25 $(OUT)/sample_scan.txt

test: install ## install, then run the whole test suite (real Tesseract, shipped models)
	$(PY) -m pytest -q

check: ## lint and type-check
	$(PY) -m ruff check pipeline scripts tests
	$(PY) -m mypy pipeline

bench: ## benchmarks that print the tables kept in docs/benchmarks.md
	$(PY) scripts/bench_restore.py --corpus $(CORPUS)
	$(PY) scripts/bench_legacy.py --corpus $(CORPUS)
	$(PY) scripts/bench_ocr.py

eval: ## score restoration, OCR, structure and citations on the gold set (beside pyvi and identity)
	mkdir -p $(OUT)
	vanban eval data/gold --baseline identity --baseline pyvi --json $(OUT)/eval.json --html $(OUT)/eval.html
	@echo "wrote $(OUT)/eval.json and $(OUT)/eval.html"

models: ## rebuild the shipped models from the corpus
	$(PY) scripts/prepare_corpus.py --corpus $(CORPUS) --out work/corpus
	$(PY) scripts/train_lm.py --data work/corpus --out models/
