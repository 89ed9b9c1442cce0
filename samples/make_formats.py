"""Write the seed report (xihu-2021.txt) as a disclosure page, a Word file (.docx, .doc, .rtf), a PDF and in 繁体.

Run from the repository root: `PYTHONPATH=src python samples/make_formats.py`. Not run by the tests;
its output is committed. Needs the dev extra (python-docx, reportlab, opencc-python-reimplemented) and
a CJK TrueType font (Debian's fonts-wqy-zenhei, or pass --font PATH); the .doc and .rtf need LibreOffice
(Debian's libreoffice-writer-nogui), which saves the .docx as Word 97–2003 as an office would.
"""

from __future__ import annotations

import argparse
import html
import os
import shutil
import subprocess
import tempfile
from datetime import datetime, timezone
from pathlib import Path

from compliance.readers import read_document
from compliance.structure import build

SAMPLES = Path(__file__).resolve().parent
SEED = SAMPLES / "xihu-2021.txt"
STEM = "xihu-2021"
SAVED = datetime(2022, 3, 10, 17, 30, tzinfo=timezone.utc)  # when the author saved the file
FONT = Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")
# The page's table, two label/value pairs a row, as 南昌 sites lay it out.
ROWS = (("index_no", "topic"), ("publisher", "date"), ("doc_no", "validity"), ("scope", "disclosure"))


def seed_parts() -> tuple[str, list[tuple[str, str]], list[str]]:
    """(title, [(label, value)] in page order, body paragraphs) of the seed, as the tool reads it."""
    document = build(read_document(SEED))
    fields = {field.id: field for field in document.metadata.values()}
    metadata = [(fields[key].label, fields[key].value) for row in ROWS for key in row]
    body = [line.strip() for number, line in document.numbered_lines() if line.strip()]
    assert document.title is not None
    return document.title, metadata, body


def _is_heading(paragraph: str) -> bool:
    return len(paragraph) <= 40 and "。" not in paragraph


