"""Accurate diacritic restoration: a syllable tagger trained from scratch (models/neural.pt).

The shipped network is a 2-layer BiLSTM over stripped syllables (a from-scratch BERT encoder is
the other choice in ``neural_model.py``; the BiLSTM learned ~5x faster per token on this CPU, see
docs/bench/neural.md).  It is meant to rescore the n-gram lattice; alone it is weaker than the LM.

How ``pipeline.restore_text(text, model="accurate")`` uses it::

    from pipeline.restore.diacritics.neural import NeuralRestorer
    nr = NeuralRestorer.load()                 # models/neural.pt, < 2 s, loads once per worker
    nr.predict(["Ke", "hoach", "trien", "khai", ",", "\\n", "thuc", "hien"])
    # -> per item, best first: [("kế", -0.001), ("kệ", -7.2), ...], ..., [(",", 0.0)], ...
    nr.restore_tokens(["Ke", "hoach"])          # -> ["Kế", "hoạch"] (case and tone style kept)
    nr.restore_text("Ke hoach so 47/NQ-CP\\ncua Chinh phu")  # only letters change

``predict`` takes the document's tokens in order (syllables, plus punctuation, numbers and "\\n"
line breaks as context: the model reads across lines).  For each item it returns lower-case,
old-tone-style (``MODEL_STYLE``) candidates with natural-log probabilities that sum to ~1,
best first; an item that is not a known syllable comes back as ``[(item.lower(), 0.0)]``.  Those
log-probs are meant as per-position scores for the n-gram lattice decoder (weight tuned on dev).
Input may already carry marks: the model looks at the stripped form only.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import torch

from pipeline import modelstore
from pipeline.errors import MissingDependencyError
from pipeline.restore.diacritics.neural_model import CandidateTagger, cand_tensor
from pipeline.restore.diacritics.neural_vocab import NEWLINE, TOKEN_RE, WORD_RE, Vocab, case_of
from pipeline.vn.orthography import (
    detect_tone_style,
    follow_convention,
    has_diacritics,
    nfc,
    strip_diacritics,
)

MODEL_FILE = "neural.pt"
_BATCH = 32  # windows per forward pass


def _fast_bf16() -> bool:
    """True when the CPU has native bf16 matrix units (AVX512-BF16/AMX): bf16 is then ~2x faster."""
    try:
        return bool(torch.cpu._is_avx512_bf16_supported())
    except AttributeError:
        return False


class NeuralRestorer:
    """The loaded accurate model: per-token candidate log-probs and convenience restorers."""

    def __init__(self, model: CandidateTagger, vocab: Vocab, meta: dict, bf16: bool | None = None) -> None:
        self.model = model.eval()
        self.bf16 = _fast_bf16() if bf16 is None else bf16
        self.vocab = vocab
        self.meta = meta
        self.window = int(model.arch["window"])

    @classmethod
    def load(cls, path: str | Path | None = None, bf16: bool | None = None) -> NeuralRestorer:
        """Load the shipped model (or ``path``) for CPU inference (bf16 None = when the CPU has it)."""
        p = Path(path) if path is not None else modelstore.model_path(MODEL_FILE)
        if not p.is_file():
            raise MissingDependencyError(
                f"neural restoration model {p} not found",
                path=str(p),
                hint="Rebuild it with `python -m scripts.train.neural --out models/` (or `make models`).",
            )
        blob = torch.load(p, map_location="cpu", weights_only=True)
        vocab = Vocab.from_dict(blob["vocab"])
        model = CandidateTagger(
            len(vocab.inputs), len(vocab.outputs), cand_tensor(vocab.cands), cand_tensor(vocab.label_table()[1]), blob["arch"]
        )
        model.load_state_dict({k: v.float() for k, v in blob["state"].items()})
        return cls(model, vocab, dict(blob.get("meta", {})), bf16)

    # -- scoring -----------------------------------------------------------------------------

    def _log_probs(self, ids: list[int], cases: list[int]) -> torch.Tensor:
        """(N, K) candidate log-probs for a flat token sequence, using overlapping windows."""
        n, w = len(ids), self.window
        if n == 0:
            return torch.zeros(0, self.vocab.max_cands)
        if n <= w:
            starts = [0]
        else:
            # Windows overlap by a quarter, so every token keeps >= w/8 tokens of context each side.
            starts = list(range(0, n - w, 3 * w // 4)) + [n - w]
        seg = min(n, w)
        ti = torch.tensor(ids, dtype=torch.long)
        tc = torch.tensor(cases, dtype=torch.long)
        idx = torch.tensor(starts)[:, None] + torch.arange(seg)[None, :]
        outs = []
        with torch.inference_mode(), torch.autocast("cpu", dtype=torch.bfloat16, enabled=self.bf16):
            for b in range(0, len(starts), _BATCH):
                sl = idx[b : b + _BATCH]
                outs.append(torch.log_softmax(self.model(ti[sl], tc[sl]).float(), dim=-1))
        lp = torch.cat(outs)
        # Each token is read from the window whose centre is nearest (it always contains it).
        centres = torch.tensor(starts, dtype=torch.float) + seg / 2
        pos = torch.arange(n, dtype=torch.float)
        right = torch.searchsorted(centres, pos).clamp(max=len(starts) - 1)
        left = (right - 1).clamp(min=0)
        win = torch.where((pos - centres[left]).abs() <= (centres[right] - pos).abs(), left, right)
        result = lp[win, pos.long() - torch.tensor(starts)[win]]
        return result

    def predict(self, stripped_syllables: list[str], top_k: int | None = None) -> list[list[tuple[str, float]]]:
        """Per item, lower-case written candidates with log-probs, best first (see module doc)."""
        flat_ids: list[int] = []
        flat_cases: list[int] = []
        owner: list[tuple[int, int]] = []  # (flat position of the item's word, number of words)
        for item in stripped_syllables:
            subs = ["\n"] if item == "\n" else TOKEN_RE.findall(nfc(item))
            first, words = -1, 0
            for sub in subs:
                if sub == "\n":
                    flat_ids.append(NEWLINE)
                    flat_cases.append(3)
                    continue
                if sub[:1].isalpha():
                    words += 1
                    if first < 0:
                        first = len(flat_ids)
                flat_ids.append(self.vocab.input_id(sub))
                flat_cases.append(case_of(sub))
            owner.append((first, words))
        lp = self._log_probs(flat_ids, flat_cases)
        k = lp.shape[-1] if top_k is None else max(1, min(top_k, lp.shape[-1]))
        vals, order = lp.topk(k, dim=-1)  # padded candidates sit at -1e4: never above real ones
        vals_l, order_l = vals.tolist(), order.tolist()
        outputs = self.vocab.outputs
        result: list[list[tuple[str, float]]] = []
        for item, (pos, words) in zip(stripped_syllables, owner, strict=True):
            cl = self.vocab.cands[flat_ids[pos]] if words == 1 else []
            if not cl:
                result.append([(item.lower(), 0.0)])
                continue
            ranked = [(outputs[cl[j]], v) for j, v in zip(order_l[pos], vals_l[pos], strict=True) if j < len(cl)]
            if not item.isalpha():  # "(Dieu" -> "(điều": put the syllable back between its symbols
                m = WORD_RE.search(nfc(item))
                assert m is not None
                low = nfc(item).lower()
                ranked = [(low[: m.start()] + c + low[m.end() :], v) for c, v in ranked]
            result.append(ranked)
        return result

    # -- convenience -------------------------------------------------------------------------

    def restore_tokens(self, tokens: list[str], style: str | None = None) -> list[str]:
        """Best restoration of each token, with its case and the text's tone style; accented tokens kept."""
        style = style or detect_tone_style(tokens)
        best = self.predict(tokens, top_k=1)
        out = []
        for tok, cands in zip(tokens, best, strict=True):
            if has_diacritics(tok) or len(cands[0][0]) != len(tok):
                out.append(tok)
            else:
                out.append(follow_convention(cands[0][0], tok, style))
        return out

    def restore_text(self, text: str, style: str | None = None) -> str:
        """Restore a text, changing only letters of diacritic-free words (layout kept exactly)."""
        text = nfc(text)
        spans = []
        for m in TOKEN_RE.finditer(text):
            spans.append((m.start(), m.end()))
        items: list[str] = []
        item_spans: list[tuple[int, int] | None] = []
        last_end = 0
        for s, e in spans:
            if "\n" in text[last_end:s]:
                items.append("\n")
                item_spans.append(None)
            items.append(text[s:e])
            item_spans.append((s, e))
            last_end = e
        restored = self.restore_tokens(items, style)
        pieces, pos = [], 0
        for sp, new in zip(item_spans, restored, strict=True):
            if sp is None:
                continue
            pieces.append(text[pos : sp[0]])
            pieces.append(new)
            pos = sp[1]
        pieces.append(text[pos:])
        return "".join(pieces)


