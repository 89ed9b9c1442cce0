""".doc list numbers Word draws itself and heading styles: read as the .docx the file was saved from reads them.

tests/data/numbered-report.doc is the .docx `_numbered_report_docx` writes, saved by LibreOffice 7.4 as
"MS Word 97": `soffice --headless --convert-to doc numbered-report.docx`. Its five part headings are numbered
through the Heading 1 style (一、, chineseCountingThousand), its sub-headings directly ((一), chineseCounting,
in Heading 2), and it holds a nested decimal list (1. / 1.1), roman, letter, 甲乙丙 and circled numbers.
"""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path
from unittest.mock import patch

import olefile
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compliance import check_file
from compliance.readers import doc, read_document
from compliance.structure import build

DATA = Path(__file__).parent / "data"
NUMBERED_DOC = DATA / "numbered-report.doc"
_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_PACKAGE = "http://schemas.openxmlformats.org/package/2006"
_OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_WORDML = "application/vnd.openxmlformats-officedocument.wordprocessingml"


def _level(ilvl: int, fmt: str, text: str) -> str:
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>'
            '<w:lvlJc w:val="left"/></w:lvl>')


_NUMBERING = (
    f"<w:numbering {_W}>"
    f'<w:abstractNum w:abstractNumId="0">{_level(0, "chineseCountingThousand", "%1、")}'
    f'{_level(1, "chineseCounting", "（%2）")}</w:abstractNum>'
    f'<w:abstractNum w:abstractNumId="1">{_level(0, "decimal", "%1.")}{_level(1, "decimal", "%1.%2")}</w:abstractNum>'
    f'<w:abstractNum w:abstractNumId="2">{_level(0, "upperRoman", "%1.")}{_level(1, "lowerLetter", "%2)")}'
    f'{_level(2, "ideographTraditional", "%3、")}</w:abstractNum>'
    f'<w:abstractNum w:abstractNumId="3">{_level(0, "decimalEnclosedCircle", "%1")}</w:abstractNum>'
    + "".join(f'<w:num w:numId="{n + 1}"><w:abstractNumId w:val="{n}"/></w:num>' for n in range(4))
    + "</w:numbering>")

_STYLES = (
    f'<w:styles {_W}><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/>'
    '<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/>'
    '<w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style></w:styles>')


def _p(content: str, num: tuple[int, int] | None = None, style: str | None = None) -> str:
    properties = f'<w:pStyle w:val="{style}"/>' if style else ""
    if num:
        properties += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
    return f'<w:p>{f"<w:pPr>{properties}</w:pPr>" if properties else ""}<w:r><w:t>{content}</w:t></w:r></w:p>'


_BODY = "".join([
    _p("桐岭县司法局2023年度法治政府建设情况报告"),
    _p("2023年，我局在县委、县政府的坚强领导下，深入推进法治政府建设。现将有关情况报告如下："),
    _p("主要举措和成效", style="Heading1"),
    _p("加强组织领导", (1, 1), "Heading2"),
    _p("全年召开专题会议4次，审议法治政府建设重要事项11项。"),
    _p("推进严格规范公正文明执法", (1, 1), "Heading2"),
    _p("全年办理行政处罚案件326件。", (2, 0)),
    _p("其中适用简易程序案件85件。", (2, 1)),
    _p("适用普通程序案件241件。", (2, 1)),
    _p("全年受理行政复议案件52件，审结49件。", (2, 0)),
    _p("纠错3件，纠错率6.1%。", (2, 1)),
    _p("存在的不足和原因", style="Heading1"),
    _p("法治宣传的针对性有待增强", (1, 1)),
    _p("基层执法人员力量不足。", (4, 0)),
    _p("执法装备保障不够。", (4, 0)),
    _p("下一步工作安排", style="Heading1"),
    _p("深化行政执法体制改革", (3, 0)),
    _p("完善执法程序", (3, 1)),
    _p("落实执法全过程记录制度", (3, 2)),
    _p("推行行政裁量权基准", (3, 2)),
    _p("加强执法监督", (3, 1)),
    _p("强化法治宣传教育", (3, 0)),
    _p("党政主要负责人履行推进法治建设第一责任人职责情况", style="Heading1"),
    _p("局主要负责人带头学法，全年讲授法治课2次。"),
    _p("其他需要报告的情况", style="Heading1"),
    _p("无。"),
    _p("桐岭县司法局"),
    _p("2024年1月15日"),
])


