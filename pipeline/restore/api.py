"""Public restoration API: ``restore(text)`` for text, ``Restorer.restore_page`` for OCR pages.

Modes: "stripped" (diacritics missing: the fast n-gram restorer or the neural model), "ocr-eng"
and "ocr-vie" (OCR garble: ``pipeline.restore.ocrfix.garble``, the channel model on top of the same LM),
"auto" (decided from the text's word statistics by ``garble.detect_mode``).  Text that is already correct Vietnamese comes back unchanged.
"""

from __future__ import annotations

import importlib
import itertools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from pipeline import modelstore
from pipeline.errors import InvalidConfigError, ModelMissingError, RestoreError
from pipeline.options import RestoreOptions
from pipeline.restore.core import abbrev
from pipeline.restore.core.cache import cached
from pipeline.restore.core.tokenize import WORD, tokenize
from pipeline.restore.diacritics.fast import LM_FILE, FastRestorer
from pipeline.restore.diacritics.settings import ACCURATE, AUTO_MODE
from pipeline.restore.diacritics.stream import CHUNK, Decode, needs_streaming, restore_stream
from pipeline.restore.ocrfix import garble
from pipeline.restore.ocrfix.cell_rules import mark_cell_rules
from pipeline.restore.ocrfix.postcorrect import postcorrect_lines
from pipeline.types import (
    Line,
    OcrPage,
    RestoredPage,
    RestoreMode,
    RestoreModel,
    Table,
    TableCell,
    TextLayer,
    Token,
    Word,
)
from pipeline.vn.orthography import has_diacritics, nfc

MODELS = tuple(m.value for m in RestoreModel)  # the enums of pipeline.types are the one list
MODES = tuple(m.value for m in RestoreMode)
# The neural weights next to the LM, and how auto mode decides: ``diacritics.settings``.



@dataclass(frozen=True)
class RestoreResult:
    """Restored text and its tokens (spans in ``text``, original, confidence, changed)."""

    text: str
    tokens: tuple[Token, ...]
    mode: str = "stripped"
    model: str = "fast"

    @property
    def changed(self) -> int:
        """Number of tokens that were changed."""
        return sum(t.changed for t in self.tokens)


def fast_restorer(models_dir: str | Path | None = None) -> FastRestorer:
    """The process-wide fast restorer (models load once)."""
    root = modelstore.models_dir(models_dir, need=LM_FILE)
    return cached(("fast restorer", str(root)), lambda: FastRestorer(root))


def _neural_restorer() -> Any:
    # Keyed by the file, like the fast restorer: a process that switches models folders
    # (modelstore.configure, a bench comparing two folders) must not keep the first one's tagger.
    try:
        where = str(modelstore.model_path("neural.pt"))
    except ModelMissingError:
        where = ""
    return cached(("neural restorer", where), _load_neural)


def _load_neural() -> Any:
    try:
        neural = importlib.import_module("pipeline.restore.diacritics.neural")
    except ImportError as exc:
        raise ModelMissingError(f"the accurate model needs pipeline.restore.diacritics.neural ({exc})") from exc
    try:
        return neural.NeuralRestorer.load()
    except (OSError, RestoreError) as exc:
        raise ModelMissingError(f"the accurate (neural) model could not be loaded: {exc}") from exc
    except Exception as exc:  # MissingDependencyError and friends from the neural module
        if hasattr(exc, "code"):
            raise ModelMissingError(f"the accurate (neural) model is missing: {exc}") from exc
        raise




def _plausible_share(text: str, fr: FastRestorer) -> float:
    """Share of lower/title-case words that are valid syllables, or stripped forms of one."""
    inv = fr.inventory
    n = ok = 0
    for tok in tokenize(text):
        if tok.kind != WORD or (tok.text.isupper() and len(tok.text) > 1 and not inv.candidates(tok.text.lower())):
            continue
        n += 1
        w = tok.text.lower()
        ok += inv.is_valid(w) if has_diacritics(w) else bool(inv.candidates(w))
    return ok / n if n else 1.0


def detect_mode(text: str) -> str:
    """"stripped", "ocr-eng", "ocr-vie" or "clean" for a text."""
    fr = fast_restorer()
    if _plausible_share(text, fr) >= AUTO_MODE.stripped_valid_share:
        # Every word is a real syllable or a stripped one: diacritics are missing, not garbled.
        return "stripped"
    return garble.detect_mode(text)


def _garble_rescorer() -> Any:
    """The accurate model's second pass for OCR garble (see ``ACCURATE.garble_neural_weight``)."""
    nr = _neural_restorer()
    weight = float(getattr(nr, "meta", {}).get("garble_weight", ACCURATE.garble_neural_weight))
    return importlib.import_module("pipeline.restore.diacritics.neural").lattice_rescorer(nr, weight)