# What the tagger reads for a lattice position that is not a word (LM class units).
_PLACEHOLDER = {"<num>": "1", "<p>": ",", "<unk>": "X", "</s>": "\n", "<s>": "\n"}


def lattice_rescorer(
    nr: NeuralRestorer, weight: float
) -> Callable[[list[list[str] | None], list[int], list[str]], list[list[float]]]:
    """A second-pass scorer for the OCR-garble lattice (``garble.restore_garbled(rescore=...)``).

    The first pass's reading of every position, stripped, is what the tagger sees; each candidate
    with those same letters gets ``weight`` x its log-probability below the best of them, and a
    candidate with other letters gets the first-pass choice's value, so the network only arbitrates
    marks (``ban``/``bản``/``bạn``), never letters, which it cannot see.
    """

    def rescore(texts: list[list[str] | None], choices: list[int], units: list[str]) -> list[list[float]]:
        seq = [
            strip_diacritics(t[c]) if t is not None else _PLACEHOLDER.get(u, u)
            for t, c, u in zip(texts, choices, units, strict=True)
        ]
        preds = nr.predict(seq) if seq else []
        out: list[list[float]] = []
        for t, c, ranked in zip(texts, choices, preds, strict=True):
            if t is None:
                out.append([0.0])
                continue
            lp = dict(ranked)
            skeleton = strip_diacritics(t[c]).lower()
            same = [lp[x.lower()] for x in t if strip_diacritics(x).lower() == skeleton and x.lower() in lp]
            if not same:
                out.append([0.0] * len(t))
                continue
            best, floor = max(same), min(same) - 3.0
            current = lp.get(t[c].lower(), floor) - best
            out.append([
                weight * (lp.get(x.lower(), floor) - best) if strip_diacritics(x).lower() == skeleton else weight * current
                for x in t
            ])
        return out

    return rescore