def _numbered_report_docx(path: Path, body: str = _BODY) -> Path:
    """The .docx numbered-report.doc was saved from: a whole package, as LibreOffice needs it."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", (
            f'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="{_PACKAGE}/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/word/document.xml" ContentType="{_WORDML}.document.main+xml"/>'
            f'<Override PartName="/word/numbering.xml" ContentType="{_WORDML}.numbering+xml"/>'
            f'<Override PartName="/word/styles.xml" ContentType="{_WORDML}.styles+xml"/></Types>'))
        package.writestr("_rels/.rels", (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_PACKAGE}/relationships">'
            f'<Relationship Id="rId1" Type="{_OFFICE}/officeDocument" Target="word/document.xml"/></Relationships>'))
        package.writestr("word/_rels/document.xml.rels", (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_PACKAGE}/relationships">'
            f'<Relationship Id="rId1" Type="{_OFFICE}/numbering" Target="numbering.xml"/>'
            f'<Relationship Id="rId2" Type="{_OFFICE}/styles" Target="styles.xml"/></Relationships>'))
        package.writestr("word/document.xml",
                         f'<?xml version="1.0" encoding="UTF-8"?><w:document {_W}><w:body>{body}</w:body></w:document>')
        package.writestr("word/numbering.xml", _NUMBERING)
        package.writestr("word/styles.xml", _STYLES)
    return path


def test_automatic_list_numbers_and_heading_styles_read_as_in_the_docx(tmp_path: Path) -> None:
    saved, original = read_document(NUMBERED_DOC), read_document(_numbered_report_docx(tmp_path / "report.docx"))
    assert saved.lines == original.lines
    assert saved.outline == original.outline
    assert saved.lines[2:10] == ("一、 主要举措和成效", "（一） 加强组织领导", "全年召开专题会议4次，审议法治政府建设重要事项11项。",
                                 "（二） 推进严格规范公正文明执法", "1. 全年办理行政处罚案件326件。",
                                 "1.1 其中适用简易程序案件85件。", "1.2 适用普通程序案件241件。",
                                 "2. 全年受理行政复议案件52件，审结49件。")
    assert saved.lines[12:22] == ("（一） 法治宣传的针对性有待增强", "① 基层执法人员力量不足。", "② 执法装备保障不够。",
                                  "三、 下一步工作安排", "I. 深化行政执法体制改革", "a) 完善执法程序", "甲、 落实执法全过程记录制度",
                                  "乙、 推行行政裁量权基准", "b) 加强执法监督", "II. 强化法治宣传教育")
    document = build(saved)
    assert [(section.number, section.heading) for section in document.sections] == [
        ("一", "主要举措和成效"), ("二", "存在的不足和原因"), ("三", "下一步工作安排"),
        ("四", "党政主要负责人履行推进法治建设第一责任人职责情况"), ("五", "其他需要报告的情况")]
    assert [child.heading for child in document.sections[0].children] == ["加强组织领导", "推进严格规范公正文明执法"]


def test_a_doc_numbered_by_word_scores_as_its_docx(tmp_path: Path) -> None:
    saved, original = check_file(NUMBERED_DOC), check_file(_numbered_report_docx(tmp_path / "report.docx"))
    parts = {finding.rule_id: finding.status for finding in saved.findings if finding.rule_id.startswith("parts.")}
    assert parts == {finding.rule_id: finding.status for finding in original.findings
                     if finding.rule_id.startswith("parts.")}
    # Before, the .doc lost its 一、 … 五、: no part was found by its heading, and it failed (64.2 against 69.3).
    assert {parts[rule] for rule in ("parts.first_responsible_person", "parts.next_year_plan")} == {"pass"}
    assert (saved.score.total, saved.passed) == (original.score.total, original.passed) == (original.score.total, True)


def test_a_built_in_heading_style_is_a_heading_by_its_number_whatever_its_name_or_outline_level(
        tmp_path: Path) -> None:
    # Word knows its built-in heading styles by their number (sti 1–9), under whatever name a language gives
    # them. Here the styles' sprmPOutLvl (0x2640) is made sprmPFKeep (0x2405, as long) and "Heading" made
    # "Kapitel": only the number tells.
    copy = tmp_path / "headings-by-number.doc"
    copy.write_bytes(NUMBERED_DOC.read_bytes())
    with olefile.OleFileIO(str(copy), write_mode=True) as ole:
        word = ole.openstream("WordDocument").read()
        name = "1Table" if word[0x0B] & 0x02 else "0Table"
        table = bytearray(ole.openstream(name).read())
        fc, lcb = struct.unpack_from("<II", word, 154 + 8)  # fcStshf, lcbStshf
        sheet = bytes(table[fc : fc + lcb])
        assert sheet.count(b"\x40\x26") == 2 and sheet.count("Heading ".encode("utf-16-le")) == 2
        sheet = sheet.replace(b"\x40\x26", b"\x05\x24").replace("Heading".encode("utf-16-le"),
                                                                 "Kapitel".encode("utf-16-le"))
        table[fc : fc + lcb] = sheet
        ole.write_stream(name, bytes(table))
    assert read_document(copy).outline == read_document(NUMBERED_DOC).outline == {3: 1, 4: 2, 6: 2, 12: 1, 16: 1, 23: 1,
                                                                                  25: 1}


# ---------------------------------------------------------------- .doc streams made here, for what LibreOffice
# does not write: Word's "restart numbering", style chains, damaged and oversized tables.

_FIB, _PAIRS = 1024, 93  # a Word 97 FIB's size here, and its count of fc/lcb pairs
_SIMPLE = 0x01  # LSTF.fSimpleList: one level


def _ilfo(ilfo: int, ilvl: int = 0) -> bytes:
    return struct.pack("<HhHB", 0x460B, ilfo, 0x260A, ilvl)  # sprmPIlfo, sprmPIlvl


_LEGAL, _NO_RESTART = 0x04, 0x08  # LVLF.fLegal, LVLF.fNoRestart


def _lvl(start: int, nfc: int, text: str, follow: int = 0, flags: int = 0, restart_limit: int = 0) -> bytes:
    """An LVL: its LVLF (no Sprms; `follow` what is drawn after the number: 0 a tab, 1 a space, 2 nothing; `flags`
    its byte of jc, fLegal, fNoRestart …; `restart_limit` its ilvlRestartLim), then its number text, in which
    characters below U+0009 are placeholders."""
    places = bytes(place for place, letter in enumerate(text, start=1) if ord(letter) < 9)[:9].ljust(9, b"\0")
    return struct.pack("<iBB9sB8xBBBB", start, nfc, flags, places, follow, 0, 0, restart_limit, 0) + \
        struct.pack("<H", len(text)) + text.encode("utf-16-le")


def _stsh(styles: list[tuple[int, int, str, bytes]]) -> bytes:
    """A style sheet of paragraph styles (sti, istdBase, name, Sprms), Word 97's: STDs with a 10-byte base."""
    stshi = struct.pack("<6H6sH", len(styles), 10, 0, 0, 0, 0, b"", 0)
    sheet = struct.pack("<H", len(stshi)) + stshi
    for sti, base, name, sprms in styles:
        upx = struct.pack("<H", 0) + sprms
        std = (struct.pack("<5H", sti, 1 | base << 4, 2, 0, 0) + struct.pack("<H", len(name)) + name.encode("utf-16-le")
               + b"\0\0" + struct.pack("<H", len(upx)) + upx + b"\0" * (len(upx) % 2) + struct.pack("<H", 0))
        sheet += struct.pack("<H", len(std)) + std
    return sheet


