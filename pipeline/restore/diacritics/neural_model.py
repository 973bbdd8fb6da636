"""The accurate model's network: an encoder (BiLSTM or small BERT, from scratch) + a candidate head.

The encoder reads stripped tokens with their case class (BERT: as token types; BiLSTM: a
summed case embedding).  The head scores only the written syllables that strip to each input (``cands``): a linear layer scores the few
hundred mark patterns ("acute tone + circumflex on the 2nd letter"), each candidate takes its
pattern's score plus a per-syllable bias, and a softmax runs over at most ~34 candidates.
(Dot products with 8k output-syllable embeddings cost as much as the encoder to train on CPU.)
"""

from __future__ import annotations

from typing import Any

import torch
from torch import nn

DEFAULT_ARCH: dict[str, Any] = {
    # Sized for the compute at hand (a fraction of one shared CPU core for ~50 min): a larger
    # encoder sees too few tokens in that budget to learn more.
    "hidden_size": 128,
    "num_hidden_layers": 3,
    "num_attention_heads": 4,
    "intermediate_size": 512,
    "max_position_embeddings": 256,
    "window": 128,
}
NEG = -1e4  # masked candidate logit (finite: bf16-safe)


class CandidateTagger(nn.Module):
    """Encoder (BiLSTM or BERT) + per-token candidate scoring."""

    cand_ids: torch.Tensor
    cand_labels: torch.Tensor
    cand_mask: torch.Tensor

    def __init__(
        self, n_inputs: int, n_outputs: int, cands: torch.Tensor, labels: torch.Tensor, arch: dict[str, Any]
    ):
        super().__init__()
        self.arch = dict(arch)
        self.kind = arch.get("type", "bert")
        if self.kind == "bilstm":
            d = arch["hidden_size"]
            self.emb = nn.Embedding(n_inputs, d)
            self.case_emb = nn.Embedding(4, d)
            self.lstm = nn.LSTM(d, d, num_layers=arch["num_hidden_layers"], batch_first=True, bidirectional=True)
            self.proj = nn.Linear(2 * d, d)
        else:
            # Only this branch needs transformers (a slow import).
            from transformers import BertConfig, BertModel

            cfg = BertConfig(
                vocab_size=n_inputs,
                hidden_size=arch["hidden_size"],
                num_hidden_layers=arch["num_hidden_layers"],
                num_attention_heads=arch["num_attention_heads"],
                intermediate_size=arch["intermediate_size"],
                max_position_embeddings=arch["max_position_embeddings"],
                type_vocab_size=4,
                hidden_dropout_prob=arch.get("dropout", 0.0),
                attention_probs_dropout_prob=arch.get("dropout", 0.0),
            )
            self.encoder = BertModel(cfg, add_pooling_layer=False)
        n_labels = int(labels.max()) + 1
        self.label_head = nn.Linear(arch["hidden_size"], n_labels)
        self.out_bias = nn.Embedding(n_outputs, 1)
        nn.init.zeros_(self.out_bias.weight)
        # cands/labels: (n_inputs, K) output / pattern ids padded with -1; buffers, not parameters.
        self.register_buffer("cand_ids", cands.clamp(min=0), persistent=False)
        self.register_buffer("cand_labels", labels.clamp(min=0), persistent=False)
        self.register_buffer("cand_mask", cands >= 0, persistent=False)

    def forward(self, ids: torch.Tensor, cases: torch.Tensor) -> torch.Tensor:
        """Candidate logits (B, T, K) for input ids and case classes (B, T); padding = NEG."""
        if self.kind == "bilstm":
            x = self.emb(ids) + self.case_emb(cases)
            with torch.autocast("cpu", enabled=False):  # LSTM kernels have no bf16 speed-up
                h = torch.tanh(self.proj(self.lstm(x.float())[0]))
        else:
            h = self.encoder(input_ids=ids, token_type_ids=cases).last_hidden_state
        per_label = self.label_head(h).float()
        logits = per_label.gather(-1, self.cand_labels[ids]) + self.out_bias(self.cand_ids[ids]).squeeze(-1)
        return logits.masked_fill(~self.cand_mask[ids], NEG)


def cand_tensor(cands: list[list[int]]) -> torch.Tensor:
    """Pad the candidate lists into an (n_inputs, K) tensor with -1."""
    k = max((len(c) for c in cands), default=1) or 1
    t = torch.full((len(cands), k), -1, dtype=torch.long)
    for i, c in enumerate(cands):
        if c:
            t[i, : len(c)] = torch.tensor(c, dtype=torch.long)
    return t
