"""Terminal tables and a self-contained HTML report (side-by-side diffs) for ``vanban eval``."""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Sequence
from typing import Any

from rapidfuzz.distance import Levenshtein

from pipeline.eval_run import ItemResult
from pipeline.evaluate import TextScores

VANBAN = ("fast", "accurate")
CASES = ("lower", "Title", "UPPER")


def _pct(v: float | None) -> str:
    return "-" if v is None else f"{v:.2%}"


def _cite(r: ItemResult) -> str:
    c = r.extra.get("citations")
    return f"{c['precision']:.0%} / {c['recall']:.0%}" if c and c.get("gold") else "-"


def _rate(syllables: int, seconds: float) -> str:
    return f"{syllables / seconds:,.0f}" if seconds >= 0.01 else "-"  # identity takes no time


def totals(results: Sequence[ItemResult]) -> dict[tuple[str, str], TextScores]:
    """Scores added up per (kind, system) over the items of that kind."""
    out: dict[tuple[str, str], TextScores] = {}
    for r in results:
        out.setdefault((str(r.extra.get("kind", "restore")), r.system), TextScores()).add(r.scores)
    return out


def markdown_table(results: Sequence[ItemResult]) -> str:
    """Per (item, system): accuracy, diacritics, CER, WER, case classes, citations, speed; then totals."""
    head = ("| item | system | syllables | syllable acc. | diacritic acc. | CER | WER | "
            + " | ".join(f"{c} acc." for c in CASES) + " | citations P / R | syll/s |\n"
            "|---|---|---:|---:|---:|---:|---:|" + "---:|" * len(CASES) + "---:|---:|")
    rows = [head]
    for r in results:
        s = r.scores
        case = s.case_accuracy()
        rows.append(f"| {r.item} | {r.system} | {s.syllables:,} | {s.syllable_accuracy:.2%} | "
                    f"{s.diacritic_accuracy:.2%} | {s.cer:.2%} | {s.wer:.2%} | "
                    + " | ".join(_pct(case.get(c)) for c in CASES)
                    + f" | {_cite(r)} | {_rate(s.syllables, r.seconds)} |")
    for (kind, system), s in sorted(totals(results).items()):
        case = s.case_accuracy()
        rows.append(f"| **all {kind} items** | {system} | {s.syllables:,} | {s.syllable_accuracy:.2%} | "
                    f"{s.diacritic_accuracy:.2%} | {s.cer:.2%} | {s.wer:.2%} | "
                    + " | ".join(_pct(case.get(c)) for c in CASES) + " | | |")
    return "\n".join(rows)


def side_by_side(results: Sequence[ItemResult]) -> str:
    """Syllable accuracy of every system on each item, one column per system."""
    systems = list(dict.fromkeys(r.system for r in results))
    by: dict[str, dict[str, ItemResult]] = {}
    for r in results:
        by.setdefault(r.item, {})[r.system] = r
    rows = ["| item | " + " | ".join(systems) + " |", "|---|" + "---:|" * len(systems)]
    for item, got in by.items():
        rows.append(f"| {item} | " + " | ".join(_pct(got[s].scores.syllable_accuracy) if s in got else "-"
                                              for s in systems) + " |")
    return "\n".join(rows)


def structure_table(results: Sequence[ItemResult]) -> str:
    """Scan items: header fields right, appendix rows precision/recall/F1, pages, seconds."""
    scans = [r for r in results if "header_fields" in r.extra]
    if not scans:
        return ""
    rows = ["| scan | system | OCR CER | header fields | wrong fields | rows P | rows R | rows F1 | s |",
            "|---|---|---:|---:|---|---:|---:|---:|---:|"]
    for r in scans:
        f, rw = r.extra["header_fields"], r.extra["rows"]
        wrong = ", ".join(k for k, ok in f.items() if not ok) or "-"
        rows.append(f"| {r.item} | {r.system} | {r.scores.cer:.2%} | {sum(f.values())}/{len(f)} | {wrong} | "
                    f"{rw['precision']:.2%} | {rw['recall']:.2%} | {rw['f1']:.2%} | {r.seconds:.1f} |")
    return "\n".join(rows)


def confusions(results: Sequence[ItemResult], top: int = 15, kind: str = "restore") -> list[tuple[str, str, int]]:
    """The most frequent (output, gold) token confusions of vanban's first system on items of a kind."""
    c: Counter[tuple[str, str]] = Counter()
    mine = next((r.system for r in results if r.system in VANBAN), None)  # one system: no double counts
    for r in results:
        if r.system == mine and r.extra.get("kind", "restore") == kind:
            c.update(r.scores.confusions)
    return [(p, g, n) for (p, g), n in c.most_common(top)]


def results_system(results: Sequence[ItemResult]) -> str:
    """The vanban system the confusion lists are about."""
    return next((r.system for r in results if r.system in VANBAN), "-")