def _streams(paragraphs: list[tuple[str, int, bytes]], lists: bytes, overrides: bytes, styles: bytes = b"",
             deleted: frozenset[int] = frozenset()) -> tuple[bytes, bytes]:
    """A WordDocument stream (FIB, the text in UTF-16, a page of paragraph properties and one of character
    properties) and its table stream (Clx, PlcBtePapx, PlcBteChpx, `overrides` as fcPlfLfo, `styles` as fcStshf,
    `lists` as fcPlfLst, last: what a damaged one reads past its end is past the stream's). A paragraph is its
    text (ending in 0x0D, or several), its istd and its Sprms: one run of properties each; the paragraphs whose
    indices are `deleted` were deleted with track changes on, their text and marks (sprmCFRMarkDel)."""
    content = "".join(text for text, _, _ in paragraphs)
    word = bytearray(_FIB) + content.encode("utf-16-le")
    word += bytes(-len(word) % 512)
    page, page_number, limits = bytearray(512), len(word) // 512, [_FIB]
    free = 511
    for index, (text, istd, sprms) in enumerate(paragraphs):
        limits.append(limits[-1] + 2 * len(text))
        papx = struct.pack("<H", istd) + sprms
        papx += bytes(len(papx) % 2 == 0)  # cb counts 2 × cb − 1 bytes
        free = (free - len(papx) - 1) & ~1
        page[free] = (len(papx) + 1) // 2
        page[free + 1 : free + 1 + len(papx)] = papx
        page[4 * (len(paragraphs) + 1) + 13 * index] = free // 2
    struct.pack_into(f"<{len(limits)}I", page, 0, *limits)
    page[511] = len(paragraphs)
    characters = bytearray(512)  # a run a paragraph: a deleted one's Chpx at byte 500, the others' none
    struct.pack_into(f"<{len(limits)}I", characters, 0, *limits)
    characters[500:504] = b"\x03" + struct.pack("<HB", 0x0800, 1)
    for index in deleted:
        characters[4 * len(limits) + index] = 500 // 2
    characters[511] = len(paragraphs)
    word += page + characters
    positions = [0, len(content)]
    plc = struct.pack("<2I", *positions) + struct.pack("<HIH", 0, _FIB, 0)
    table = b"\x02" + struct.pack("<I", len(plc)) + plc
    pairs = {33: (0, len(table))}  # fcClx
    for index, data in ((13, struct.pack("<3I", _FIB, limits[-1], page_number)),
                        (12, struct.pack("<3I", _FIB, limits[-1], page_number + 1)), (74, overrides), (1, styles),
                        (73, lists)):
        pairs[index] = (len(table), len(data))
        table += data
    struct.pack_into("<H", word, 0, 0xA5EC)
    struct.pack_into("<i", word, doc._CCP_TEXT, len(content))
    struct.pack_into("<H", word, 152, _PAIRS)
    for index, (fc, lcb) in pairs.items():
        struct.pack_into("<II", word, 154 + 8 * index, fc, lcb)
    return bytes(word), table


def _plf_lst(*lists: tuple[int, list[bytes]]) -> bytes:
    """A PlfLst of (lsid, its LVLs: one for a simple list, nine for another), and the LVLs after it."""
    header = struct.pack("<h", len(lists)) + b"".join(
        struct.pack("<iI9HBB", lsid, 0, *[0x0FFF] * 9, _SIMPLE if len(levels) == 1 else 0, 0) for lsid, levels in lists)
    return header + b"".join(b"".join(levels) for _, levels in lists)


def _plf_lfo(*instances: tuple[int, list[tuple[int, int]] | list[tuple[int, int | None, bytes]]]) -> bytes:
    """A PlfLfo of (lsid, its overrides: (level, start-at), or (level, start-at or None, a level of its own)),
    each LFO's LFOData after them."""
    headers = b"".join(struct.pack("<iiiBBBB", lsid, 0, 0, len(overrides), 0, 0, 0) for lsid, overrides in instances)
    data = b"".join(struct.pack("<I", 0xFFFFFFFF) + b"".join(_lfolvl(*override) for override in overrides)
                    for _, overrides in instances)
    return struct.pack("<I", len(instances)) + headers + data


def _lfolvl(level: int, start: int | None, own: bytes = b"") -> bytes:
    """An LFOLVL: fStartAt (0x10) with a start-at, fFormatting (0x20) with a level of its own, which follows it."""
    flags = level | (0x10 if start is not None else 0) | (0x20 if own else 0)
    return struct.pack("<iI", start or 0, flags) + own


def _read(word: bytes, table: bytes) -> tuple[tuple[str, ...], dict[int, int]]:
    with patch.object(doc, "_streams", lambda path, data: (word, table, {})):
        source = doc.read_doc(Path("report.doc"), b"")
    return source.lines, dict(source.outline)


_PARTS = (1, [_lvl(1, 39, "\x00、")])  # 一、 (chineseCountingThousand)
_SUBHEADINGS = (2, [_lvl(1, 37, "（\x00）")])  # （一） (chineseCounting)


def test_a_list_word_restarted_counts_again_from_its_start() -> None:
    # Word's "restart numbering" gives the paragraphs from there on a new LFO of the same list, overriding
    # the level's start: the sub-headings of part 二 are （一）（二） again, not （三）（四）.
    paragraphs = [("主要举措和成效\r", 0, _ilfo(1)), ("加强组织领导\r", 0, _ilfo(2)), ("推进严格规范执法\r", 0, _ilfo(2)),
                  ("存在的不足和原因\r", 0, _ilfo(1)), ("法治宣传不够深入\r", 0, _ilfo(3)), ("执法力量不足\r", 0, _ilfo(3)),
                  ("下一步工作安排\r", 0, _ilfo(1))]
    lines, _ = _read(*_streams(paragraphs, _plf_lst(_PARTS, _SUBHEADINGS), _plf_lfo((1, []), (2, []), (2, [(0, 1)]))))
    assert lines == ("一、 主要举措和成效", "（一） 加强组织领导", "（二） 推进严格规范执法", "二、 存在的不足和原因",
                     "（一） 法治宣传不够深入", "（二） 执法力量不足", "三、 下一步工作安排")


