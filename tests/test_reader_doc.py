"""Word 97–2003 files (.doc): read as their .docx twin reads, through the piece table; damage is a message."""

from __future__ import annotations

import json
import shutil
import struct
import subprocess
import sys
from pathlib import Path
from unittest.mock import patch

import olefile
import pytest
from helpers import SAMPLES
from hypothesis import given, settings
from hypothesis import strategies as st

from compliance.cli import main
from compliance.errors import DocumentError
from compliance.readers import doc, read_document

SAMPLE_DOC = SAMPLES / "xihu-2021.doc"
DATA = Path(__file__).parent / "data"


def test_a_doc_reads_line_for_line_as_the_docx_it_was_saved_from() -> None:
    saved, original = read_document(SAMPLE_DOC), read_document(SAMPLES / "xihu-2021.docx")
    assert saved.format == "doc"
    assert saved.lines == original.lines
    # The metadata table: a row a line, its empty cell (文件编号 has no value) left out as in .docx.
    assert saved.lines[:3] == ("索引号：  A25110--2022-0003  主题分类：", "发布机构：  西湖区司法局  生成日期：  2022-03-11",
                               "文件编号：  有效性：  有效")
    assert saved.facts == {"created": "2022-03-10T17:30:00", "modified": "2022-03-10T17:30:00"}


def test_a_cell_of_two_paragraphs_or_with_a_line_break_stays_on_its_rows_line() -> None:
    # cell-paragraphs.doc: a table made with python-docx (a cell of two paragraphs, a cell with a line break)
    # saved by LibreOffice as "MS Word 97"; its .docx reads these very lines.
    saved = read_document(DATA / "cell-paragraphs.doc")
    assert saved.lines == ("桐岭县司法局2023年度法治政府建设情况报告", "一、行政复议和行政应诉情况",
                           "项目  2022年  2023年", "行政复议 受理案件  41件  52件", "行政诉讼 应诉案件  60件  64件",
                           "全年行政复议审结49件。")


def test_a_table_inside_a_cell_stays_on_the_outer_rows_line() -> None:
    # nested-table.doc: a table (受理 52件 / 审结 49件) inside the middle cell of a row, made with python-docx
    # and saved by LibreOffice as "MS Word 97"; the inner rows end in paragraph marks, not in 0x07.
    saved = read_document(DATA / "nested-table.doc")
    assert saved.lines[1:4] == ("项目  分项  合计", "行政复议  受理 52件 审结 49件  101件", "全年行政复议审结49件。")


def test_text_deleted_with_track_changes_on_is_not_read(capsys: pytest.CaptureFixture[str]) -> None:
    # tracked-changes.doc: a draft made with python-docx, 41件 and a sentence deleted and 52件 inserted with
    # track changes on, saved by LibreOffice as "MS Word 97". Word shows the figures of its .docx twin.
    draft = DATA / "tracked-changes.doc"
    assert read_document(draft).lines == ("桐岭县司法局2023年度法治政府建设情况报告", "全年受理行政复议案件52件，审结49件。",
                                          "全年不存在被复议纠错的情况。")
    main(["check", "--format", "json", str(draft)])
    indicators = json.loads(capsys.readouterr().out)["documents"][0]["indicators"]
    assert indicators["reconsideration_received"]["raw"] == "52件"  # not the deleted 41件 (then 审结 49 > 受理 41)
    assert indicators["reconsideration_corrected"]["value"] == 0  # not the deleted 纠错3件