def _accurate(fr: FastRestorer, text: str) -> tuple[str, list[Token]]:
    """Neural per-candidate log-probs rescoring the n-gram lattice."""
    nr = _neural_restorer()
    plan = fr.plan(text)
    weight = float(getattr(nr, "meta", {}).get("lattice_weight", ACCURATE.neural_weight))
    items = [t.text for t in plan.toks]
    preds = nr.predict(items) if items else []
    emissions: list[list[float]] = []
    for j, k in enumerate(plan.owner):
        forms = plan.forms[j]
        if k < 0 or forms is None:
            emissions.append([0.0] * len(plan.ids[j]))
            continue
        scores = dict(preds[k])
        floor = min(scores.values(), default=0.0) - 3.0
        emissions.append([weight * scores.get(f, floor) for f in forms])
    return fr.restore_chunk(text, emissions=emissions)


def _check(model: str, mode: str) -> None:
    if model not in MODELS:
        raise InvalidConfigError(f"model={model!r} is not valid; choose one of {', '.join(MODELS)}")
    if mode not in MODES:
        raise InvalidConfigError(f"mode={mode!r} is not valid; choose one of {', '.join(MODES)}")


def restore(text: str, *, model: str = "fast", mode: str = "auto") -> RestoreResult:
    """Restore Vietnamese diacritics (or OCR garble) in ``text``, keeping its layout exactly."""
    _check(model, mode)
    text = nfc(text)
    if not needs_streaming(text):
        return _restore_whole(text, model, detect_mode(text) if mode == "auto" else mode)
    # Too large to decode at once: bounded chunks with context (``stream.py``), one mode for all.
    kind = detect_mode(text[:AUTO_MODE.sample_chars]) if mode == "auto" else mode
    pieces: list[str] = []
    tokens: list[Token] = []
    offset = 0
    for out, toks in restore_stream([text], _decoder(model, kind)):
        pieces.append(out)
        tokens.extend(replace(t, start=t.start + offset, end=t.end + offset) for t in toks)
        offset += len(out)
    used = kind if kind in ("ocr-eng", "ocr-vie") else "stripped"
    return RestoreResult("".join(pieces), tuple(tokens), used, model)


def restore_iter(fragments: Iterable[str], *, model: str = "fast", mode: str = "auto") -> Iterator[str]:
    """Restore a text given as fragments (cut anywhere), yielding the output as it is decoded.

    Memory stays bounded whatever the size of the text or of its lines; the output joined is
    what ``restore`` would give, with exactly the input's line breaks.  In auto mode the first
    ``AUTO_MODE.sample_chars`` characters decide the mode.
    """
    _check(model, mode)
    it = iter(fragments)
    head: list[str] = []
    size = 0
    ended = False
    while size < (AUTO_MODE.sample_chars if mode == "auto" else CHUNK):
        frag = next(it, None)
        if frag is None:
            ended = True
            break
        head.append(frag)
        size += len(frag)
    if ended:
        text = nfc("".join(head))
        if not needs_streaming(text):
            yield restore(text, model=model, mode=mode).text
            return
    sample = nfc("".join(head)[:AUTO_MODE.sample_chars])
    kind = detect_mode(sample) if mode == "auto" else mode
    del sample
    for out, _ in restore_stream(itertools.chain(head, it), _decoder(model, kind)):
        yield out


def _decoder(model: str, kind: str) -> Decode:
    def decode(text: str) -> tuple[str, tuple[Token, ...]]:
        res = _restore_whole(nfc(text), model, kind)
        return res.text, res.tokens

    return decode


def _restore_whole(text: str, model: str, kind: str) -> RestoreResult:
    """One decoding of ``text`` (NFC) in ``kind`` (a mode, or "clean" from ``detect_mode``)."""
    fr = fast_restorer()
    if kind in ("ocr-eng", "ocr-vie"):
        rescore = _garble_rescorer() if model == "accurate" and kind == "ocr-eng" else None
        out, toks = garble.restore_garbled(text, kind, fr.lm, garble.load_channel(kind), rescore=rescore)
        return RestoreResult(out, tuple(toks), kind, model)
    # "clean" text goes through the stripped restorer too: accented words are kept, stray
    # unaccented ones are still restored; the result says the text was found clean.
    if kind == "stripped":  # table rules in text without marks are cell boundaries too
        text = "\n".join(mark_cell_rules(text.split("\n")))
    if model == "accurate":
        out, toks = _accurate(fr, text)
    else:
        out, toks = fr.restore(text)
    return RestoreResult(out, tuple(toks), kind, model)


def _remap_words(line: Line, new_text: str) -> tuple[Word, ...]:
    """Words keep their boxes; their text follows the restored line when chunks still align."""
    old_chunks, new_chunks = line.text.split(), new_text.split()
    if len(old_chunks) != len(new_chunks):
        return line.words
    mapping: dict[int, str] = {}
    j = 0
    words = list(line.words)
    for w_i, w in enumerate(words):
        while j < len(old_chunks) and old_chunks[j] != w.text:
            j += 1
        if j == len(old_chunks):
            return line.words
        mapping[w_i] = new_chunks[j]
        j += 1
    return tuple(replace(w, text=mapping.get(i, w.text)) for i, w in enumerate(words))