def make_html(title: str, metadata: list[tuple[str, str]], body: list[str]) -> str:
    e = html.escape
    rows = "\n".join(
        "      <tr>" + "".join(f"<th>{e(label)}</th><td>{e(value)}</td>" for label, value in metadata[i:i + 2]) + "</tr>"
        for i in range(0, len(metadata), 2)
    )
    paragraphs = "\n".join(
        f'        <p style="text-indent:2em"><strong>{e(p)}</strong></p>' if _is_heading(p)
        else f'        <p style="text-indent:2em">{e(p)}</p>'
        for p in body
    )
    values = dict(metadata)
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
  <meta http-equiv="Content-Type" content="text/html; charset=utf-8">
  <meta name="SiteName" content="南昌市西湖区人民政府">
  <meta name="SiteDomain" content="www.ncxh.gov.cn">
  <meta name="ColumnName" content="规划信息">
  <meta name="ArticleTitle" content="{e(title)}">
  <meta name="PubDate" content="{e(values['生成日期'])} 09:30">
  <meta name="ContentSource" content="{e(values['发布机构'])}">
  <title>{e(title)}_规划信息_南昌市西湖区人民政府</title>
  <link rel="stylesheet" href="/css/common.css">
  <style>body {{ font-family: "Microsoft YaHei", sans-serif; margin: 0 }} .w1200 {{ width: 1000px; margin: 0 auto }}
    .xxgk-table {{ width: 100%; border-collapse: collapse }} .xxgk-table th, .xxgk-table td {{ border: 1px solid #ccc; padding: 4px }}
    .article-title {{ text-align: center; font-size: 22px }}</style>
  <script>var _hmt = _hmt || []; (function() {{ var hm = document.createElement("script"); }})();</script>
</head>
<body>
  <div class="header">
    <div class="top-bar w1200">今天是：<span id="today"></span> <a href="/wza">无障碍</a> <a href="/lgb">长者模式</a></div>
    <div class="logo w1200"><img src="/images/logo.png" alt="南昌市西湖区人民政府"></div>
    <ul class="main-nav w1200"><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li>
      <li><a href="/zwfw">政务服务</a></li><li><a href="/hdjl">互动交流</a></li></ul>
  </div>
  <div class="breadcrumb w1200">您现在所在的位置: <a href="/">首页</a>&gt;<a href="/zwgk">政务公开</a>&gt;<a>政府信息公开平台</a>&gt;<a>部门信息公开</a>&gt;<a>西湖区司法局</a>&gt;<a>规划信息</a></div>
  <div class="w1200 main">
    <div class="xxgk-info">
      <table class="xxgk-table">
{rows}
      </table>
    </div>
    <div class="article">
      <h1 class="article-title">{e(title)}</h1>
      <div class="article-info"><span>浏览量：<em id="hits">1024</em></span>
        <span class="font-size">字体【<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】</span></div>
      <div class="bshare-custom share">分享到：<a class="bshare-weixin" title="分享到微信">微信</a>
        <a class="bshare-sinaminiblog" title="分享到新浪微博">微博</a></div>
      <div class="article-content" id="zoom">
{paragraphs}
      </div>
      <div class="article-tools"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>
      <div class="ewm">手机扫码浏览<img src="/qrcode.png" alt=""></div>
    </div>
  </div>
  <div class="footer">
    <p>主办单位：南昌市西湖区人民政府办公室　承办单位：西湖区融媒体中心</p>
    <p>网站标识码：3601030001　赣ICP备05003245号　赣公网安备 36010302000123号</p>
  </div>
  <script src="/js/jquery.min.js"></script>
  <script>document.getElementById("today").textContent = new Date().toLocaleDateString("zh-CN");</script>
</body>
</html>
"""


def make_docx(title: str, metadata: list[tuple[str, str]], body: list[str], target: Path) -> None:
    from docx import Document as Word
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    word = Word()
    table = word.add_table(rows=len(ROWS), cols=4)
    for index, (label, value) in enumerate(metadata):
        row, column = divmod(index, 2)
        table.cell(row, column * 2).text = label + "："
        table.cell(row, column * 2 + 1).text = value
    heading = word.add_paragraph(title)
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    heading.runs[0].font.size = Pt(22)
    for paragraph in body:
        if _is_heading(paragraph) and paragraph[0] in "一二三四五六七八九":
            word.add_heading(paragraph, level=1)
        elif _is_heading(paragraph):
            word.add_heading(paragraph, level=2)
        else:
            word.add_paragraph(paragraph).paragraph_format.first_line_indent = Pt(32)
    properties = word.core_properties
    properties.title = title
    properties.author = "西湖区司法局"
    properties.created = properties.modified = SAVED
    word.save(str(target))


def make_with_office(docx: Path, target: Path, conversion: str) -> None:
    """The .docx saved by LibreOffice (`conversion`: "doc:MS Word 97", "rtf"); skipped, with a note, where
    LibreOffice is missing."""
    office = shutil.which("soffice")
    if office is None:
        print(f"LibreOffice (soffice) not found: {target.name} left as it is")
        return
    with tempfile.TemporaryDirectory() as scratch:  # a profile of its own: no clash with a running office
        subprocess.run([office, f"-env:UserInstallation=file://{scratch}/profile", "--headless", "--convert-to",
                        conversion, "--outdir", scratch, str(docx)], check=True, capture_output=True)
        shutil.move(Path(scratch) / f"{docx.stem}{target.suffix}", target)


def make_pdf(title: str, metadata: list[tuple[str, str]], body: list[str], target: Path, font: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    # A fixed creation date (the day the report was written) keeps the output byte-for-byte reproducible.
    os.environ["SOURCE_DATE_EPOCH"] = str(int(SAVED.timestamp()))
    pdfmetrics.registerFont(TTFont("CJK", str(font), subfontIndex=0))
    size = 12
    text_style = ParagraphStyle("body", fontName="CJK", fontSize=size, leading=size * 1.8,
                                firstLineIndent=2 * size, wordWrap="CJK", spaceAfter=4)
    heading_style = ParagraphStyle("heading", parent=text_style, fontSize=size + 1, spaceBefore=6)
    title_style = ParagraphStyle("title", fontName="CJK", fontSize=18, leading=28, alignment=1, spaceAfter=12)
    meta_style = ParagraphStyle("meta", fontName="CJK", fontSize=10, leading=16)
    e = html.escape
    story = [Paragraph("　　".join(f"{e(label)}：{e(value)}" for label, value in metadata[i:i + 2]), meta_style)
             for i in range(0, len(metadata), 2)]
    story += [Spacer(1, 6 * mm), Paragraph(e(title), title_style)]
    story += [Paragraph(e(p), heading_style if _is_heading(p) else text_style) for p in body]
    SimpleDocTemplate(str(target), pagesize=A4, leftMargin=28 * mm, rightMargin=26 * mm, topMargin=37 * mm,
                      bottomMargin=35 * mm, title=title, author="西湖区司法局", invariant=1,
                      creator="samples/make_formats.py").build(story)


def make_traditional(target: Path) -> None:
    """The seed as a mirror site shows it: OpenCC's phrase-aware simplified → traditional conversion."""
    import opencc

    target.write_text(opencc.OpenCC("s2t").convert(SEED.read_text(encoding="utf-8")), encoding="utf-8", newline="\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--font", type=Path, default=FONT, help="a CJK TrueType font (.ttf/.ttc) for the PDF")
    args = parser.parse_args()
    title, metadata, body = seed_parts()
    (SAMPLES / f"{STEM}.html").write_text(make_html(title, metadata, body), encoding="utf-8", newline="\n")
    make_docx(title, metadata, body, SAMPLES / f"{STEM}.docx")
    make_with_office(SAMPLES / f"{STEM}.docx", SAMPLES / f"{STEM}.doc", "doc:MS Word 97")
    make_with_office(SAMPLES / f"{STEM}.docx", SAMPLES / f"{STEM}.rtf", "rtf")
    make_pdf(title, metadata, body, SAMPLES / f"{STEM}.pdf", args.font)
    make_traditional(SAMPLES / f"{STEM}-traditional.txt")


if __name__ == "__main__":
    main()
