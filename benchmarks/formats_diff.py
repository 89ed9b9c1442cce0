"""Differential check across formats: each report, made into the other formats offices and portals publish it in,
must read as its text does. Lists every difference in title, year, publication date, subject, metadata,
parts, indicators and each rule's status between a report's text and each of its variants.

    python benchmarks/formats_diff.py [REPORT ...] [--out DIR]

Without REPORT: the samples and tests/data/real. The variants, in DIR/<report>/ (a temporary folder unless
--out is given): the text in GB18030, as Markdown and as a disclosure page (the body in a TRS_Editor div among
navigation, breadcrumbs and footer); a .docx (python-docx, the dev extra) and LibreOffice's PDF, RTF and .doc of
it; LibreOffice's PDF of the text itself; and two PDFs laid out as published, from an .fodt: the gazette's
running header over every page with "第 N 页 共 M 页" under it, and GB/T 9704's "— N —" in the outside corners.
Needs LibreOffice (`soffice`, Debian's libreoffice-writer-nogui) for every PDF, RTF and .doc: without it, or
without python-docx, those variants are left out and it says so. LibreOffice starts once for each file: a
minute or two for the bundled reports. Exit status 1 when a variant reads differently.

Known format effects: LibreOffice 7.4 leaves out a full-width comma or full stop that ends a justified line
(hanging punctuation is not drawn), so the .fodt PDFs may lose one ("终止2件，无" reads "终止2件无").
"""

from __future__ import annotations

import argparse
import html
import json
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from compliance.readers import read_document
from compliance.structure import build

ROOT = Path(__file__).resolve().parents[1]
# The seed's own variants (its GBK, CRLF and 繁体 copies) are formats already; the samples made from it too.
REPORTS = sorted({*ROOT.glob("samples/*.txt"), *ROOT.glob("samples/*.md"), *ROOT.glob("tests/data/real/*.txt")}
                 - {*ROOT.glob("samples/xihu-2021-*.txt")})
OFFICE = shutil.which("soffice")


@dataclass(frozen=True)
class Report:
    """A report's lines, and which of them are its title, metadata, headings and page chrome."""

    name: str
    text: str
    lines: tuple[str, ...]
    title: range  # line indexes
    metadata: frozenset[int]
    chrome: frozenset[int]  # navigation, share bars … : left out of the variants that are typed anew
    headings: frozenset[int]

    def blocks(self) -> Iterator[tuple[str, str]]:
        """(kind, text) of each paragraph as an office would type it: title, meta, heading or text."""
        for index, line in enumerate(self.lines):
            if not line.strip() or index in self.chrome or (index in self.title and index != self.title.start):
                continue
            kind = ("title" if index in self.title else "meta" if index in self.metadata
                    else "heading" if index in self.headings else "text")
            yield kind, "".join(self.lines[i].strip() for i in self.title) if kind == "title" else line.strip()


def load(path: Path) -> Report:
    source = read_document(path)
    document = build(source)
    assert document.title_location is not None, f"{path}: no title"
    title = range(document.title_location.line - 1, (document.title_location.end_line or document.title_location.line))
    metadata = frozenset(field.location.line - 1 for field in document.metadata.values())
    skipped = frozenset(number - 1 for number in document.skipped_lines)
    headings = frozenset(section.location.line - 1 for section in document.all_sections() if not section.run_in)
    return Report(path.stem, "\n".join(source.lines), source.lines, title, metadata,
                  skipped - metadata - frozenset(title), headings)


# ------------------------------------------------------------ the variants

def write_markdown(report: Report, target: Path) -> None:
    marks = {"title": "# ", "heading": "## ", "meta": "- "}
    target.write_text("\n\n".join(marks.get(kind, "") + text for kind, text in report.blocks()) + "\n",
                      encoding="utf-8")


