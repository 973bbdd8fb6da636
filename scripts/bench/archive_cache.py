"""Archive metadata on generated scans, with the OCR and restoration cached (issue 18's dev loop).

    python -m scripts.bench.archive_cache build 1100 1199 [--cache work/arch_cache]
    python -m scripts.bench.archive_cache score 1100 1199 [-v] [--check]
    python -m scripts.bench.archive_cache dump OUT.json

``build`` generates each seed's scan as ``scripts.bench.archive --in-turn --quick`` does (seed S: kind
``KINDS[S % 3]``, mild when S is even, strong with a turned page when odd, two pages), parses it
once and keeps what the structure stage reads: the restored pages and the source's info.  ``score``
reruns only ``build_document`` on them and compares the ``metadata`` block with the ground truth
field by field, as the official bench does, so a change to the structure stage or the metadata
mapping is scored on a hundred scans in seconds.  ``--check`` says where the cached parse's metadata
differs from the rerun (it should not, on the code that built the cache).  ``dump`` writes every
cached document's JSON, to compare two versions of the code (a change meant to change nothing).

A change to OCR or restoration makes the cache stale: build into a new folder.  Seeds below 1000
were used as held-out sets by earlier sessions; tune on fresh ones.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import time
from pathlib import Path
from typing import Any

from scripts.bench.archive import FIELDS, gt_metadata, same

OPTIONS = {"jobs": 1, "executor": "serial"}


def _pickle_path(cache: Path, seed: int) -> Path:
    return cache / f"{seed}.pkl"


def build(cache: Path, first: int, last: int) -> None:
    import pipeline
    from pipeline.ingest import open_source
    from pipeline.options import ParseOptions
    from scripts.lib.scans import KINDS, make_scan

    cache.mkdir(parents=True, exist_ok=True)
    for seed in range(first, last + 1):
        target = _pickle_path(cache, seed)
        if target.exists():
            continue
        level, kind = ("mild", "strong")[seed % 2], KINDS[seed % len(KINDS)]
        t0 = time.perf_counter()
        scan = make_scan(cache / "scans", f"s{seed}", seed=seed, pages=2, degrade_level=level, kind=kind,
                         rotate90=level == "strong", clean=False)
        result = pipeline.parse(scan.pdf, OPTIONS)
        info = open_source(str(scan.pdf), ParseOptions.from_dict(OPTIONS).ingest)
        record = {"pages": list(result.pages), "info": info, "gt": json.loads(Path(scan.gt_json).read_text(encoding="utf-8")),
                  "kind": kind, "level": level,
                  "meta": result.document.to_dict()["metadata"] if result.document else None}
        tmp = target.with_suffix(".tmp")
        tmp.write_bytes(pickle.dumps(record))
        os.replace(tmp, target)  # a stopped build leaves no half-written entry
        print(seed, kind, level, f"{time.perf_counter() - t0:.0f} s", flush=True)


def _documents(cache: Path, first: int, last: int) -> list[tuple[int, dict[str, Any], dict[str, Any]]]:
    from pipeline.options import ParseOptions
    from pipeline.structure import build_document

    options = ParseOptions.from_dict(OPTIONS)
    out = []
    for seed in range(first, last + 1):
        path = _pickle_path(cache, seed)
        if path.exists():
            record = pickle.loads(path.read_bytes())  # noqa: S301 (our own cache)
            out.append((seed, record, build_document(record["pages"], record["info"], options.structure).to_dict()))
    return out


def score(cache: Path, first: int, last: int, verbose: bool, check: bool) -> tuple[int, int]:
    right = total = 0
    for seed, record, doc in _documents(cache, first, last):
        got, want = doc["metadata"], gt_metadata(record["gt"])
        if check and got != record["meta"]:
            print(f"{seed}: the rerun differs from the cached parse: {got} != {record['meta']}")
        for name in FIELDS:
            total += 1
            if same(got.get(name), want.get(name)):
                right += 1
            elif verbose:
                print(f"{seed} {record['kind']}/{record['level']} {name}: got {got.get(name)!r}, want {want.get(name)!r}")
    print(f"seeds {first}-{last}: {right}/{total} metadata fields right")
    return right, total


def dump(cache: Path, out: Path) -> None:
    seeds = sorted(int(p.stem) for p in cache.glob("*.pkl"))
    docs = {str(seed): doc for seed, _, doc in _documents(cache, seeds[0], seeds[-1])} if seeds else {}
    out.write_text(json.dumps(docs, ensure_ascii=False, default=str, sort_keys=True), encoding="utf-8")
    print(f"wrote {len(docs)} documents to {out}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("command", choices=["build", "score", "dump"])
    ap.add_argument("args", nargs="+", help="FIRST LAST seeds (build, score) or OUT.json (dump)")
    ap.add_argument("--cache", type=Path, default=Path("work/arch_cache"))
    ap.add_argument("-v", "--verbose", action="store_true", help="score: every wrong field")
    ap.add_argument("--check", action="store_true", help="score: where the rerun differs from the cached parse")
    args = ap.parse_args()
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    if args.command == "dump":
        dump(args.cache, Path(args.args[0]))
        return
    first, last = (int(a) for a in args.args[:2])
    if args.command == "build":
        build(args.cache, first, last)
    else:
        score(args.cache, first, last, args.verbose, args.check)


if __name__ == "__main__":
    main()