def test_a_list_drawing_a_level_its_own_way_counts_on_and_items_after_a_restart_count_on_from_it() -> None:
    # As in .docx: an LFO with a level of its own (fFormatting) draws it its own way but counts on with its list;
    # one with a start-at (fStartAt) restarts the level at its first paragraph there, and the list's paragraphs
    # after it count on from it, whatever LFO names it. Before, each LFO with overrides counted on its own:
    # （壹）, then （二）, and （四） after the restart.
    paragraphs = [("坚持依法决策\r", 0, _ilfo(1)), ("严格规范公正文明执法\r", 0, _ilfo(2)), ("深化法治宣传教育\r", 0, _ilfo(1)),
                  ("法治宣传的针对性有待增强\r", 0, _ilfo(3)), ("基层执法力量不足\r", 0, _ilfo(1))]
    overrides = _plf_lfo((2, []), (2, [(0, None, _lvl(1, 38, "（\x00）"))]), (2, [(0, 1, _lvl(1, 37, "（\x00）"))]))
    assert _read(*_streams(paragraphs, _plf_lst(_SUBHEADINGS), overrides))[0] == (
        "（一） 坚持依法决策", "（贰） 严格规范公正文明执法", "（三） 深化法治宣传教育", "（一） 法治宣传的针对性有待增强",
        "（二） 基层执法力量不足")


def test_numbering_and_heading_levels_come_through_the_styles_a_style_is_based_on() -> None:
    styles = _stsh([(0, 0x0FFF, "Normal", b""),
                    (0x0FFE, 0, "标题 1", _ilfo(1)),  # a template's own heading style, named as one
                    (0x0FFE, 1, "报告部分标题", b""),  # based on it: its numbering and level too
                    (0x0FFE, 4, "循环样式甲", b""), (0x0FFE, 3, "循环样式乙", b"")])  # based on each other
    paragraphs = [("桐岭县司法局2023年度法治政府建设情况报告\r", 0, b""), ("主要举措和成效\r", 1, b""),
                  ("全年办理行政复议案件52件。\r", 3, b""), ("存在的不足和原因\r", 2, b""),
                  ("不再编号的标题\r", 2, _ilfo(0)), ("大纲级别为正文的标题\r", 1, struct.pack("<HB", 0x2640, 9))]
    lines, outline = _read(*_streams(paragraphs, _plf_lst(_PARTS), _plf_lfo((1, [])), styles))
    assert lines == ("桐岭县司法局2023年度法治政府建设情况报告", "一、 主要举措和成效", "全年办理行政复议案件52件。",
                     "二、 存在的不足和原因", "不再编号的标题", "三、 大纲级别为正文的标题")
    assert outline == {2: 1, 4: 1, 5: 1, 6: 1}  # body-text level set on the paragraph: its style's, as in .docx


def test_a_paragraph_of_a_style_the_file_does_not_define_is_of_normal_as_in_the_docx() -> None:
    # Style 5 is no style of the sheet: Word draws the paragraph in Normal (istd 0), here numbering its paragraphs.
    styles = _stsh([(0, 0x0FFF, "Normal", _ilfo(1)), (1, 0, "heading 1", b"")])
    paragraphs = [("全年审查规范性文件12件。\r", 0, b""), ("全年办理行政复议案件39件。\r", 5, b""),
                  ("全年受理行政诉讼案件8件。\r", 0, b"")]
    lists = _plf_lst((1, [_lvl(1, 0, "\x00.")]))
    assert _read(*_streams(paragraphs, lists, _plf_lfo((1, [])), styles))[0] == (
        "1. 全年审查规范性文件12件。", "2. 全年办理行政复议案件39件。", "3. 全年受理行政诉讼案件8件。")


def test_a_number_is_parted_from_its_text_as_word_draws_it() -> None:
    # LVLF.ixchFollow: a tab (read as a space), a space or nothing after the number, as w:suff in .docx. Before,
    # every number was run into its text: "1.1其中适用…" read 1.1 as a figure of the report.
    paragraphs = [("主要举措和成效\r", 0, _ilfo(1)), ("全年办理行政处罚案件326件。\r", 0, _ilfo(2)),
                  ("其中适用简易程序案件85件。\r", 0, _ilfo(2, 1)), ("存在的不足和原因\r", 0, _ilfo(1))]
    lists = _plf_lst((1, [_lvl(1, 37, "\x00、", follow=2)]),
                     (2, [_lvl(1, 0, "\x00."), _lvl(1, 0, "\x00.\x01", follow=1)] + [_lvl(1, 0, "\x02.")] * 7))
    lines, _ = _read(*_streams(paragraphs, lists, _plf_lfo((1, []), (2, []))))
    assert lines == ("一、主要举措和成效", "1. 全年办理行政处罚案件326件。", "1.1 其中适用简易程序案件85件。", "二、存在的不足和原因")


