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

check: ## lint, type-check and check the layers (import-linter contracts in pyproject.toml)
	$(PY) -m ruff check pipeline scripts tests
	$(PY) -m mypy pipeline
	lint-imports

bench: ## every benchmark; each prints the table kept in docs/bench/*.md (about an hour on 2 cores)
	$(PY) -m scripts.bench.restore --corpus $(CORPUS) --lines 1500
	OMP_NUM_THREADS=1 $(PY) -m scripts.bench.neural --corpus $(CORPUS) --combine --weights 0.2 --max-words 60000
	$(PY) -m scripts.bench.legacy --docs 60
	$(PY) -m scripts.data.make_legacy_docs --out work/legacy --split test --n 16 --corpus $(CORPUS)
	$(PY) -m scripts.data.make_legacy_docs --out work/legacy --split test --n 8 --first 200 --columns 4,6
	$(PY) -m scripts.bench.legacy_docs --data work/legacy --split test --first 00
	$(PY) -m scripts.bench.legacy_docs --data work/legacy --split test --first 02
	$(PY) -m scripts.bench.ocr --pages 3
	$(PY) -m scripts.bench.structure --n 4 --pages 4 --degrade mild
	$(PY) -m scripts.bench.citations --synthetic 40
	$(PY) -m scripts.bench.ingest --real ../shared/real-scans --pairs ../shared/ocr-pairs/pairs.jsonl.xz --pages 100 --dpi 300
	$(PY) -m scripts.bench.batch --docs 4 --pages 2 --dpi 200
	$(PY) -m scripts.reliability.suite --kills 5 --seed 1
	$(PY) -m scripts.bench.archive --docs 3 --pages 2
	$(PY) -m scripts.bench.assemble

eval: ## score restoration, OCR, structure and citations on the gold set (beside pyvi and identity)
	mkdir -p $(OUT)
	vanban eval data/gold --baseline identity --baseline pyvi --json $(OUT)/eval.json --html $(OUT)/eval.html
	@echo "wrote $(OUT)/eval.json and $(OUT)/eval.html"

models: ## rebuild every shipped model from ../shared/corpus and ../shared/ocr-pairs (hours on 2 cores)
	$(PY) -m scripts.data.prepare_corpus --corpus $(CORPUS) --out work/corpus
	$(PY) -m scripts.train.lm --data work/corpus --out models/
	# every corpus reader defaults to the duplicate-aware split file (--splits data/splits/corpus-splits.json.gz)
	$(PY) -m scripts.data.make_ocr_pairs --corpus $(CORPUS) --lang vie --split train --lines 1309 -o work/ocr-pairs/vie-train.jsonl
	$(PY) -m scripts.data.make_ocr_pairs --corpus $(CORPUS) --lang vie --split train --lines 1475 --px 16,34 --seed 21 -o work/ocr-pairs/vie-train2.jsonl
	# low resolutions, where Tesseract vie is unsure of many words (the unsure-word channel)
	$(PY) -m scripts.data.make_ocr_pairs --corpus $(CORPUS) --lang vie --split train --lines 4000 --px 16,40 --seed 11 -o work/ocr-pairs/vie-train3.jsonl
	$(PY) -m scripts.data.make_ocr_pairs --corpus $(CORPUS) --lang vie --split train --lines 4000 --px 16,24 --seed 31 -o work/ocr-pairs/vie-train4.jsonl
	$(PY) -m scripts.data.make_ocr_pairs --corpus $(CORPUS) --lang vie --split train --lines 6000 --px 16,24 --seed 41 -o work/ocr-pairs/vie-train5.jsonl
	$(PY) -m scripts.data.make_ocr_pairs --corpus $(CORPUS) --lang vie --split train --lines 6000 --px 16,28 --seed 51 -o work/ocr-pairs/vie-train6.jsonl
	$(PY) -m scripts.data.make_ocr_pairs --corpus $(CORPUS) --lang eng --split train --lines 1479 --px 20,36 --seed 3 -o work/ocr-pairs/eng-train.jsonl
	$(PY) -m scripts.train.channel --corpus $(CORPUS) --kind eng
	# the all-word channel from the moderate renders (the low-resolution sets made it worse on real scans)
	$(PY) -m scripts.train.channel --corpus $(CORPUS) --kind vie --pairs vie-train.jsonl,vie-train2.jsonl
	$(PY) -m scripts.train.channel --corpus $(CORPUS) --kind vie-unsure
	$(PY) -m scripts.train.channel --corpus $(CORPUS) --kind symbols
	$(PY) -m scripts.train.channel --corpus $(CORPUS) --kind symbol-parts
	$(PY) -m scripts.train.channel --corpus $(CORPUS) --kind marks
	# the accurate model from scratch on the split's train side, one thread (docs/bench/neural.md)
	OMP_NUM_THREADS=1 $(PY) -m scripts.train.neural --corpus $(CORPUS) --out models/ --work work/neural --minutes 105 --threads 1 --batch 32 --lr 1e-3 --warmup 50 --eval-every 8 --arch bilstm --p-legal 0.3 --p-general 0.2 --lattice-weight 0.2 --garble-weight 0.2
	# ... continued 70 min at half the learning rate (the first 105 min stopped while dev accuracy still rose)
	OMP_NUM_THREADS=1 $(PY) -m scripts.train.neural --corpus $(CORPUS) --init models/neural.pt --out models/ --work work/neural --minutes 70 --threads 1 --batch 32 --lr 5e-4 --warmup 50 --eval-every 10 --arch bilstm --p-legal 0.3 --p-general 0.2 --lattice-weight 0.2 --garble-weight 0.2
	$(PY) -m scripts.data.build_registry --corpus $(CORPUS) --out pipeline/citations/data/registry.json.gz
