"""The single-file HTML report: summary, score distribution (inline SVG), sortable ranking, every document.

No external assets: styles, the sorting script and the chart are inline, so the file can be mailed or
archived as it is. Per-document details are spooled to a temporary file while the batch streams in.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Mapping
from html import escape
from typing import Any, TextIO

from . import __version__
from .digest import FAILING, Digest, Row, followups
from .formatters import Entry, Options, Result, Summary, document_dict
from .messages import colon, text, without_path
from .model import FailedDocument

STYLE = """
:root{--ink:#1d2733;--muted:#5f6b7a;--line:#dfe3e8;--bg:#f5f7fa;--card:#fff;--accent:#1f3a5f;
--pass:#1e7b46;--pass-bg:#e3f3e9;--fail:#b42318;--fail-bg:#fdecea;--warn:#a15c00;--warn-bg:#fff4e0;--info:#175cd3}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:14px/1.6 -apple-system,"Segoe UI","PingFang SC",
"Microsoft YaHei","Noto Sans CJK SC","WenQuanYi Zen Hei",sans-serif}
header{background:var(--accent);color:#fff;padding:28px 40px 24px}
header h1{margin:0 0 4px;font-size:24px;font-weight:600}
header p{margin:0;opacity:.8;font-size:13px}
main{max-width:1240px;margin:0 auto;padding:24px 40px 60px}
section{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:20px 24px;margin:0 0 20px}
h2{font-size:17px;margin:0 0 14px;font-weight:600}
.cards{display:grid;grid-template-columns:repeat(5,1fr);gap:14px;margin:0 0 20px}
.card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:14px 18px}
.card b{display:block;font-size:28px;font-weight:600;line-height:1.3}
.card span{color:var(--muted);font-size:13px}
.card.pass b{color:var(--pass)}.card.fail b{color:var(--fail)}.card.err b{color:var(--warn)}
.grid2{display:grid;grid-template-columns:3fr 2fr;gap:20px}
.grid2 section{margin:0}
table{width:100%;border-collapse:collapse}
th,td{text-align:left;padding:8px 10px;border-bottom:1px solid var(--line);vertical-align:top}
th{font-size:12px;color:var(--muted);font-weight:600;white-space:nowrap;background:#fafbfc}
table.sortable th{cursor:pointer;user-select:none}
table.sortable th:after{content:" ↕";opacity:.35}
table.sortable th.asc:after{content:" ↑";opacity:1}table.sortable th.desc:after{content:" ↓";opacity:1}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
tr:hover td{background:#fafcff}
a{color:var(--accent)}
.path{display:block;color:var(--muted);font-size:12px;word-break:break-all}
.badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;font-weight:600;white-space:nowrap}
.badge.pass{background:var(--pass-bg);color:var(--pass)}.badge.fail{background:var(--fail-bg);color:var(--fail)}
.badge.partial,.badge.warning{background:var(--warn-bg);color:var(--warn)}
.badge.error{background:var(--fail-bg);color:var(--fail)}.badge.info{background:#e8f0fe;color:var(--info)}
.badge.err{background:var(--warn-bg);color:var(--warn)}.badge.known{background:#eef0f3;color:var(--muted)}
.score{font-weight:600}.s-good{color:var(--pass)}.s-mid{color:var(--warn)}.s-bad{color:var(--fail)}
.bar{height:8px;background:#edf0f3;border-radius:4px;overflow:hidden;min-width:80px}
.bar i{display:block;height:100%;background:var(--accent)}
.muted{color:var(--muted)}
p.met{color:var(--muted);font-size:12px;margin:12px 0 0}
table.sortable td:nth-child(2){min-width:300px}
td.late{min-width:170px}
details.doc{border:1px solid var(--line);border-radius:10px;margin:0 0 12px;background:var(--card)}
details.doc>summary{padding:12px 18px;cursor:pointer;display:flex;gap:12px;align-items:baseline;list-style:none}
details.doc>summary::-webkit-details-marker{display:none}
details.doc>summary:before{content:"▸";color:var(--muted)}details.doc[open]>summary:before{content:"▾"}
details.doc>summary .t{font-weight:600;flex:1}
.body{padding:4px 22px 18px 40px}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:2px 16px;margin:0 0 12px;font-size:13px}
dl.facts dt{color:var(--muted)}dl.facts dd{margin:0}
.finding{border-left:3px solid var(--line);padding:6px 0 6px 14px;margin:10px 0}
.finding.error{border-color:var(--fail)}.finding.warning{border-color:#f79009}.finding.info{border-color:var(--info)}
.finding h4{margin:0 0 4px;font-size:14px}
.finding code{color:var(--muted);font-size:12px}
.ev{font-size:13px;margin:2px 0}.ev .loc{font-family:ui-monospace,Menlo,Consolas,monospace;color:var(--info);margin-right:8px}
.ev q{display:block;color:var(--muted);margin:2px 0 0 0;font-style:italic}
.hint{color:var(--pass);font-size:13px}.basis{color:var(--muted);font-size:12px}
h3{font-size:14px;margin:14px 0 6px}
ul.follow{margin:0;padding-left:20px;font-size:13px}ul.follow li{margin:3px 0}
.cats{display:flex;gap:16px;flex-wrap:wrap;font-size:13px;margin:0 0 10px}
.cats span b{font-weight:600}
footer{color:var(--muted);font-size:12px;text-align:center;margin-top:30px}
@media print{details.doc{break-inside:avoid}details.doc:not([open])>.body{display:block}}
"""

SCRIPT = """
document.querySelectorAll('table.sortable').forEach(function(table){
  table.querySelectorAll('th').forEach(function(th,index){
    th.addEventListener('click',function(){
      var body=table.tBodies[0],rows=Array.from(body.rows),asc=!th.classList.contains('asc');
      table.querySelectorAll('th').forEach(function(h){h.classList.remove('asc','desc')});
      th.classList.add(asc?'asc':'desc');
      rows.sort(function(a,b){
        var x=a.cells[index].dataset.v||a.cells[index].textContent,y=b.cells[index].dataset.v||b.cells[index].textContent;
        var nx=parseFloat(x),ny=parseFloat(y);
        var c=(!isNaN(nx)&&!isNaN(ny))?nx-ny:x.localeCompare(y,'zh');
        return asc?c:-c;});
      rows.forEach(function(r){body.appendChild(r)});
    });
  });
});
"""


def _t(key: str, lang: str, **values: object) -> str:
    return text(key, **values).get(lang)


def _e(value: object) -> str:
    return escape("" if value is None else str(value))


def _score_class(score: float | None) -> str:
    if score is None:
        return "muted"
    return "s-good" if score >= 80 else "s-mid" if score >= 60 else "s-bad"


def _number(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


def _join(values: Iterable[str], lang: str) -> str:
    return ("、" if lang == "zh" else "; ").join(values)


def histogram(scores: list[float], lang: str) -> str:
    """Documents per 10-point score band, as an inline SVG bar chart."""
    bins = [0] * 10
    for score in scores:
        bins[min(9, int(score // 10))] += 1
    width, height, left, bottom, top = 560, 220, 36, 28, 14
    plot_w, plot_h = width - left - 10, height - bottom - top
    peak = max(bins) or 1
    step = plot_w / 10
    parts = [(f'<svg viewBox="0 0 {width} {height}" width="100%" role="img" '
              f'aria-label="{_e(_t("batch.distribution", lang))}" font-size="11" fill="#5f6b7a">')]
    for tick in range(0, peak + 1, max(1, peak // 4)):
        y = top + plot_h - plot_h * tick / peak
        parts.append(f'<line x1="{left}" x2="{width - 10}" y1="{y:.1f}" y2="{y:.1f}" stroke="#e6e9ed"/>'
                     f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{tick}</text>')
    for index, count in enumerate(bins):
        x = left + index * step
        bar = plot_h * count / peak
        colour = "#1e7b46" if index >= 8 else "#d08a00" if index >= 6 else "#b42318"
        if count:
            parts.append(f'<rect x="{x + 4:.1f}" y="{top + plot_h - bar:.1f}" width="{step - 8:.1f}" '
                         f'height="{bar:.1f}" rx="3" fill="{colour}"><title>{index * 10}–{index * 10 + 10}: '
                         f'{count}</title></rect>'
                         f'<text x="{x + step / 2:.1f}" y="{top + plot_h - bar - 4:.1f}" text-anchor="middle" '
                         f'fill="#1d2733">{count}</text>')
        parts.append(f'<text x="{x + step / 2:.1f}" y="{height - 10}" text-anchor="middle">'
                     f'{index * 10}–{index * 10 + 10}</text>')
    parts.append(f'<line x1="{left}" x2="{width - 10}" y1="{top + plot_h}" y2="{top + plot_h}" stroke="#9aa4b2"/>')
    parts.append("</svg>")
    return "".join(parts)


def _evidence(hit: Mapping[str, Any]) -> str:
    location = hit["location"]
    where = f'<span class="loc">{location["line"]}:{location["column"]}</span>' if location else ""
    quote = f"<q>{_e(hit['quote'])}</q>" if hit["quote"] and hit["quote"] not in hit["detail"] else ""
    return f'<div class="ev">{where}{_e(hit["detail"])}{quote}</div>'


def _finding(finding: Mapping[str, Any], lang: str) -> str:
    severity = finding["severity"]
    badges = f'<span class="badge {severity}">{_e(_t("severity." + severity, lang))}</span>'
    if finding["status"] == "partial":
        badges += f' <span class="badge partial">{_e(_t("status.partial", lang))}</span>'
    if finding["baseline"] == "known":
        badges += f' <span class="badge known">{_e(_t("baseline.known", lang))}</span>'
    lost = finding["points_lost"]
    points = f' <span class="muted">{_e(_t("ui.points", lang, points=f"{lost:g}"))}</span>' if lost else ""
    hits = [h for h in finding["evidence"] if h["credit"] is not None and h["credit"] < 1] or finding["evidence"]
    body = "".join(_evidence(h) for h in hits[:12])
    if finding["hint"]:
        body += f'<div class="hint">{_e(_t("ui.hint", lang))}{colon(lang)}{_e(finding["hint"])}</div>'
    if finding["basis"]:
        body += f'<div class="basis">{_e(_t("ui.basis", lang))}{colon(lang)}{_e(finding["basis"])}</div>'
    return (f'<div class="finding {severity}"><h4>{badges} {_e(finding["title"])} <code>{_e(finding["rule_id"])}</code>'
            f'{points}</h4>{body}</div>')


def _document(index: int, document: Mapping[str, Any], lang: str) -> str:
    anchor = f"doc-{index + 1}"
    name = _e(document["title"] or document["path"])
    if document["error"]:
        return (f'<details class="doc" id="{anchor}" open><summary><span class="t">{name}</span>'
                f'<span class="badge err">{_e(_t("ui.error", lang))}</span></summary><div class="body">'
                f'<p>{_e(document["error"]["message"])}</p></div></details>\n')
    verdict = "pass" if document["passed"] else "fail"
    score = document["score"]
    head = (f'<span class="score {_score_class(score)}">{"—" if score is None else f"{score:.1f}"}</span> '
            f'<span class="muted">{_e(document["grade"])}</span> '
            f'<span class="badge {verdict}">{_e(_t("ui.passed" if document["passed"] else "ui.failed", lang))}</span>')
    publisher = document["metadata"].get("publisher")
    facts = [("ui.file", f'{document["path"]} ({document["format"]}, {document["encoding"]})'),
             ("ui.year", document["year"]), ("ui.published", document["published"]),
             ("ui.publisher", publisher["value"] if publisher else None)]
    facts_html = "".join(f"<dt>{_e(_t(key, lang))}</dt><dd>{_e(value) if value else '—'}</dd>" for key, value in facts)
    if document["gate"]:
        facts_html += f'<dt>{_e(_t("ui.gate", lang))}</dt><dd class="s-bad">{_e(_join(document["gate"], lang))}</dd>'
    # What reading noticed (a page whose charset lied, a .doc that was a web page …), as the terminal shows it.
    facts_html += "".join(f'<dt>{_e(_t("ui.reading_note", lang))}</dt><dd class="s-mid">{_e(without_path(warning, document["path"]))}</dd>'
                          for warning in document.get("warnings") or ())
    cats = "".join(
        f'<span>{_e(c["title"])} <b class="{_score_class(c["score"])}">{_number(c["score"])}</b></span>'
        for c in document["categories"])
    failing = [f for f in document["findings"] if f["status"] in FAILING]
    failing.sort(key=lambda f: ({"error": 0, "warning": 1, "info": 2}[f["severity"]], f["rule_id"]))
    findings = "".join(_finding(f, lang) for f in failing) or f'<p class="s-good">{_e(_t("batch.no_findings", lang))}</p>'
    met = [f["title"] for f in document["findings"] if f["status"] == "pass"]
    met_html = (f'<p class="met">✔ {_e(_t("ui.passed_rules", lang, count=len(met)))}{colon(lang)}{_e(_join(met, lang))}</p>'
                if met else "")
    opened = "" if document["passed"] else " open"
    return (f'<details class="doc" id="{anchor}"{opened}><summary><span class="t">{name}</span>{head}</summary>'
            f'<div class="body"><dl class="facts">{facts_html}</dl><div class="cats">{cats}</div>'
            f'{findings}{met_html}</div></details>\n')


def _followup_item(digest: Digest, entry: Row, reason: str, tone: str) -> str:
    name = _e(entry.title or digest.short(entry))
    path = f' <span class="muted">{_e(digest.short(entry))}</span>' if entry.title else ""
    return f'<li><a href="#doc-{entry.index + 1}">{name}</a>{path} <span class="{tone}">{_e(reason)}</span></li>'


def _followups(digest: Digest, lang: str) -> str:
    """Who must fix what: each list a supervisor writes from, each document linked to its details."""
    blocks = []
    for followup in followups(digest, lang):
        tone = "s-bad" if followup.severe else "s-mid"
        items = "".join(_followup_item(digest, entry, reason, tone) for entry, reason in followup.items)
        blocks.append(f'<h3 class="{tone}">{_e(followup.heading)}</h3><ul class="follow">{items}</ul>')
    if not blocks:
        return ""
    return f'<section><h2>{_e(_t("batch.followups", lang))}</h2>{"".join(blocks)}</section>\n'


def _ranking(digest: Digest, lang: str) -> str:
    columns = (("col.rank", "num"), ("col.document", ""), ("col.score", "num"), ("col.grade", ""),
               ("col.passed", ""), ("col.missing_parts", ""), ("col.late", ""), ("col.figures_missing", ""))
    head = "".join(f'<th class="{cls}">{_e(_t(key, lang))}</th>' for key, cls in columns)
    body = []
    for rank, row in enumerate(digest.ranking(), start=1):
        # A file without a title (unreadable) is named once, as the batch's folder holds it.
        link = (f'<a href="#doc-{row.index + 1}">{_e(row.title)}</a><span class="path">{_e(digest.short(row))}</span>'
                if row.title else f'<a href="#doc-{row.index + 1}">{_e(digest.short(row))}</a>')
        if row.error:
            body.append(f'<tr><td class="num" data-v="999999"></td><td>{link}</td><td class="num" data-v="-1">—</td>'
                        f'<td></td><td><span class="badge err">{_e(_t("ui.error", lang))}</span></td>'
                        f'<td colspan="3" class="muted">{_e(row.error)}</td></tr>')
            continue
        verdict = (f'<span class="badge pass">{_e(_t("ui.passed", lang))}</span>' if row.passed
                   else f'<span class="badge fail">{_e(_t("ui.failed", lang))}</span>')
        score = "—" if row.score is None else f"{row.score:.1f}"
        body.append(
            f'<tr><td class="num">{rank}</td><td>{link}</td>'
            f'<td class="num" data-v="{row.score if row.score is not None else -1}">'
            f'<span class="score {_score_class(row.score)}">{score}</span></td><td>{_e(row.grade)}</td>'
            f'<td data-v="{int(row.passed)}">{verdict}</td><td class="s-bad">{_e(_join(row.missing_parts, lang))}</td>'
            f'<td class="s-mid late">{_e(row.late)}</td><td class="s-mid">{_e(_join(row.figures_missing, lang))}</td></tr>')
    return f'<table class="sortable"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'


def render_html(results: Iterable[Result | Entry], out: TextIO, options: Options) -> None:
    """The whole run as one self-contained HTML page."""
    lang = options.lang
    digest = Digest()
    counted = Summary()
    packs: dict[str, None] = {}  # every pack that checked a document, in order: profiles differ per document
    # Keeps the lone surrogates of a file name that is not UTF-8 as they are, for the output to write.
    with tempfile.SpooledTemporaryFile(max_size=8 << 20, mode="w+", encoding="utf-8", errors="surrogateescape") as details:
        for result in results:
            counted.add(result)
            document = document_dict(result, lang)
            if not isinstance(result, FailedDocument):  # the documents that were checked, with a pack
                packs[f"{result.ruleset.id} {result.ruleset.version}"] = None
            digest.add(document)
            details.write(_document(len(digest.rows) - 1, document, lang))
        pack = "、".join(packs) if lang == "zh" else ", ".join(packs)
        totals = counted.as_dict()
        title = _t("batch.heading", lang)
        cards = "".join(
            f'<div class="card {cls}"><b>{_e(value)}</b><span>{_e(label)}</span></div>' for cls, value, label in (
                ("", totals["documents"], _t("col.documents", lang)),
                ("pass", totals["passed"], _t("ui.passed", lang)),
                ("fail", totals["failed"], _t("ui.failed", lang)),
                ("err", totals["errors"], _t("ui.error", lang)),
                ("", "—" if totals["average_score"] is None else f'{totals["average_score"]:.1f}',
                 _t("batch.average", lang)),
            ))
        top = digest.top_failures()
        peak = max((count for _, _, count in top), default=1)
        top_rows = "".join(
            f'<tr><td>{_e(title_)} <code class="muted">{_e(rule_id)}</code></td><td class="num">{count}</td>'
            f'<td><div class="bar"><i style="width:{100 * count / peak:.0f}%"></i></div></td></tr>'
            for rule_id, title_, count in top)
        categories = "".join(
            f'<tr><td>{_e(name)}</td><td class="num"><span class="score {_score_class(avg)}">'
            f'{"—" if avg is None else f"{avg:.1f}"}</span></td></tr>' for name, avg in digest.category_averages())
        out.write(
            f'<!DOCTYPE html>\n<html lang="{"en" if lang == "en" else "zh-CN"}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width,initial-scale=1"><title>{_e(title)}</title>'
            f"<style>{STYLE}</style></head><body>\n"
            f'<header><h1>{_e(title)}</h1><p>{_e(_t("batch.generated", lang, version=__version__, pack=pack or "—"))}</p>'
            f"</header><main>\n"
            f'<div class="cards">{cards}</div>\n'
            f'<div class="grid2"><section><h2>{_e(_t("batch.distribution", lang))}</h2>{histogram(digest.scores, lang)}'
            f'</section><section><h2>{_e(_t("batch.categories", lang))}</h2><table><tbody>{categories}</tbody></table>'
            f"</section></div><br>\n"
            f'<section><h2>{_e(_t("batch.ranking", lang))} <span class="muted" style="font-size:12px;font-weight:400">'
            f'{_e(_t("batch.sort_hint", lang))}</span></h2>{_ranking(digest, lang)}</section>\n'
            f"{_followups(digest, lang)}"
        )
        if top_rows:
            out.write(f'<section><h2>{_e(_t("batch.top_rules", lang))}</h2><table><thead><tr>'
                      f'<th>{_e(_t("col.rule", lang))}</th><th class="num">{_e(_t("col.documents", lang))}</th><th></th>'
                      f"</tr></thead><tbody>{top_rows}</tbody></table></section>\n")
        out.write(f'<h2>{_e(_t("batch.details", lang))}</h2>\n')
        details.seek(0)
        while chunk := details.read(1 << 16):
            out.write(chunk)
        out.write(f'<footer>{_e(_t("batch.generated", lang, version=__version__, pack=pack or "—"))}</footer>'
                  f"</main><script>{SCRIPT}</script></body></html>\n")
