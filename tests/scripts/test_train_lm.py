"""scripts/train/lm.py: several prunings from one count, one-byte quantization the loader reads."""

from __future__ import annotations

import json
import random
from pathlib import Path

import numpy as np

from pipeline.restore.core.lm import BOS_ID, EOS_ID, SPECIALS, NgramLM
from scripts.train.lm import main

WORDS = ["ủy", "ban", "nhân", "dân", "tỉnh", "kế", "hoạch", "năm", "công", "tác"]


def test_prunings_and_levels(tmp_path: Path) -> None:
    data = tmp_path / "corpus"
    data.mkdir()
    vocab = list(SPECIALS) + WORDS
    (data / "vocab.txt").write_text("\n".join(vocab) + "\n", encoding="utf-8")
    rng = random.Random(3)
    ids: list[int] = []
    for _ in range(400):
        ids += [BOS_ID, *(len(SPECIALS) + rng.randrange(len(WORDS)) for _ in range(rng.randrange(3, 9))), EOS_ID]
    np.save(data / "train_ids.npy", np.array(ids, dtype=np.uint16))
    (data / "stats.json").write_text(json.dumps({"splits": "data/splits/x.json.gz", "general_fraction": 0.4}))
    out = tmp_path / "models"
    assert main(["--data", str(data), "--out", str(out), "--prune", "0,0,1,1;0,0,2,3", "--levels", "256"]) == 0
    small, big = out / "prune-0-0-2-3", out / "prune-0-0-1-1"
    sizes = {}
    for folder in (small, big):
        with np.load(folder / "restore_lm.npz") as z:
            assert z["q3"].dtype == np.uint8 and z["qb2"].dtype == np.uint8
            sizes[folder] = len(z["q4"])
        lm = NgramLM.load(folder / "restore_lm.npz")
        assert lm.score(["ủy", "ban", "nhân", "dân"]) < 0
        man = json.loads((folder / "MANIFEST.json").read_text(encoding="utf-8"))
        entry = man["files"]["restore_lm.npz"]
        assert "data/splits/x.json.gz" in entry["training_data"] and entry["lm"]["levels"] == 256
    assert sizes[small] < sizes[big]
    # 256 levels against the default 4096: the same model up to quantization
    main(["--data", str(data), "--out", str(tmp_path / "m12"), "--prune", "0,0,1,1", "--levels", "4096"])
    a, b = NgramLM.load(big / "restore_lm.npz"), NgramLM.load(tmp_path / "m12" / "restore_lm.npz")
    for sent in (["ủy", "ban", "nhân", "dân", "tỉnh"], ["kế", "hoạch", "công", "tác", "năm"]):
        assert abs(a.score(sent) - b.score(sent)) < 0.05 * abs(b.score(sent))
