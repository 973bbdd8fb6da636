"""Terminal table and self-contained HTML report (side-by-side diffs) for ``vanban eval``."""

from __future__ import annotations

import html
from collections.abc import Sequence

from rapidfuzz.distance import Levenshtein

from pipeline.eval_run import ItemResult


def markdown_table(results: Sequence[ItemResult]) -> str:
    """One row per (item, system): the figures docs/benchmarks.md keeps."""
    head = ("| item | system | syllables | syllable acc. | diacritic acc. | CER | WER | syll/s |\n"
            "|---|---|---:|---:|---:|---:|---:|---:|")
    rows = [head]
    for r in results:
        s = r.scores
        rate = f"{s.syllables / r.seconds:,.0f}" if r.seconds > 0 else "-"
        rows.append(f"| {r.item} | {r.system} | {s.syllables:,} | {s.syllable_accuracy:.2%} | "
                    f"{s.diacritic_accuracy:.2%} | {s.cer:.2%} | {s.wer:.2%} | {rate} |")
    return "\n".join(rows)


def _diff_cells(pred: str, gold: str) -> tuple[str, str]:
    """HTML for a predicted and a gold line with every differing token marked."""
    p, g = pred.split(" "), gold.split(" ")
    p_out: list[str] = []
    g_out: list[str] = []
    for op in Levenshtein.opcodes(p, g):
        ps = [html.escape(t) for t in p[op.src_start:op.src_end]]
        gs = [html.escape(t) for t in g[op.dest_start:op.dest_end]]
        if op.tag == "equal":
            p_out.extend(ps)
            g_out.extend(gs)
        else:
            p_out.extend(f'<del title="gold: {" ".join(gs)}">{t}</del>' for t in ps)
            g_out.extend(f"<ins>{t}</ins>" for t in gs)
    return " ".join(p_out), " ".join(g_out)


_CSS = """body{font-family:'Noto Serif','DejaVu Serif',serif;margin:1.5em;color:#222}
table{border-collapse:collapse;margin:0.5em 0 1.5em}td,th{border:1px solid #ccc;padding:2px 6px;vertical-align:top}
th{background:#f3f3f3}del{background:#fdd;text-decoration:none}ins{background:#dfd;text-decoration:none}
td.n{color:#888;text-align:right}details{margin:0.5em 0}summary{cursor:pointer;font-weight:bold}"""


def html_report(results: Sequence[ItemResult], title: str = "vanban evaluation") -> str:
    """A self-contained page: the summary table, then per item and system the lines with errors."""
    parts = [f"<!doctype html><html lang='vi'><head><meta charset='utf-8'><title>{html.escape(title)}</title>"
             f"<style>{_CSS}</style></head><body><h1>{html.escape(title)}</h1>"]
    parts.append("<table><tr><th>item</th><th>system</th><th>syllables</th><th>syllable acc.</th>"
                 "<th>diacritic acc.</th><th>CER</th><th>WER</th></tr>")
    for r in results:
        s = r.scores
        parts.append(f"<tr><td>{html.escape(r.item)}</td><td>{html.escape(r.system)}</td><td>{s.syllables}</td>"
                     f"<td>{s.syllable_accuracy:.2%}</td><td>{s.diacritic_accuracy:.2%}</td>"
                     f"<td>{s.cer:.2%}</td><td>{s.wer:.2%}</td></tr>")
    parts.append("</table>")
    for r in results:
        wrong = [(i, p, g) for i, (p, g) in enumerate(zip(r.predicted, r.gold, strict=False)) if p != g]
        parts.append(f"<details><summary>{html.escape(r.item)} · {html.escape(r.system)} · "
                     f"{len(wrong)} lines with errors</summary><table><tr><th>#</th><th>output</th><th>gold</th></tr>")
        for i, p, g in wrong[:500]:
            pc, gc = _diff_cells(p, g)
            parts.append(f"<tr><td class='n'>{i + 1}</td><td>{pc}</td><td>{gc}</td></tr>")
        parts.append("</table></details>")
    parts.append("</body></html>")
    return "\n".join(parts)
