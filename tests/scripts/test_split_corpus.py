"""The duplicate-aware split (scripts/data/split_corpus.py) on a small synthetic corpus: its guarantee
that no dev/test document shares more than the threshold of its shingles with the training side,
that duplicates under other ids are dropped, and that a matching number/symbol keeps a pair together."""

from __future__ import annotations

import json
import lzma
import random
from pathlib import Path

import numpy as np
import pytest

from scripts.data.split_corpus import choose, dedup, load, main
from scripts.lib.corpus import SplitFile, doc_symbols, in_sorted, iter_records, shingle_hashes

THRESHOLD = 0.05
SYLLABLES = [a + b for a in ("b", "c", "d", "đ", "h", "kh", "l", "m", "n", "ng", "ph", "qu", "s", "t", "th", "tr", "v", "x")
             for b in ("a", "à", "ả", "ân", "ấp", "ệ", "iên", "oà", "ương", "ục", "ứ", "ơn")]


def _words(rng: random.Random, n: int) -> list[str]:
    return [rng.choice(SYLLABLES) for _ in range(n)]


def _write(root: Path, source: str, records: list[dict[str, str]]) -> None:
    (root / source).mkdir(parents=True)
    with lzma.open(root / source / "docs.jsonl.xz", "wt", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


def _para(ws: list[str]) -> str:
    return " ".join(ws[: len(ws) // 2]) + "\n" + " ".join(ws[len(ws) // 2:])


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    rng = random.Random(17)
    root = tmp_path / "corpus"
    legal = [{"id": f"l{i}", "title": "", "text": _para(_words(rng, 120))} for i in range(40)]
    shared = _words(rng, 120)
    legal[0]["text"] = _para(shared)
    news = [{"id": f"n{i}", "title": "", "text": _para(_words(rng, 120))} for i in range(40)]
    news[0]["text"] = legal[0]["text"].upper()  # the same text under another id (and case, and source)
    near = _words(rng, 200)
    legal[1]["text"] = _para(near)
    near2 = list(near)
    near2[100] = "khác"  # one word changed: 8 of ~190 shingles differ
    legal[2]["text"] = _para(near2)
    partial = _words(rng, 120)
    news[1]["text"] = _para(partial)
    news[2]["text"] = _para(partial[:40] + _words(rng, 80))  # a third of its shingles shared: not a duplicate
    for i in range(10):  # the same decree under two ids, with different texts (other excerpts)
        legal[10 + 2 * i].update(title=f"Nghị định {190 + i}/2026/NĐ-CP về quyết toán vốn đầu tư")
        legal[11 + 2 * i].update(id=f"van-ban/dat-dai/nghi-dinh-{190 + i}-2026-nd-cp-quyet-toan.md")
    titles = [{"id": f"{100 + i}/QĐ-UBND", "title": "", "text": " ".join(_words(rng, 14))} for i in range(30)]
    titles += [{"id": f"{100 + i}/QĐ-UBND", "title": "", "text": " ".join(_words(rng, 14))} for i in range(5)]  # ids recur
    _write(root, "legal_a", legal)
    _write(root, "news_b", news)
    _write(root, "admin_c", titles)
    return root


def test_split_guarantee(corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "splits.json.gz"
    assert main([str(corpus), "--out", str(out), "--no-old-audit", "--gold", "", "--min-per-stratum", "1000",
                 "--threshold", str(THRESHOLD)]) == 0
    assert "New split" in capsys.readouterr().out
    split = SplitFile.load(out)
    of = {f"{s}/{r['id']}": split.split_of(s, str(r["id"])) for s, r in iter_records(corpus)}
    sh: dict[str, np.ndarray] = {}
    for s, r in iter_records(corpus):  # records sharing an id: one key, all their shingles
        key = f"{s}/{r['id']}"
        sh[key] = np.union1d(sh.get(key, np.zeros(0, dtype=np.uint64)), shingle_hashes(str(r["text"])))
    sym = {f"{s}/{r['id']}": doc_symbols(s, r) for s, r in iter_records(corpus)}

    # duplicates across ids (and sources, and letter case) are caught: one copy stays, one goes
    assert sorted(of[k] == "excluded" for k in ("legal_a/l0", "news_b/n0")) == [False, True]
    assert sorted(of[k] == "excluded" for k in ("legal_a/l1", "legal_a/l2")) == [False, True]
    assert of["news_b/n1"] != "excluded" and of["news_b/n2"] != "excluded"  # partial overlap is no duplicate
    assert sum(v == "excluded" for v in of.values()) == 2

    assert split.split_of("wordlists", "") == "excluded"  # folders of the corpus that hold no documents

    # an id shared by several records (a number reused another year) is never held out
    assert all(split.split_of("admin_c", f"{100 + i}/QĐ-UBND") in ("train", "excluded") for i in range(5))

    # the guarantee, checked independently of the tool: test against train + dev, dev against train
    def index(*names: str) -> np.ndarray:
        return np.unique(np.concatenate([sh[k] for k, v in of.items() if v in names]))

    for held, against in (("test", ("train", "dev")), ("dev", ("train",))):
        idx = index(*against)
        train_sym = set().union(*(sym[k] for k, v in of.items() if v in against))
        members = [k for k, v in of.items() if v == held]
        assert members, f"empty {held} split"
        for k in members:
            assert in_sorted(sh[k], idx).mean() <= THRESHOLD, k
            assert not sym[k] & train_sym, k
    # every stratum of the synthetic corpus is represented in test and dev
    assert {split.stratum[k] for k, v in of.items() if v == "test"} == {"legal/paragraph", "general/paragraph", "legal/title"}

    # the partial-overlap pair and the same-numbered decree pair are never split across held-out/train
    ids = {f"{s}/{r['id']}" for s, r in iter_records(corpus)}
    pairs = [("news_b/n1", "news_b/n2")] + [(f"legal_a/l{10 + 2 * i}", next(k for k in ids if f"-{190 + i}-2026-" in k))
                                             for i in range(10)]
    for a, b in pairs:
        assert not ({of[a], of[b]} & {"test", "dev"} and "train" in {of[a], of[b]}), (a, of[a], b, of[b])
    assert sym["legal_a/l10"] == sym["legal_a/van-ban/dat-dai/nghi-dinh-190-2026-nd-cp-quyet-toan.md"] == {"190/nd-cp"}


def test_overlap_and_symbols_move_candidates(corpus: Path) -> None:
    """The guarantee above is not met vacuously: candidates are moved to train, by shingles and by symbol."""
    c = load(corpus, progress=False)
    excluded = dedup(c, 0.8)
    ch = choose(c, excluded, dev_frac=0.02, test_frac=0.02, min_n=1000, threshold=THRESHOLD)
    assert sum(ch.by_symbol.values()) > 0
    assert sum(ch.passed_over.values()) > sum(ch.by_symbol.values())  # and some for shared shingles
    assert ch.fixpoint_moved == 0  # the corpus-wide rule already holds against the final train side


def test_symbols_and_shingles() -> None:
    assert doc_symbols("legal_congbao", {"so_hieu": "41/2024/QH15", "id": "luat-so-41-2024-qh15-42576"}) == {"41/qh15"}
    assert doc_symbols("news_x", {"title": "Nghị định 100/2019/NĐ-CP có hiệu lực"}) == set()  # news names, not copies
    a = shingle_hashes("Căn cứ Luật Tổ chức Chính phủ, ngày 19 tháng 6 năm 2015")
    assert len(a) == 13 - 8 + 1 and np.array_equal(a, shingle_hashes("căn cứ luật tổ chức chính phủ ngày 19 tháng 6 năm 2015"))
    assert len(shingle_hashes("Hai từ")) == 1 and len(shingle_hashes("")) == 0