def test_a_legal_numbering_level_draws_every_number_in_arabic_numerals_as_in_the_docx() -> None:
    # LVLF.fLegal, the .docx's w:isLgl: before, "一.1 全年办理…", where Word draws "1.1".
    paragraphs = [("主要举措和成效\r", 0, _ilfo(1)), ("全年办理行政处罚案件326件。\r", 0, _ilfo(1, 1)),
                  ("全年受理行政复议案件52件。\r", 0, _ilfo(1, 1)), ("存在的不足和原因\r", 0, _ilfo(1)),
                  ("基层执法力量不足。\r", 0, _ilfo(1, 1))]
    levels = [_lvl(1, 37, "\x00、"), _lvl(1, 37, "\x00.\x01", follow=1, flags=_LEGAL)] + [_lvl(1, 37, "（\x02）")] * 7
    assert _read(*_streams(paragraphs, _plf_lst((1, levels)), _plf_lfo((1, []))))[0] == (
        "一、 主要举措和成效", "1.1 全年办理行政处罚案件326件。", "1.2 全年受理行政复议案件52件。", "二、 存在的不足和原因",
        "2.1 基层执法力量不足。")


@pytest.mark.parametrize(("restart_limit", "numbers"), [(1, ("1.", "2.", "1.")), (0, ("1.", "2.", "3."))],
                         ids=["after-the-parts-only", "never"])
def test_a_list_level_restarts_only_after_the_levels_word_restarts_it_after_as_in_the_docx(
        restart_limit: int, numbers: tuple[str, ...]) -> None:
    # LVLF.fNoRestart with ilvlRestartLim, the .docx's w:lvlRestart: the level starts again only after a paragraph
    # of a level above ilvlRestartLim (0: never). Before, the items started again at 1. under each sub-heading.
    paragraphs = [("主要举措和成效\r", 0, _ilfo(1)), ("坚持依法决策\r", 0, _ilfo(1, 1)), ("全年审查规范性文件12件。\r", 0, _ilfo(1, 2)),
                  ("严格规范公正文明执法\r", 0, _ilfo(1, 1)), ("全年办理行政处罚案件326件。\r", 0, _ilfo(1, 2)),
                  ("存在的不足和原因\r", 0, _ilfo(1)), ("执法力量不足\r", 0, _ilfo(1, 1)), ("基层执法人员仅12人。\r", 0, _ilfo(1, 2))]
    levels = [_lvl(1, 37, "\x00、"), _lvl(1, 37, "（\x01）"),
              _lvl(1, 0, "\x02.", flags=_NO_RESTART, restart_limit=restart_limit)] + [_lvl(1, 0, "\x03.")] * 6
    assert _read(*_streams(paragraphs, _plf_lst((1, levels)), _plf_lfo((1, []))))[0] == (
        "一、 主要举措和成效", "（一） 坚持依法决策", f"{numbers[0]} 全年审查规范性文件12件。", "（二） 严格规范公正文明执法",
        f"{numbers[1]} 全年办理行政处罚案件326件。", "二、 存在的不足和原因", "（一） 执法力量不足",
        f"{numbers[2]} 基层执法人员仅12人。")


def test_financial_numerals_read_as_in_the_docx() -> None:
    # nfc 38 (chineseLegalSimplified) and 34 (ideographLegalTraditional): before, 一、二、 and 十、十一、.
    paragraphs = [("主要举措和成效\r", 0, _ilfo(1)), ("執法力量不足\r", 0, _ilfo(2)), ("宣傳不夠深入\r", 0, _ilfo(2)),
                  ("存在的不足和原因\r", 0, _ilfo(1))]
    lists = _plf_lst((1, [_lvl(1, 38, "\x00、")]), (2, [_lvl(10, 34, "（\x00）")]))
    lines, _ = _read(*_streams(paragraphs, lists, _plf_lfo((1, []), (2, []))))
    assert lines == ("壹、 主要举措和成效", "（壹拾） 執法力量不足", "（壹拾壹） 宣傳不夠深入", "贰、 存在的不足和原因")


def test_a_heading_style_stays_a_heading_whatever_outline_level_it_is_given() -> None:
    # Word draws its built-in heading styles at their level (the .docx reader reads a heading style so); before,
    # heading 1 given the outline level of body text (sprmPOutLvl 9) was read as body text.
    styles = _stsh([(0, 0x0FFF, "Normal", b""), (1, 0, "heading 1", struct.pack("<HB", 0x2640, 9))])
    paragraphs = [("桐岭县司法局2023年度法治政府建设情况报告\r", 0, b""), ("主要举措和成效\r", 1, b"")]
    assert _read(*_streams(paragraphs, _plf_lst(_PARTS), _plf_lfo((1, [])), styles))[1] == {2: 1}


def test_a_number_goes_after_the_table_or_page_break_before_its_paragraph() -> None:
    # The text marks where a table row ends, not where the paragraph after it begins; nor does a page break
    # at a paragraph's start belong before its number. A section's end (0x0C, as a page break) ends a
    # paragraph, which is numbered as one ending in a paragraph mark.
    cell, row_end = struct.pack("<HB", 0x2416, 1), struct.pack("<HBHB", 0x2416, 1, 0x2417, 1)
    paragraphs = [("主要举措和成效\r", 0, _ilfo(1)), ("项目\x07", 0, cell), ("2023年\x07", 0, cell), ("\x07", 0, row_end),
                  ("存在的不足和原因\x0c", 0, _ilfo(1)), ("\x0c下一步工作安排\r", 0, _ilfo(1)),
                  ("党政主要负责人履行职责情况\x0c（续）\r", 0, _ilfo(1))]
    lines, _ = _read(*_streams(paragraphs, _plf_lst(_PARTS), _plf_lfo((1, []))))
    assert lines == ("一、 主要举措和成效", "项目  2023年", "二、 存在的不足和原因", "三、 下一步工作安排",
                     "四、 党政主要负责人履行职责情况", "（续）")