class Restorer:
    """The restore stage of ``pipeline.parse``: one per worker process, models loaded once."""

    def __init__(self, options: RestoreOptions | None = None) -> None:
        self.options = options or RestoreOptions()
        modelstore.configure(self.options.models_dir)
        self.fast = fast_restorer()

    def restore_text(self, text: str) -> RestoreResult:
        """Restore a text with this stage's model and mode."""
        return restore(text, model=self.options.model, mode=self.options.mode)

    def _page_mode(self, page: OcrPage) -> str:
        if self.options.mode != "auto":
            return self.options.mode
        if page.engine == "tesseract":
            return "ocr-vie"
        if page.text_layer == TextLayer.real:
            return "none"  # a trustworthy born-digital layer: kept as it is
        return "auto"

    def restore_page(self, page: OcrPage) -> RestoredPage:
        """Restore each line (context across lines) and table cell; geometry is kept."""
        mode = self._page_mode(page)
        if mode == "none" or not page.lines and not page.tables:
            return RestoredPage(page=page, lines=page.lines, tables=page.tables, tokens=(), mode="none")
        texts = [ln.text for ln in page.lines]
        tokens: tuple[Token, ...]
        if not texts:
            # A page that is all table (the rows of a long plan's annex): only its cells to restore.
            new_lines: list[str] = []
            tokens = ()
            used = mode if mode != "auto" else detect_mode("\n".join(c.text for t in page.tables for c in t.cells))
        elif mode == "ocr-vie" and any(ln.words for ln in page.lines):
            confs = [[w.confidence for w in ln.words] for ln in page.lines]
            new_lines, toks = self._postcorrect(texts, confs)
            tokens, used = tuple(toks), "ocr-vie"
        else:
            res = restore("\n".join(texts), model=self.options.model, mode=mode if mode != "ocr-vie" else "auto")
            new_lines, tokens, used = res.text.split("\n"), res.tokens, res.mode
        if len(new_lines) != len(texts):
            raise RestoreError(f"restoration changed the line count of page {page.page_no}", page_no=page.page_no)
        new_lines = abbrev.protect(texts, new_lines)  # abbreviations the page defines or the tables know
        lines = _retexted(page.lines, new_lines)
        tables = tuple(self._restore_table(t, mode) for t in page.tables)
        return RestoredPage(page=page, lines=lines, tables=tables, tokens=tokens, mode=used)

    def _postcorrect(self, texts: list[str], confs: list[list[float]]) -> tuple[list[str], list[Token]]:
        """Tesseract ``vie`` lines post-corrected where their words' confidences are low."""
        return postcorrect_lines(texts, confs, self.fast.lm, garble.load_channel("ocr-vie"),
                                 threshold=self.options.ocr_confidence_threshold)

    def _restore_table(self, table: Table, mode: str) -> Table:
        if mode == "ocr-vie" and any(ln.words for c in table.cells for ln in c.lines):
            return self._postcorrect_table(table)
        cells: list[TableCell] = []
        for c in table.cells:
            if not c.text.strip():
                cells.append(c)
                continue
            m = "auto" if mode == "ocr-vie" else mode
            new = restore(c.text, model=self.options.model, mode=m).text
            cells.append(replace(c, text=new) if new != c.text else c)
        return replace(table, cells=tuple(cells))

    def _postcorrect_table(self, table: Table) -> Table:
        """Tesseract ``vie`` cells post-corrected like the page's lines, with their words' confidences.

        Read as plain text ("auto") a cell of accented words looks clean, and its wrong tone marks
        stay ("chuyến đối số" for "chuyển đổi số": the hook and the acute are one blob at 150 dpi).
        All cells go in one decoding, a blank line between two cells so that each has its own LM
        context; a cell whose text is not its lines joined is left as it is."""
        texts: list[str] = []
        confs: list[list[float]] = []
        spans: dict[int, tuple[int, int]] = {}
        for k, c in enumerate(table.cells):
            if not c.text.strip() or not c.lines or c.text != "\n".join(ln.text for ln in c.lines):
                continue
            if texts:
                texts.append("")
                confs.append([])
            spans[k] = (len(texts), len(texts) + len(c.lines))
            texts += [ln.text for ln in c.lines]
            confs += [[w.confidence for w in ln.words] for ln in c.lines]
        if not texts:
            return table
        new, _ = self._postcorrect(texts, confs)
        if len(new) != len(texts):
            return table  # never expected; the cells as read are better than a failed page
        new = abbrev.protect(texts, new)
        cells: list[TableCell] = []
        for k, c in enumerate(table.cells):
            if k not in spans:
                cells.append(c)
                continue
            i0, i1 = spans[k]
            lines = _retexted(c.lines, new[i0:i1])
            text = "\n".join(ln.text for ln in lines)
            cells.append(replace(c, text=text, lines=lines) if text != c.text else c)
        return replace(table, cells=tuple(cells))


def _retexted(lines: Sequence[Line], texts: Sequence[str]) -> tuple[Line, ...]:
    """``lines`` with their restored texts, words re-mapped where a text changed."""
    return tuple(replace(ln, text=t, words=_remap_words(ln, t)) if t != ln.text else ln
                 for ln, t in zip(lines, texts, strict=True))