def test_a_folder_with_a_doc_and_a_damaged_doc_checks_one_and_names_the_other(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(SAMPLE_DOC, tmp_path / "a-report.doc")
    (tmp_path / "b-renamed.doc").write_text("这其实是一个文本文件，被改成了 .doc 后缀。", encoding="utf-8")
    code = main(["check", "--format", "json", str(tmp_path)])
    documents = json.loads(capsys.readouterr().out)["documents"]
    assert code == 2
    assert documents[0]["format"] == "doc" and documents[0]["passed"] is True
    assert documents[0]["title"] == "南昌市西湖区2021年度法治政府建设情况报告"
    assert documents[1]["error"]["code"] == "invalid"
    assert "不是可读的 Word 97–2003 文件（.doc）；请用 Word 或 WPS 另存为 .docx" in documents[1]["error"]["message"]


def _with_word_stream(tmp_path: Path, change: dict[int, int], original: Path = SAMPLE_DOC) -> Path:
    """A copy of a .doc with bytes of its WordDocument stream changed (offset → byte); same size."""
    copy = tmp_path / "changed.doc"
    shutil.copy(original, copy)
    with olefile.OleFileIO(str(copy), write_mode=True) as ole:
        word = bytearray(ole.openstream("WordDocument").read())
        for offset, value in change.items():
            word[offset] = value
        ole.write_stream("WordDocument", bytes(word))
    return copy


def test_a_doc_with_a_password_to_open_is_refused_as_encrypted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with olefile.OleFileIO(str(SAMPLE_DOC)) as ole:
        high_flags = ole.openstream("WordDocument").read()[0x0B]
    encrypted = _with_word_stream(tmp_path, {0x0B: high_flags | 0x01})  # fEncrypted, bit 8 of the flags
    assert main(["check", str(encrypted)]) == 2
    assert "Word 文件已加密（设有打开密码），无法读取" in capsys.readouterr().out
    assert main(["check", "--lang", "en", str(encrypted)]) == 2
    assert "the Word file is encrypted (password to open)" in capsys.readouterr().out


def test_a_piece_table_pointing_out_of_the_file_is_a_damaged_doc_not_a_traceback(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    damaged = _with_word_stream(tmp_path, {doc._FC_CLX + 3: 0x7F})  # fcClx far beyond the table stream
    assert main(["check", str(damaged)]) == 2
    out = capsys.readouterr().out
    assert "不是可读的 Word 97–2003 文件" in out and "Traceback" not in out


def _word_streams(pieces: list[tuple[str, bool]], main_characters: int) -> tuple[bytes, bytes]:
    """A WordDocument stream (FIB, then each piece's bytes) and a table stream (a Clx: one Prc, the PlcPcd)."""
    word = bytearray(1024)
    struct.pack_into("<H", word, 0, 0xA5EC)
    struct.pack_into("<i", word, doc._CCP_TEXT, main_characters)
    positions, descriptors = [0], b""
    for content, compressed in pieces:
        if compressed:
            descriptors += struct.pack("<HIH", 0, (2 * len(word)) | doc._COMPRESSED, 0)
            word += content.encode("cp1252")
        else:
            descriptors += struct.pack("<HIH", 0, len(word), 0)
            word += content.encode("utf-16-le")
        positions.append(positions[-1] + len(content))
    plc = struct.pack(f"<{len(positions)}I", *positions) + descriptors
    clx = b"\x01" + struct.pack("<H", 3) + b"\x00\x00\x00" + b"\x02" + struct.pack("<I", len(plc)) + plc
    struct.pack_into("<II", word, doc._FC_CLX, 0, len(clx))
    return bytes(word), clx


def test_single_byte_and_utf16_pieces_join_in_order_and_stop_at_the_main_text() -> None:
    main_text = "Annual report 2021\r南昌市西湖区法治政府建设\r"
    word, table = _word_streams([("Annual report 2021\r", True), ("南昌市西湖区法治政府建设\r", False),
                                 ("脚注：不属于正文", False)], main_characters=len(main_text))
    assert doc.main_text(word, table) == main_text


def test_a_field_shows_its_result_not_its_code() -> None:
    content = ('详见\x13 HYPERLINK "http://sfj.example.gov.cn" \x14区司法局网站\x15，'
               '共\x13 =\x13 SEQ 表 \x145\x15+1 \x146\x15项；第\x13 PAGE \x15页\r')
    assert doc._lines(content)[0] == ["详见区司法局网站，共6项；第页"]


def test_a_piece_table_reading_the_same_text_over_and_over_is_a_damaged_doc() -> None:
    # Each piece of a Word file has bytes of its own. 100 pieces pointing at the same 1 KB read 100 KB of text
    # here; at the 50 MB limit, 100 pieces (1 KB of piece table) made 5 GB of text out of one file, which
    # ended the batch it was in, as a zip bomb would if .docx had no limit.
    sentence = "法治政府建设情况报告。\r" * 40
    word, _ = _word_streams([(sentence, False)], main_characters=100 * len(sentence))
    text_at = len(word) - 2 * len(sentence)
    positions = [index * len(sentence) for index in range(101)]
    plc = struct.pack("<101I", *positions) + struct.pack("<HIH", 0, text_at, 0) * 100
    table = b"\x02" + struct.pack("<I", len(plc)) + plc
    word = bytearray(word)
    struct.pack_into("<II", word, doc._FC_CLX, 0, len(table))
    with patch.object(doc, "_streams", lambda path, data: (bytes(word), table, {})), \
            pytest.raises(DocumentError) as refused:
        doc.read_doc(Path("bomb.doc"), b"")
    assert refused.value.code == "invalid"


def test_a_property_page_listed_over_and_over_is_read_once() -> None:
    # A PlcBte lists each page of properties once. One listing a page 100,000 times (400 KB of table stream)
    # had the reader walk it 100,000 times, 8 s here; at the 50 MB limit, minutes and gigabytes for one file.
    # Counted, not timed: the deleted runs found are the page's 100, not 10,000,000.
    word = bytearray(4096)
    page = bytearray(512)
    struct.pack_into("<101I", page, 0, *range(0, 202, 2))
    page[4 * 101 : 4 * 101 + 100] = bytes([252]) * 100  # every run's Chpx at byte 504
    page[504:508] = bytes([3, 0x00, 0x08, 0x01])  # cb 3: sprmCFRMarkDel, on
    page[511] = 100
    word[1024:1536] = page  # page 2
    listed = 100_000
    table = struct.pack(f"<{listed + 1}I", *range(listed + 1)) + struct.pack("<I", 2) * listed
    struct.pack_into("<II", word, doc._FC_PLCF_BTE_CHPX, 0, len(table))
    assert len(doc._deletions(bytes(word), table)._runs) == 100


def test_a_million_fields_left_open_are_read_in_linear_work() -> None:
    # Each field mark asked whether any field open was still in its code, looking at all of them: quadratic
    # work, 40,000 open fields took 5 s and a million (4 MB of text) most of an hour. In its own process,
    # whose hang fails the test by timeout, as the other hang guards (test_hostile.py) do.
    program = ("from compliance.readers import doc; "
               "print(doc._lines('\\x13 HYPERLINK x \\x14' * 1_000_000 + '法治政府建设情况报告\\r')[0])")
    completed = subprocess.run([sys.executable, "-c", program], capture_output=True, timeout=120, check=False)
    assert completed.stdout.decode().strip() == "['法治政府建设情况报告']", completed.stderr.decode()


@settings(max_examples=150, deadline=None)
@given(changes=st.lists(st.tuples(st.integers(0, 1023), st.integers(0, 255)), max_size=12),
       table_changes=st.lists(st.tuples(st.integers(0, 200), st.integers(0, 255)), max_size=6))
def test_damaged_streams_give_text_or_a_damaged_file_message(
        changes: list[tuple[int, int]], table_changes: list[tuple[int, int]]) -> None:
    word, table = (bytearray(stream) for stream in _word_streams(
        [("法治政府建设\x07年度报告\x07\x07", False), ("Report\r", True)], main_characters=20))
    for offset, value in changes:
        word[offset] = value
    for offset, value in table_changes:
        if offset < len(table):
            table[offset] = value
    try:
        with patch.object(doc, "_streams", lambda path, data: (bytes(word), bytes(table), {})):
            source = doc.read_doc(Path("damaged.doc"), b"")
    except DocumentError as error:
        assert error.code in ("invalid", "empty")
    else:
        assert all(line and "\n" not in line for line in source.lines)


def test_a_damaged_page_of_character_properties_costs_what_it_says_not_the_text(tmp_path: Path) -> None:
    with olefile.OleFileIO(str(DATA / "tracked-changes.doc")) as ole:
        word = ole.openstream("WordDocument").read()
        table = ole.openstream("1Table" if word[0x0B] & 0x02 else "0Table").read()
    fc, lcb = struct.unpack_from("<II", word, doc._FC_PLCF_BTE_CHPX)
    first_page = struct.unpack_from("<I", table, fc + 4 * ((lcb - 4) // 8 + 1))[0]
    damaged = _with_word_stream(tmp_path, {first_page * 512 + 511: 255}, DATA / "tracked-changes.doc")  # 255 runs
    lines = read_document(damaged).lines
    assert lines[0] == "桐岭县司法局2023年度法治政府建设情况报告" and "审结49件" in lines[1]  # read, deletions and all


def test_tabs_stay_tabs_and_a_column_break_breaks_the_line_as_in_docx() -> None:
    assert doc._lines("一、主要举措和成效\t1\r二、存在的不足\x0e三、下一步安排\r")[0] == [
        "一、主要举措和成效\t1", "二、存在的不足", "三、下一步安排"]