def terminal_report(results: Sequence[ItemResult]) -> str:
    """Everything ``vanban eval`` prints: the tables and the confusion list."""
    parts = [markdown_table(results), "", "Syllable accuracy side by side:", "", side_by_side(results)]
    st = structure_table(results)
    if st:
        parts += ["", "Synthetic scans (page text, structure):", "", st]
    for kind, label in (("restore", "restoration"), ("scan", "scans (OCR + restoration)")):
        conf = confusions(results, kind=kind)
        if conf:
            parts += ["", f"Most frequent errors of {results_system(results)}, {label} (output → gold): "
                      + ", ".join(f"{p} → {g} ×{n}" for p, g, n in conf)]
    return "\n".join(parts)


def summary_json(results: Sequence[ItemResult]) -> dict[str, Any]:
    """The JSON ``vanban eval --json`` writes: per-item results, totals and the confusion list."""
    return {
        "results": [r.to_dict() for r in results],
        "totals": [{"kind": k, "system": s, **t.to_dict(top_confusions=0)} for (k, s), t in sorted(totals(results).items())],
        "confusions": {k: [{"predicted": p, "gold": g, "count": n} for p, g, n in confusions(results, 50, k)]
                       for k in ("restore", "scan")},
    }


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
            # a replaced run of equal length pairs token by token: each shows its own gold on hover
            titles = gs if len(gs) == len(ps) else [" ".join(gs)] * len(ps)
            p_out.extend(f'<del title="gold: {g_t}">{t}</del>' for t, g_t in zip(ps, titles, strict=True))
            g_out.extend(f"<ins>{t}</ins>" for t in gs)
    return " ".join(p_out), " ".join(g_out)


_CSS = """body{font-family:'Noto Serif','DejaVu Serif',serif;margin:1.5em;color:#222}
table{border-collapse:collapse;margin:0.5em 0 1.5em}td,th{border:1px solid #ccc;padding:2px 6px;vertical-align:top}
th{background:#f3f3f3}del{background:#fdd;text-decoration:none}ins{background:#dfd;text-decoration:none}
td.n{color:#888;text-align:right}details{margin:0.5em 0}summary{cursor:pointer;font-weight:bold}
table.diff td{width:48%}"""


def _md_to_html(md: str) -> str:
    """A markdown pipe table (as the terminal prints it) as an HTML table."""
    lines = [ln for ln in md.splitlines() if ln.startswith("|")]
    if not lines:
        return ""
    cells = [[c.strip().replace("**", "") for c in ln.strip("|").split("|")] for ln in lines]
    head, body = cells[0], cells[2:]
    return ("<table><tr>" + "".join(f"<th>{html.escape(c)}</th>" for c in head) + "</tr>"
            + "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in body)
            + "</table>")


def html_report(results: Sequence[ItemResult], title: str = "vanban evaluation") -> str:
    """A self-contained page: the tables, then per item and system every line with an error, marked."""
    parts = [f"<!doctype html><html lang='vi'><head><meta charset='utf-8'><title>{html.escape(title)}</title>"
             f"<style>{_CSS}</style></head><body><h1>{html.escape(title)}</h1>",
             _md_to_html(markdown_table(results)), "<h2>Side by side</h2>", _md_to_html(side_by_side(results))]
    st = structure_table(results)
    if st:
        parts += ["<h2>Synthetic scans</h2>", _md_to_html(st)]
    for kind, label in (("restore", "restoration"), ("scan", "scans (OCR + restoration)")):
        conf = confusions(results, 40, kind)
        if conf:
            parts.append(f"<h2>Most frequent errors, {label}</h2><table><tr><th>output</th><th>gold</th><th>times</th></tr>"
                         + "".join(f"<tr><td>{html.escape(p)}</td><td>{html.escape(g)}</td><td>{n}</td></tr>"
                                   for p, g, n in conf) + "</table>")
    parts.append("<h2>Differences</h2><p><del>output token</del> (hover: the gold) · <ins>gold token</ins></p>")
    for r in results:
        wrong = [(i, p, g) for i, (p, g) in enumerate(zip(r.predicted, r.gold, strict=False)) if p != g]
        unit = "pages" if r.mode == "scan" else "lines"
        parts.append(f"<details><summary>{html.escape(r.item)} · {html.escape(r.system)} · "
                     f"{len(wrong)} {unit} with errors</summary><table class='diff'>"
                     "<tr><th>#</th><th>output</th><th>gold</th></tr>")
        for i, p, g in wrong:
            pc, gc = _diff_cells(p, g)
            parts.append(f"<tr><td class='n'>{i + 1}</td><td>{pc}</td><td>{gc}</td></tr>")
        parts.append("</table></details>")
    parts.append("</body></html>")
    return "\n".join(parts)