def test_numbered_paragraphs_in_table_cells_are_drawn_and_counted_with_their_list() -> None:
    # As the .docx reader reads them: a cell's paragraphs (the last ending in the cell's 0x07) are numbered and
    # counted, so the sub-heading after the table is （三）. Before, the cells had no number and it read （二）.
    cell, row_end = struct.pack("<HB", 0x2416, 1), struct.pack("<HBHB", 0x2416, 1, 0x2417, 1)
    paragraphs = [("主要举措和成效\r", 0, _ilfo(1)), ("坚持依法决策\r", 0, _ilfo(1, 1)),
                  ("严格规范公正文明执法\r", 0, cell + _ilfo(1, 1)), ("全年办理行政处罚案件326件。\x07", 0, cell + _ilfo(1, 2)),
                  ("全年受理行政复议案件52件。\x07", 0, cell + _ilfo(1, 2)), ("\x07", 0, row_end),
                  ("深化法治宣传教育\r", 0, _ilfo(1, 1)), ("存在的不足和原因\r", 0, _ilfo(1))]
    levels = [_lvl(1, 37, "\x00、"), _lvl(1, 37, "（\x01）"), _lvl(1, 0, "\x02.")] + [_lvl(1, 0, "\x03.")] * 6
    lines, outline = _read(*_streams(paragraphs, _plf_lst((1, levels)), _plf_lfo((1, []))))
    assert lines == ("一、 主要举措和成效", "（一） 坚持依法决策",
                     "（二） 严格规范公正文明执法 1. 全年办理行政处罚案件326件。  2. 全年受理行政复议案件52件。",
                     "（三） 深化法治宣传教育", "二、 存在的不足和原因")
    assert outline == {}


def test_a_number_and_heading_level_go_on_the_first_line_with_text() -> None:
    # A paragraph may open with a line break (Shift+Enter) or a blank line: Word draws its number before that
    # first, empty line, but the number and the heading level belong with the text, as the .docx reader puts
    # them. Before, 一、 stood on a line of its own, and a heading-style paragraph lost its level (and its part).
    styles = _stsh([(0, 0x0FFF, "Normal", b""), (1, 0, "heading 1", b"")])
    paragraphs = [("桐岭县司法局2023年度法治政府建设情况报告\r", 0, b""), ("\x0b主要举措和成效\r", 0, _ilfo(1)),
                  (" \x0b\t\x0b存在的不足和原因\r", 1, b""), ("\x0c \x0b下一步工作安排\r", 1, _ilfo(1))]
    lines, outline = _read(*_streams(paragraphs, _plf_lst(_PARTS), _plf_lfo((1, [])), styles))
    assert lines == ("桐岭县司法局2023年度法治政府建设情况报告", "一、 主要举措和成效", "存在的不足和原因", "二、 下一步工作安排")
    assert outline == {3: 1, 4: 1}


def _deleted(content: str, style: str, num: tuple[int, int] | None = None, change: int = 1) -> str:
    """A paragraph deleted with track changes on: its text (w:delText) and its mark (w:rPr/w:del)."""
    deletion = f'w:id="{change}" w:author="审核人" w:date="2024-01-10T09:00:00Z"'
    properties = f'<w:pStyle w:val="{style}"/>'
    if num:
        properties += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
    return (f'<w:p><w:pPr>{properties}<w:rPr><w:del {deletion}/></w:rPr></w:pPr>'
            f'<w:del {deletion}><w:r><w:delText>{content}</w:delText></w:r></w:del></w:p>')


_DELETED_BODY = "".join([
    _p("桐岭县司法局2023年度法治政府建设情况报告"), _p("主要举措和成效", style="Heading1"),
    _p("加强组织领导", (1, 1), "Heading2"), _deleted("开展专项整治", "Heading2", (1, 1), 2),
    _p("推进严格规范公正文明执法", (1, 1), "Heading2"), _deleted("法治宣传教育情况", "Heading1", change=3),
    _p("存在的不足和原因", style="Heading1"), _p("下一步工作安排", style="Heading1"),
])
# The same in a .doc: a heading style numbering its paragraphs (一、), another its own ((一)), two paragraphs
# deleted. (LibreOffice writes a deleted paragraph's text as deleted in a .doc, but not its mark, as Word does.)
_DELETED_DOC = [("桐岭县司法局2023年度法治政府建设情况报告\r", 0, b""), ("主要举措和成效\r", 1, b""), ("加强组织领导\r", 2, b""),
                ("开展专项整治\r", 2, b""), ("推进严格规范公正文明执法\r", 2, b""), ("法治宣传教育情况\r", 1, b""),
                ("存在的不足和原因\r", 1, b""), ("下一步工作安排\r", 1, b"")]


def test_a_numbered_paragraph_deleted_with_track_changes_is_not_counted(tmp_path: Path) -> None:
    # Its text is left out, as Word shows the draft with the changes accepted; so is its number, and the list
    # counts on without it. Before, （二） and 二、 stood alone where the deleted sub-heading and part had been,
    # and the parts after them were numbered one too many (三、存在的不足和原因).
    styles = _stsh([(0, 0x0FFF, "Normal", b""), (1, 0, "heading 1", _ilfo(1)), (2, 0, "heading 2", _ilfo(2))])
    doc_lines, doc_outline = _read(*_streams(_DELETED_DOC, _plf_lst(_PARTS, _SUBHEADINGS), _plf_lfo((1, []), (2, [])),
                                             styles, deleted=frozenset({3, 5})))
    docx = read_document(_numbered_report_docx(tmp_path / "deleted.docx", _DELETED_BODY))
    for lines, outline in ((doc_lines, doc_outline), (docx.lines, docx.outline)):
        assert lines == ("桐岭县司法局2023年度法治政府建设情况报告", "一、 主要举措和成效", "（一） 加强组织领导",
                         "（二） 推进严格规范公正文明执法", "二、 存在的不足和原因", "三、 下一步工作安排")
        assert outline == {2: 1, 3: 2, 4: 2, 5: 1, 6: 1}


_TEXT = [("桐岭县司法局2023年度法治政府建设情况报告\r", 0, b""), ("主要举措和成效\r", 0, _ilfo(1)),
         ("全年办理行政复议案件52件。\r", 0, b"")]