def write_portal(report: Report, target: Path) -> None:
    """The page a portal serves: the disclosure table and the title above the editor's div, the body in it."""
    e = html.escape
    blocks = list(report.blocks())
    title = next(text for kind, text in blocks if kind == "title")
    table = "".join(f"<tr><td>{e(text)}</td></tr>" for kind, text in blocks if kind == "meta")
    body = "\n".join(f'<p style="text-indent:2em">{"<strong>" * (kind == "heading")}{e(text)}'
                     f'{"</strong>" * (kind == "heading")}</p>' for kind, text in blocks if kind in ("text", "heading"))
    target.write_text(f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{e(title)}_政府信息公开</title><meta name="ArticleTitle" content="{e(title)}">
<script>var _hmt = _hmt || [];</script></head><body>
<div class="top-nav"><a href="/">首页</a> <a href="/zwgk/">政务公开</a> <a href="/zwfw/">政务服务</a></div>
<div class="location">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政府信息公开</a> &gt; 法治政府建设年度报告</div>
<table class="xxgk_table">{table}</table>
<h1 class="title">{e(title)}</h1>
<div class="info">【字体：<a>大</a> <a>中</a> <a>小</a>】 <a href="javascript:window.print()">打印</a></div>
<div class="TRS_Editor"><div class="Custom_UnionStyle">
{body}
</div></div>
<div class="share">分享到：<a>微信</a> <a>微博</a></div>
<div class="footer">主办：人民政府办公室 网站标识码：3601000001 赣ICP备05003245号</div>
</body></html>
""", encoding="utf-8")


def write_docx(report: Report, target: Path) -> None:
    from docx import Document as Word
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    word = Word()
    for kind, text in report.blocks():
        paragraph = word.add_paragraph()
        run = paragraph.add_run(text)
        run.font.size = Pt(22 if kind == "title" else 16)
        run.bold = kind in ("title", "heading")
        if kind == "title":
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif kind != "meta":
            paragraph.paragraph_format.first_line_indent = Pt(32)
    word.save(str(target))


_FODT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.2"
 office:mimetype="application/vnd.oasis.opendocument.text">
<office:styles>
 <style:default-style style:family="paragraph"><style:paragraph-properties fo:line-height="150%"/>
  <style:text-properties fo:font-size="15pt" style:font-size-asian="15pt"/></style:default-style>
 <style:style style:name="text" style:family="paragraph"><style:paragraph-properties fo:text-indent="30pt" fo:text-align="justify"/></style:style>
 <style:style style:name="heading" style:family="paragraph"><style:paragraph-properties fo:text-indent="30pt"/>
  <style:text-properties fo:font-weight="bold" style:font-weight-asian="bold"/></style:style>
 <style:style style:name="title" style:family="paragraph"><style:paragraph-properties fo:text-align="center" fo:margin-bottom="14pt"/>
  <style:text-properties fo:font-size="22pt" style:font-size-asian="22pt"/></style:style>
 <style:style style:name="meta" style:family="paragraph"><style:text-properties fo:font-size="10.5pt" style:font-size-asian="10.5pt"/></style:style>
 <style:style style:name="small" style:family="paragraph"><style:paragraph-properties fo:text-align="center"/>
  <style:text-properties fo:font-size="9pt" style:font-size-asian="9pt"/></style:style>
 <style:style style:name="outside" style:family="paragraph"><style:paragraph-properties fo:text-align="end"/></style:style>
 <style:style style:name="inside" style:family="paragraph"><style:paragraph-properties fo:text-align="start"/></style:style>
</office:styles>
<office:automatic-styles>
 <style:page-layout style:name="A4"><style:page-layout-properties fo:page-width="210mm" fo:page-height="297mm"
   fo:margin-top="20mm" fo:margin-bottom="20mm" fo:margin-left="28mm" fo:margin-right="26mm"/>
  <style:header-style><style:header-footer-properties fo:min-height="8mm" fo:margin-bottom="5mm"/></style:header-style>
  <style:footer-style><style:header-footer-properties fo:min-height="8mm" fo:margin-top="5mm"/></style:footer-style>
 </style:page-layout>
</office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="A4">{furniture}</style:master-page>
</office:master-styles>
<office:body><office:text>
{body}
</office:text></office:body></office:document>
"""
_PAGE = '<text:page-number text:select-page="current">1</text:page-number>'
# The gazette's name over every page and "第 N 页 共 M 页" under it; GB/T 9704's "— N —", outside corners.
_FURNITURE = {
    "gazette": ('<style:header><text:p text:style-name="small">{title}</text:p></style:header>'
                f'<style:footer><text:p text:style-name="small">第 {_PAGE} 页 共 <text:page-count>1</text:page-count> 页'
                '</text:p></style:footer>'),
    "official": (f'<style:footer><text:p text:style-name="outside">— {_PAGE} —</text:p></style:footer>'
                 f'<style:footer-left><text:p text:style-name="inside">— {_PAGE} —</text:p></style:footer-left>'),
}


def write_fodt(report: Report, target: Path, furniture: str) -> None:
    blocks = list(report.blocks())
    title = next(text for kind, text in blocks if kind == "title")
    body = "\n".join(f'<text:p text:style-name="{kind}">{html.escape(text)}</text:p>' for kind, text in blocks)
    target.write_text(_FODT.format(furniture=_FURNITURE[furniture].format(title=html.escape(title)), body=body),
                      encoding="utf-8")


def office(source: Path, conversion: str, target: Path, infilter: str | None = None) -> None:
    """`source` converted by LibreOffice, in a profile of its own (no clash with an office already running)."""
    assert OFFICE is not None
    with tempfile.TemporaryDirectory() as scratch:
        command = [OFFICE, f"-env:UserInstallation=file://{scratch}/profile", "--headless"]
        command += [f"--infilter={infilter}"] if infilter else []
        subprocess.run([*command, "--convert-to", conversion, "--outdir", scratch, str(source)], check=True,
                       capture_output=True, timeout=600)
        shutil.move(Path(scratch) / f"{source.stem}.{conversion.split(':')[0]}", target)


def make_variants(report: Report, reference: Path, folder: Path, *, word: bool) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(reference, folder / f"reference{reference.suffix}")
    (folder / "gb18030.txt").write_bytes(report.text.encode("gb18030"))
    write_markdown(report, folder / "markdown.md")
    write_portal(report, folder / "portal.html")
    if word:
        write_docx(report, folder / "word.docx")
    if OFFICE is None:
        return
    with tempfile.TemporaryDirectory() as scratch:
        typed = Path(scratch) / "from-text.txt"
        typed.write_text(report.text, encoding="utf-8")
        office(typed, "pdf", folder / "from-text.pdf", infilter="Text (encoded):UTF8,LF,,,")
        for furniture in _FURNITURE:
            laid_out = Path(scratch) / f"{furniture}.fodt"
            write_fodt(report, laid_out, furniture)
            office(laid_out, "pdf", folder / f"{furniture}.pdf")
    if word:
        for conversion, suffix in (("pdf", "pdf"), ("rtf", "rtf"), ("doc:MS Word 97", "doc")):
            office(folder / "word.docx", conversion, folder / f"word.{suffix}")


# ------------------------------------------------------------ the comparison

def summary(document: dict) -> dict[str, object]:
    """What must not depend on the format, one entry each."""
    if document.get("error"):
        return {"error": document["error"]}
    found: dict[str, object] = {key: document[key] for key in ("title", "year", "published", "subject")}
    found |= {f"metadata.{key}": field["value"] for key, field in (document["metadata"] or {}).items()}
    found |= {f"part.{key}": (part["found"], part["heading"]) for key, part in (document["parts"] or {}).items()}
    found |= {f"indicator.{key}": value and (value["value"], value["unit"], value["status"])
              for key, value in (document["indicators"] or {}).items()}
    found |= {f"rule.{finding['rule_id']}": finding["status"] for finding in document["findings"] or []}
    return found


def differences(folder: Path) -> Iterator[str]:
    checked = subprocess.run([sys.executable, "-m", "compliance", "check", "--format", "json", "--jobs", "1",
                              str(folder)], capture_output=True, text=True, check=False)
    documents = {Path(document["path"]).name: document for document in json.loads(checked.stdout)["documents"]}
    reference = summary(documents.pop(next(name for name in documents if name.startswith("reference."))))
    for name, document in sorted(documents.items()):
        variant = summary(document)
        for key in sorted(reference.keys() | variant.keys()):
            if reference.get(key) != variant.get(key):
                yield f"{folder.name}/{name}  {key}: {reference.get(key)!r} → {variant.get(key)!r}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("reports", nargs="*", type=Path, default=REPORTS, help="report texts (.txt, .md)")
    parser.add_argument("--out", type=Path, help="keep the variants here (default: a temporary folder)")
    args = parser.parse_args()
    try:
        import docx  # noqa: F401
        word = True
    except ImportError:
        word = False
        print("python-docx not installed (pip install -e '.[dev]'): no Word variants", file=sys.stderr)
    if OFFICE is None:
        print("LibreOffice (soffice) not found: no PDF, RTF or .doc variants", file=sys.stderr)
    with tempfile.TemporaryDirectory() as scratch:
        out = args.out or Path(scratch)
        found = 0
        for path in args.reports:
            make_variants(load(path), path, out / path.stem, word=word)
            for difference in differences(out / path.stem):
                print(difference, flush=True)
                found += 1
        print(f"{found} differences in {len(args.reports)} reports", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