_PLAIN = ("桐岭县司法局2023年度法治政府建设情况报告", "主要举措和成效", "全年办理行政复议案件52件。")


@pytest.mark.parametrize(("lists", "overrides", "heading"), [
    pytest.param(struct.pack("<h", 32767) + _plf_lst(_PARTS)[2:], _plf_lfo((1, [])), "主要举措和成效",
                 id="more-lists-than-the-stream"),
    pytest.param(_plf_lst((1, [_lvl(1, 39, "\x00、")[:-4]])), _plf_lfo((1, [])), "主要举措和成效",
                 id="level-text-past-the-stream"),
    pytest.param(_plf_lst(_PARTS), struct.pack("<I", 0xFFFFFFFF) + _plf_lfo((1, []))[4:], "主要举措和成效",
                 id="four-billion-lfos"),
    pytest.param(_plf_lst(_PARTS), _plf_lfo((7, [])), "主要举措和成效", id="lfo-of-a-missing-list"),
    pytest.param(_plf_lst(_PARTS), _plf_lfo((1, [(0, 5)]))[:-6], "一、 主要举措和成效",  # counted as not overridden
                 id="overrides-past-their-table"),
])
def test_damaged_list_tables_cost_the_numbers_not_the_text(lists: bytes, overrides: bytes, heading: str) -> None:
    assert _read(*_streams(_TEXT, lists, overrides))[0] == (_PLAIN[0], heading, _PLAIN[2])


def test_numbers_never_make_the_text_many_times_longer() -> None:
    # 100,000 empty numbered paragraphs (200 KB) of a list whose number text is 400 characters long: drawn
    # before each, 40 million characters. Word's number texts are a few characters; at most as many characters
    # as the text has are added, and a number text is cut at 32.
    long_text = "第\x00项" + "依法行政" * 100
    paragraphs = [("桐岭县司法局2023年度法治政府建设情况报告\r", 0, b""), ("\r" * 100_000, 0, _ilfo(1))]
    lines, _ = _read(*_streams(paragraphs, _plf_lst((1, [_lvl(1, 37, long_text)])), _plf_lfo((1, []))))
    assert lines[1] == "第一项" + "依法行政" * 7 + "依"
    assert sum(map(len, lines[1:])) <= sum(len(text) for text, _, _ in paragraphs)


def _fixture_streams() -> tuple[bytes, bytes, list[range]]:
    """The fixture's streams, and where its style sheet and list tables lie in the table stream."""
    with olefile.OleFileIO(str(NUMBERED_DOC)) as ole:
        word = ole.openstream("WordDocument").read()
        table = ole.openstream("1Table" if word[0x0B] & 0x02 else "0Table").read()
    (fc_stsh, lcb_stsh), (fc_lst, _), (fc_lfo, lcb_lfo) = (
        struct.unpack_from("<II", word, 154 + 8 * index) for index in (1, 73, 74))
    return word, table, [range(fc_stsh, fc_stsh + lcb_stsh), range(fc_lst, fc_lfo + lcb_lfo)]


_WORD, _TABLE, _REGIONS = _fixture_streams()
_TEXTS = [text for text, _, _ in (line.partition("</w:t>") for line in _BODY.split("<w:t>")[1:])]


@settings(max_examples=200, deadline=None)
@given(region=st.sampled_from([0, 1]), changes=st.lists(st.tuples(st.floats(0, 1, exclude_max=True),
                                                                 st.integers(0, 255)), min_size=1, max_size=8))
def test_damaged_styles_and_list_tables_cost_numbers_and_levels_never_the_text(
        region: int, changes: list[tuple[float, int]]) -> None:
    table = bytearray(_TABLE)
    for where, value in changes:
        table[_REGIONS[region][int(where * len(_REGIONS[region]))]] = value
    lines, outline = _read(_WORD, bytes(table))
    assert len(lines) == len(_TEXTS) and all(line.endswith(text) for line, text in zip(lines, _TEXTS, strict=True))
    assert set(outline.values()) <= set(range(1, 10))


# ---------------------------------------------------------------- text boxes
# tests/data/text-boxes.doc is the .docx `_numbered_report_docx(path, _TEXT_BOX_BODY)` writes, saved by LibreOffice 7.4
# as "MS Word 97" (`soffice --headless --convert-to doc text-boxes.docx`): its text boxes' text in the text boxes'
# story after the main text, each anchored by a shape in a paragraph of it.

_DRAWING = ('xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
            'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
            'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
            'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:v="urn:schemas-microsoft-com:vml"')


def _text_box(box: str, before: str, number: int) -> str:
    """A paragraph holding `before` and anchoring a text box holding the paragraphs `box`, as Word writes it: as a
    drawing (mc:Choice) and again as VML for older readers (mc:Fallback)."""
    drawing = ('<w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="2000000" cy="600000"/>'
               f'<wp:docPr id="{number}" name="文本框 {number}"/><a:graphic>'
               '<a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp>'
               '<wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="2000000" cy="600000"/>'
               '</a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></wps:spPr>'
               f'<wps:txbx><w:txbxContent>{box}</w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData>'
               '</a:graphic></wp:inline></w:drawing>')
    fallback = (f'<w:pict><v:shape style="width:150pt;height:50pt"><v:textbox><w:txbxContent>{box}</w:txbxContent>'
                '</v:textbox></v:shape></w:pict>')
    return (f'<w:p><w:r><w:t>{before}</w:t></w:r><w:r><mc:AlternateContent {_DRAWING}><mc:Choice Requires="wps">'
            f'{drawing}</mc:Choice><mc:Fallback>{fallback}</mc:Fallback></mc:AlternateContent></w:r></w:p>')


def _cell(content: str) -> str:
    return f'<w:tc><w:tcPr><w:tcW w:w="4000" w:type="dxa"/></w:tcPr>{content}</w:tc>'


_TEXT_BOX_BODY = "".join([
    _text_box(_p("索引号：11330100MB0000000X/2024-00012") + _p("发布机构：桐岭县司法局"), "", 1),
    _p("桐岭县司法局2023年度法治政府建设情况报告"),
    _p("2023年，我局在县委、县政府的坚强领导下，深入推进法治政府建设。现将有关情况报告如下："),
    _p("主要举措和成效", style="Heading1"),
    _p("全年办理行政处罚案件326件。", (2, 0)),
    _text_box(_p("某公司不服行政处罚决定案", (2, 0)) + _p("某村民不服土地登记案", (2, 0)), "全年受理行政复议案件52件，审结49件。", 2),
    _p("纠错3件，纠错率6.1%。", (2, 0)),
    _p("存在的不足和原因", style="Heading1"),
    '<w:tbl><w:tblGrid><w:gridCol w:w="4000"/><w:gridCol w:w="4000"/></w:tblGrid><w:tr>'
    + _cell(_text_box(_p("某企业不服行政强制措施案", (2, 0)), "执法力量不足。", 3)) + _cell(_p("宣传不够深入。"))
    + "</w:tr></w:tbl>",
    _p("下一步工作安排", style="Heading1"),
    _p("深化行政执法体制改革。"),
])


def test_doc_text_boxes_are_read_after_their_anchors_with_list_numbers_of_their_own_as_in_the_docx(
        tmp_path: Path) -> None:
    # Before, a .doc's text boxes were left out: the template's 索引号 and 发布机构, and the cases listed in a box,
    # which the .docx reads. Their numbered paragraphs count apart from the body's, as in the .docx: the body's
    # 1. 2. go on round the box's 1. 2., and a box in a table cell stays on its row's line, after its anchor.
    saved = read_document(DATA / "text-boxes.doc")
    original = read_document(_numbered_report_docx(tmp_path / "text-boxes.docx", _TEXT_BOX_BODY))
    assert saved.lines == original.lines
    assert saved.outline == original.outline
    assert saved.lines == (
        "索引号：11330100MB0000000X/2024-00012", "发布机构：桐岭县司法局", "桐岭县司法局2023年度法治政府建设情况报告",
        "2023年，我局在县委、县政府的坚强领导下，深入推进法治政府建设。现将有关情况报告如下：", "一、 主要举措和成效",
        "1. 全年办理行政处罚案件326件。", "全年受理行政复议案件52件，审结49件。", "1. 某公司不服行政处罚决定案",
        "2. 某村民不服土地登记案", "2. 纠错3件，纠错率6.1%。", "二、 存在的不足和原因",
        "执法力量不足。 3. 某企业不服行政强制措施案  宣传不够深入。", "三、 下一步工作安排", "深化行政执法体制改革。")
    document = build(saved)
    assert document.title == "桐岭县司法局2023年度法治政府建设情况报告"
    assert document.metadata["index_no"].value == "11330100MB0000000X/2024-00012"
    assert document.metadata["publisher"].value == "桐岭县司法局"


_MAIN_TEXT_ONLY = ("桐岭县司法局2023年度法治政府建设情况报告", "2023年，我局在县委、县政府的坚强领导下，深入推进法治政府建设。现将有关情况报告如下：",
                   "一、 主要举措和成效", "1. 全年办理行政处罚案件326件。", "全年受理行政复议案件52件，审结49件。", "2. 纠错3件，纠错率6.1%。",
                   "二、 存在的不足和原因", "执法力量不足。  宣传不够深入。", "三、 下一步工作安排", "深化行政执法体制改革。")


@pytest.mark.parametrize(("field", "value", "boxes_read"), [
    (154 + 8 * 56, 0x7FFF0000, False),  # fcPlcftxbxTxt far past the table stream
    (158 + 8 * 40, 0x7FFF0000, False),  # lcbPlcSpaMom: more anchors than the table stream holds
    (doc._CCP_TEXT + 5 * 4, 0x40000000, False),  # ccpEdn: the text boxes' story would begin past all the text
    (doc._CCP_TEXT + 5 * 4, -5, False),  # a negative ccpEdn
    (doc._CCP_TEXT + 6 * 4, 0x7FFFFFFF, True),  # ccpTxbx: more text boxes' text than there is; each box reads what it has
])
def test_damaged_text_box_tables_of_a_doc_cost_the_text_boxes_at_most(field: int, value: int, boxes_read: bool) -> None:
    with olefile.OleFileIO(str(DATA / "text-boxes.doc")) as ole:
        word, table = bytearray(ole.openstream("WordDocument").read()), ole.openstream("1Table").read()
    struct.pack_into("<i", word, field, value)
    lines, _ = _read(bytes(word), table)
    assert lines == (read_document(DATA / "text-boxes.doc").lines if boxes_read else _MAIN_TEXT_ONLY)


def test_a_text_box_whose_shape_is_anchored_many_times_is_read_once() -> None:
    # Every FSPA of the PlcSpaMom made to name the shape of the cases' text box: it is read after its first anchor
    # (the empty paragraph opening the file) only, and the other boxes, anchored nowhere now, not at all.
    with olefile.OleFileIO(str(DATA / "text-boxes.doc")) as ole:
        word, table = ole.openstream("WordDocument").read(), bytearray(ole.openstream("1Table").read())
    fc, lcb = struct.unpack_from("<II", word, 154 + 8 * 40)  # fcPlcSpaMom, lcbPlcSpaMom
    count = (lcb - 4) // 30
    spids = [fc + 4 * (count + 1) + 26 * index for index in range(count)]
    cases = struct.unpack_from("<I", table, spids[2])[0]  # the shape of the box anchored third
    for spid in spids:
        struct.pack_into("<I", table, spid, cases)
    lines, _ = _read(word, bytes(table))
    assert lines == ("1. 某公司不服行政处罚决定案", "2. 某村民不服土地登记案", *_MAIN_TEXT_ONLY)
