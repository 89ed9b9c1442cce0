"""Lines → Document: the only code that knows Chinese official-document conventions.

It finds page chrome, the disclosure-page metadata block, the title (one or two lines), the reporting
year, the publication date, the subject type and the section tree from Chinese numbering.
Matching runs on `fold()`ed text (full-width → half-width, one character for one, so columns hold);
the Document keeps the original lines for quoting.
"""

from __future__ import annotations

import re
from itertools import accumulate
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from .messages import text
from .model import Document, Field, Location, Section, Source, Text
from .quantities import TranslationTable, find_quantities_in_lines
from .traditional import SIMPLIFIED, TRADITIONAL

# ---------------------------------------------------------------- normalisation for matching

_FOLD = TranslationTable({code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)})
_FOLD.update({0x3000: 0x20, 0x00A0: 0x20, 0xFEFF: 0x20, 0x2002: 0x20, 0x2003: 0x20})
_FOLDED_WIDTH = {chr(code): chr(plain) for code, plain in _FOLD.items()}
# Reports copied through mirror sites arrive in traditional characters; patterns are simplified.
_FOLD.update(str.maketrans(TRADITIONAL, SIMPLIFIED))

# Full-width punctuation is in nearly every line but takes few distinct characters: replacing each one
# found is far cheaper than str.translate, which looks up every character of the text in a dict.
_WIDTH_OR_SPACE = re.compile("[" + "".join(sorted(_FOLDED_WIDTH)) + "]")
# Traditional characters occur in few lines of most reports, so only those lines are translated. Beyond
# the BMP the test is "any such character": re searches a class of hundreds of astral characters linearly.
# Lone surrogates (possible only in text handed to the library, never decoded from a file) are rarer still.
_RARE = re.compile("[" + "".join(sorted(c for c in TRADITIONAL if c <= "\uffff")) + "\ud800-\udfff\U00010000-\U0010ffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def fold(text: str) -> str:
    """Full-width ASCII, odd spaces and traditional characters to their plain forms, one character for one.

    Lone surrogates become U+FFFD, since the pattern engine works on UTF-8.
    """
    # Sound because no folded character is itself folded: replacing one at a time equals one translation.
    for char in set(_WIDTH_OR_SPACE.findall(text)):
        text = text.replace(char, _FOLDED_WIDTH[char])
    if _RARE.search(text):
        text = _fold_rare(_SURROGATE.sub("\ufffd", text))
    return text


def _fold_rare(text: str) -> str:
    """`text` with every line that holds a traditional (or astral) character translated."""
    pieces: list[str] = []
    done = 0
    while match := _RARE.search(text, done):
        start = text.rfind("\n", done, match.start()) + 1
        end = text.find("\n", match.end())
        end = len(text) if end < 0 else end
        pieces += (text[done:start], text[start:end].translate(_FOLD))
        done = end
    pieces.append(text[done:])
    return "".join(pieces)


def _fold_lines(lines: Sequence[str]) -> list[str]:
    """fold() of every line, done on the whole text at once (fold never adds or removes a newline)."""
    folded = fold("\n".join(lines)).split("\n")
    return folded if len(folded) == len(lines) else [fold(line) for line in lines]


# ---------------------------------------------------------------- page chrome

_CHROME = re.compile(
    # Possessive quantifiers: a long run of spaces must not make this match backtrack (it runs on every line).
    r"^(?!$)\s*+[•·●]?\s*+(?:"
    r"您(?:现在)?(?:所在|当前)的?位置|当前位置|所在位置|首页\s*>"
    r"|分享到|分享\s*:|浏览量|浏览次数|阅读次数|访问量|点击数|点击量"
    r"|字体\s*[【\[(]|字号\s*[:【\[]|【\s*大\s*中\s*小\s*】|\[\s*大\s*中\s*小\s*\]"
    r"|手机扫码|扫一扫|打印本页|关闭窗口|【打印】|【关闭】|上一篇|下一篇|相关链接|今天是\s*:"
    r"|(?:打印|关闭|收藏|返回顶部|\s)++$"
    r"|[•·●\s]*+$"
    r")"
)

# ---------------------------------------------------------------- metadata

# field id -> labels; the first label is the primary one (wins over a later synonym).
METADATA_LABELS: Mapping[str, tuple[str, ...]] = {
    "index_no": ("索引号", "索 引 号"),
    "topic": ("主题分类", "信息分类", "主题词", "分类"),
    "publisher": ("发布机构", "发文机关", "发布单位", "信息来源", "来源"),
    "date": ("生成日期", "发布日期", "发布时间", "成文日期", "公开日期", "发文日期"),
    "doc_no": ("文件编号", "发文字号", "文号"),
    "validity": ("有效性",),
    "scope": ("公开范围",),
    "disclosure": ("公开方式", "公开属性", "公开形式"),
}
# Labels that end a value but carry nothing we keep.
_OTHER_LABELS = ("浏览次数", "浏览量", "访问量", "点击数", "作者", "字号", "责任编辑", "编辑", "时效")
_LABEL_TO_FIELD = {label: field_id for field_id, labels in METADATA_LABELS.items() for label in labels}
_LABELS = sorted([*_LABEL_TO_FIELD, *_OTHER_LABELS], key=len, reverse=True)
_LABEL = re.compile(r"(" + "|".join(re.escape(label) for label in _LABELS) + r")\s*:")
_METADATA_LINE = re.compile(r"^\s*+[•·●]?\s*+(?:" + "|".join(map(re.escape, _LABELS)) + r")\s*:")

# ---------------------------------------------------------------- dates and years

_CN_DIGIT = {"〇": 0, "零": 0, "○": 0, "Ｏ": 0, "O": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
             "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_DATE = re.compile(r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)")
_CN_DATE = re.compile(r"([〇零○一二三四五六七八九]{4})年([一二三四五六七八九十]{1,2})月([一二三四五六七八九十]{1,3})日")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年")
_CN_YEAR = re.compile(r"([〇零○一二三四五六七八九]{4})年")


def small_number(numeral: str) -> int | None:
    """一 … 九十九 (and Arabic digits) as an int; None when it is not one."""
    if numeral.isdigit():
        return int(numeral)
    if not numeral or any(c not in "一二两三四五六七八九十" for c in numeral):
        return None
    if "十" not in numeral:
        return _CN_DIGIT[numeral] if len(numeral) == 1 else None
    tens, _, units = numeral.partition("十")
    if len(tens) > 1 or len(units) > 1:
        return None
    return (_CN_DIGIT[tens] if tens else 1) * 10 + (_CN_DIGIT[units] if units else 0)


def _cn_year(numeral: str) -> int:
    return int("".join(str(_CN_DIGIT[c]) for c in numeral))


def parse_date(value: str) -> date | None:
    """The first calendar date in `value`: 2022-03-11, 2022/3/11, 2022年3月11日, 二〇二二年三月十一日."""
    folded = fold(value)
    match = _DATE.search(folded)
    try:
        if match:
            return date(int(match[1]), int(match[2]), int(match[3]))
        match = _CN_DATE.search(folded)
        if match:
            month, day = small_number(match[2]), small_number(match[3])
            if month and day:
                return date(_cn_year(match[1]), month, day)
    except ValueError:
        return None
    return None


def years_in(value: str) -> list[int]:
    """Every year written in `value` (2021年, 二〇二一年)."""
    folded = fold(value)
    found = [int(y) for y in _YEAR.findall(folded)]
    found += [_cn_year(y) for y in _CN_YEAR.findall(folded)]
    return found


# ---------------------------------------------------------------- numbering

_CN_NUM = "[一二三四五六七八九十]{1,3}"
# Canonical depth of each numbering style, used when a style first appears: a style that is
# canonically outer to the current innermost one closes it rather than nesting inside it.
_NUMBERING: tuple[tuple[str, int, re.Pattern[str]], ...] = (
    ("第一部分", 0, re.compile(rf"^第({_CN_NUM})(部分|章|篇)\s*[、.,:]?\s*")),
    ("一、", 1, re.compile(rf"^({_CN_NUM})\s*([、.,]|\s+)\s*")),
    ("（一）", 2, re.compile(rf"^\(\s*({_CN_NUM})\s*\)\s*[、.]?\s*")),
    ("1、", 3, re.compile(r"^(\d{1,2})\s*([、.,](?!\d)|\s+)\s*")),
    ("（1）", 4, re.compile(r"^\(\s*(\d{1,2})\s*\)\s*[、.]?\s*")),
    ("①", 5, re.compile(r"^([①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳])\s*[、.]?\s*")),
    ("一是", 6, re.compile(rf"^({_CN_NUM})(是|要|则)(?=\S)")),
)
_RANK = {style: rank for style, rank, _ in _NUMBERING}
# "2深入推进……": an Arabic number run into its heading, accepted only as the expected next number.
_BARE_NUMBER = re.compile(r"^(\d{1,2})(?=[\u4e00-\u9fff“‘《\"])(?![\d]*[年月日个件次人项万亿余多名位家户处起批期篇条份卷场部元%])")
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
# The styles a line's first character can open, in _NUMBERING's order (\d is any decimal digit, as
# str.isdecimal says): trying only those finds the same numbering with a fraction of the pattern calls.
_STYLE = {style: (style, rank, pattern) for style, rank, pattern in _NUMBERING}
_STYLES_OPENED_BY: dict[str, tuple[tuple[str, int, re.Pattern[str]], ...]] = {
    "第": (_STYLE["第一部分"],),
    "(": (_STYLE["（一）"], _STYLE["（1）"]),
    **{numeral: (_STYLE["一、"], _STYLE["一是"]) for numeral in "一二三四五六七八九十"},
    **{circled: (_STYLE["①"],) for circled in _CIRCLED},
}
_STYLES_OPENED_BY_DIGIT = (_STYLE["1、"],)
_HEADING_MAX = 40
_SENTENCE_END = re.compile(r"[。!?;]")
_CLAUSE_END = re.compile(r"[,;:。]")


def _number_value(style: str, numeral: str) -> int | None:
    if style == "①":
        return _CIRCLED.index(numeral) + 1
    return small_number(numeral)


@dataclass(slots=True)
class _Heading:
    line: int
    column: int
    style: str
    number: str
    value: int | None
    separator: str
    heading: str
    run_in: bool
    level: int = 0
    end_line: int = 0
    children: list[_Heading] = field(default_factory=list)


def _heading_text(rest: str) -> tuple[str, bool]:
    """Split a numbered line into its heading and whether a paragraph runs on after it."""
    stripped = rest.strip()
    end = _SENTENCE_END.search(stripped)
    head = stripped if end is None else stripped[: end.start()]
    runs_on = end is not None and end.end() < len(stripped)
    if end is None and len(stripped) <= 60:
        return stripped.rstrip(":"), False
    if len(head) > _HEADING_MAX:
        clause = _CLAUSE_END.search(head)
        head = head[: clause.start()] if clause and clause.start() <= _HEADING_MAX else head[:_HEADING_MAX]
        runs_on = True
    return head, runs_on


def _match_numbering(folded: str, expected_bare: int) -> tuple[str, str, str, int] | None:
    """(style, numeral, separator, length of the numbering) at the start of a line, if any."""
    first = folded[:1]
    if first.isdecimal():
        styles = _STYLES_OPENED_BY_DIGIT
    else:
        styles = _STYLES_OPENED_BY.get(first, ())
        if not styles:
            return None  # _BARE_NUMBER, too, opens with a digit
    for style, _, pattern in styles:
        match = pattern.match(folded)
        if match:
            separator = match.group(2) if style in ("一、", "1、") else ""
            if style == "一、" and not separator.strip() and not _looks_like_heading(folded[match.end():]):
                continue  # "一 " followed by ordinary prose is not numbering
            return style, match.group(1), (separator or "").strip(), match.end()
    match = _BARE_NUMBER.match(folded)
    if match and int(match.group(1)) == expected_bare:
        return "1、", match.group(1), "", match.end()
    return None


def _looks_like_heading(rest: str) -> bool:
    return bool(rest) and len(rest) <= 60 and "。" not in rest


def _rank(style: str) -> int:
    # A heading the format marks without numbering ("h2": Word's Heading 2, HTML's <h2>) ranks by its level.
    return _RANK[style] if style in _RANK else int(style[1:])


def _find_headings(lines: Sequence[str], folded: Sequence[str], body: Iterable[int],
                   outline: Mapping[int, int] | None = None) -> list[_Heading]:
    """Numbered lines (and unnumbered ones the format marks as headings), levels from how styles nest."""
    headings: list[_Heading] = []
    stack: list[str] = []
    last_number: dict[str, int] = {}
    for number in body:
        line = folded[number - 1]
        stripped = line.lstrip()
        if not stripped:
            continue
        expected = last_number.get("1、", 0) + 1 if "1、" in stack else 1
        numbering = _match_numbering(stripped, expected)
        if numbering is None and outline and number in outline and len(stripped) <= 60 and not stripped.endswith("。"):
            numbering = (f"h{outline[number]}", "", "", 0)
        if numbering is None:
            continue
        style, numeral, separator, length = numbering
        if style in stack:
            del stack[stack.index(style) + 1:]
        else:
            while stack and _rank(stack[-1]) > _rank(style):
                last_number.pop(stack.pop(), None)
            stack.append(style)
        for deeper in list(last_number):
            if deeper not in stack:
                del last_number[deeper]
        value = _number_value(style, numeral)
        if value is not None:
            last_number[style] = value
        indent = len(line) - len(stripped)
        original_rest = lines[number - 1][indent + length:]
        heading, run_in = _heading_text(line[indent + length:])  # fold(original_rest), already folded
        heading = original_rest.strip()[: len(heading)] if heading else ""
        headings.append(
            _Heading(line=number, column=indent + 1, style=style, number=numeral, value=value,
                     separator=separator, heading=heading, run_in=run_in, level=len(stack))
        )
    return headings


def _section_tree(headings: list[_Heading], last_line: int) -> tuple[Section, ...]:
    roots: list[_Heading] = []
    open_: list[_Heading] = []
    for heading in headings:
        while open_ and open_[-1].level >= heading.level:
            open_.pop().end_line = heading.line - 1
        (open_[-1].children if open_ else roots).append(heading)
        open_.append(heading)
    for heading in open_:
        heading.end_line = last_line
    return tuple(_freeze(heading) for heading in roots)


def _freeze(heading: _Heading) -> Section:
    return Section(
        number=heading.number, style=heading.style, level=heading.level, heading=heading.heading,
        location=Location(line=heading.line, column=heading.column), end_line=heading.end_line,
        run_in=heading.run_in, separator=heading.separator,
        children=tuple(_freeze(child) for child in heading.children),
    )


# ---------------------------------------------------------------- title and subject

_TITLE = re.compile(r"(法治政府|依法行政|法治建设|法治).{0,30}(报告|情况)$|^关于.{2,60}的报告$|报告$")
_ORG_SUFFIX = re.compile(r"(人民政府|政府|办公室|委员会|局|厅|委|办|街道办事处|街道|镇|乡|中心|署|院)$")
_REGION = re.compile(r"(省|自治区|市|州|盟|区|县|旗|特区|新区|开发区|管委会|人民政府|政府)$")
_TOWNSHIP = re.compile(r"(街道办事处|街道|镇人民政府|乡人民政府|镇|乡|苏木)$")
_DEPARTMENT = re.compile(
    r"(局|厅|委员会|委|办公室|办|中心|署|院|所|队|站|总队|支队|监狱|管理处|银行|海关|税务局)$"
)
_TITLE_SUBJECT = re.compile(r"^(?:关于)?(.*?)(?:关于|(?:19|20)\d{2}|[〇零○一二三四五六七八九]{4}年|年度|法治)")


def issuer_of(document: Document) -> str | None:
    """Who issued the report, for pairing it with the same body's report of another year: the title's
    issuer (南昌市西湖区), else the publisher."""
    if document.title:
        match = _TITLE_SUBJECT.match(fold(document.title))
        if match and match.group(1).strip():
            return match.group(1).strip()
    publisher = document.metadata.get("publisher")
    return fold(publisher.value).strip() or None if publisher else None


def subject_of(title: str | None, publisher: str | None) -> tuple[str | None, Text | None]:
    """government / department / township, from the title's issuer and then the publisher."""
    candidates = []
    if title:
        match = _TITLE_SUBJECT.match(fold(title))
        if match and match.group(1).strip():
            candidates.append(("title", match.group(1).strip()))
    if publisher:
        candidates.append(("publisher", fold(publisher).strip()))
    for source, name in candidates:
        if _TOWNSHIP.search(name):
            kind = "township"
        elif name.endswith(("人民政府", "政府")) or _REGION.search(name):
            kind = "government"
        elif _DEPARTMENT.search(name):
            kind = "department"
        else:
            continue
        label = text(f"subject.{kind}")
        return kind, text(f"subject.from_{source}", name=name, subject_zh=label.zh, subject_en=label.en)
    return None, None


# ---------------------------------------------------------------- build


@dataclass(slots=True)
class _Header:
    metadata: dict[str, Field]
    skipped: set[int]
    title: str | None = None
    title_location: Location | None = None
    title_lines: tuple[int, ...] = ()


def _parse_metadata_line(line_number: int, line: str, folded: str, found: dict[str, Field]) -> None:
    labels = list(_LABEL.finditer(folded))
    for index, match in enumerate(labels):
        field_id = _LABEL_TO_FIELD.get(match.group(1))
        if field_id is None:
            continue
        end = labels[index + 1].start() if index + 1 < len(labels) else len(line)
        value = line[match.end():end].strip(" \t\u3000•·|")
        existing = found.get(field_id)
        primary = METADATA_LABELS[field_id].index(match.group(1))
        if existing is None or (
            METADATA_LABELS[field_id].index(fold(existing.label)) > primary
            or (not existing.value and value)
        ):
            found[field_id] = Field(
                id=field_id, label=line[match.start(1):match.end(1)], value=value,  # as written (繁体 stays)
                location=Location(line=line_number, column=match.start() + 1),
            )


def _scan_header(lines: Sequence[str], folded: Sequence[str]) -> _Header:
    header = _Header(metadata={}, skipped=set())
    for number, line in enumerate(folded, start=1):
        if _CHROME.match(line):
            header.skipped.add(number)
        elif len(line) < 200 and _METADATA_LINE.match(line):
            _parse_metadata_line(number, lines[number - 1], line, header.metadata)
            header.skipped.add(number)
    _find_title(lines, folded, header)
    return header


def _find_title(lines: Sequence[str], folded: Sequence[str], header: _Header) -> None:
    """The title is a short, unpunctuated line naming a report, before the first body paragraph."""
    seen_text = 0
    for number, line in enumerate(folded, start=1):
        stripped = line.strip()
        if not stripped or number in header.skipped:
            continue
        if len(stripped) > 80 or "。" in stripped:
            seen_text += 1
            if seen_text > 2:
                return
            continue
        if not _TITLE.search(stripped) or any(pattern.match(stripped) for _, _, pattern in _NUMBERING[:4]):
            continue  # a numbered heading (三、……情况) is never the title
        numbers = [number]
        previous = _previous_text_line(folded, header.skipped, number)
        next_ = _next_text_line(folded, header.skipped, number)
        above = folded[previous - 1].strip() if previous else ""
        if previous and len(above) <= 40 and not re.search(r"[。,;:!?]", above) and (
            (stripped.startswith("关于") and _ORG_SUFFIX.search(above))
            or (len(stripped) <= 12 and "法治" not in stripped and re.search(r"年|法治", above))
        ):
            numbers.insert(0, previous)
        elif (
            next_ and not stripped.endswith("报告") and folded[next_ - 1].strip().endswith("报告")
            and len(folded[next_ - 1].strip()) <= 40
        ):
            numbers.append(next_)
        header.title = "".join(lines[n - 1].strip() for n in numbers)
        first = numbers[0]
        indent = len(lines[first - 1]) - len(lines[first - 1].lstrip())
        header.title_location = Location(line=first, column=indent + 1, end_line=numbers[-1])
        header.title_lines = tuple(numbers)
        header.skipped.update(numbers)
        return


def _previous_text_line(folded: Sequence[str], skipped: set[int], number: int) -> int | None:
    for candidate in range(number - 1, max(0, number - 3), -1):
        if folded[candidate - 1].strip() and candidate not in skipped:
            return candidate
    return None


def _next_text_line(folded: Sequence[str], skipped: set[int], number: int) -> int | None:
    for candidate in range(number + 1, min(len(folded), number + 2) + 1):
        if folded[candidate - 1].strip() and candidate not in skipped:
            return candidate
    return None


def _published(header: _Header, source: Source, folded: Sequence[str], body: list[int]) -> tuple[date | None, str | None]:
    field_ = header.metadata.get("date")
    if field_ and field_.value and (published := parse_date(field_.value)):
        return published, field_.label
    for key in ("PubDate", "pubdate", "publishdate", "firstpublishedtime"):
        if key in source.facts and (published := parse_date(source.facts[key])):
            return published, key
    # A signature date standing alone on one of the last lines: "2022年3月10日".
    for number in reversed(body[-8:]):
        line = folded[number - 1].strip()
        if line and len(line) <= 20 and (published := parse_date(line)):
            return published, "signature"
    # A Word or PDF file's own dates say when the file was saved, not published: the last resort.
    for key in ("modified", "created"):
        if key in source.facts and (published := parse_date(source.facts[key])):
            return published, key
    return None, None


def _year(title: str | None, sections: Iterable[Section], body_lines: list[str], published: date | None) -> tuple[int | None, str | None]:
    if title and (years := years_in(title)):
        return years[0], "title"
    for section in sections:
        if section.level == 1 and re.search(r"(工作安排|工作计划|工作打算|工作思路|主要安排|工作要点)", section.heading):
            if years := years_in(section.heading):
                return years[0] - 1, "plan_heading"
    for line in body_lines[:3]:
        match = _YEAR.match(fold(line).strip())
        if match:
            return int(match.group(1)), "opening"
    if published:
        return published.year - 1, "published"
    return None, None


def build(source: Source) -> Document:
    """Parse a Source into a Document."""
    lines = source.lines
    folded = _fold_lines(lines)
    header = _scan_header(lines, folded)
    if header.title is None and source.facts.get("ArticleTitle"):
        header.title = source.facts["ArticleTitle"].strip()
    body_start = (header.title_location.end_line or header.title_location.line) + 1 if header.title_location else 1
    # Everything before the title is page furniture, whatever it says.
    skipped = header.skipped | set(range(1, body_start))
    body = [n for n in range(body_start, len(lines) + 1) if n not in skipped]
    while body and not folded[body[-1] - 1].strip():
        body.pop()
    last_line = body[-1] if body else len(lines)
    sections = _section_tree(_find_headings(lines, folded, body, source.outline), last_line)
    published, published_source = _published(header, source, folded, body)
    body_text = [lines[n - 1] for n in body if folded[n - 1].strip()]
    year, year_source = _year(header.title, sections, body_text, published)
    publisher = header.metadata.get("publisher")
    subject, subject_reason = subject_of(header.title,
                                         publisher.value if publisher else source.facts.get("ContentSource"))
    quantities = find_quantities_in_lines([(number, lines[number - 1]) for number in body if folded[number - 1].strip()])
    skipped_all = frozenset(skipped)
    body_text = "\n".join("" if n in skipped_all else line for n, line in enumerate(folded, start=1))
    line_starts = tuple(accumulate((len("" if n in skipped_all else line) + 1 for n, line in enumerate(folded, start=1)),
                                   initial=0))[:-1]
    return Document(
        path=source.path, format=source.format, encoding=source.encoding, lines=tuple(lines),
        matchable=tuple(folded),
        title=header.title, title_location=header.title_location, year=year, year_source=year_source,
        published=published, published_source=published_source, subject=subject,
        subject_reason=subject_reason, metadata=dict(sorted(header.metadata.items(), key=lambda item: (item[1].location.line, item[1].location.column))),
        sections=sections, quantities=tuple(quantities), body_start=body_start,
        skipped_lines=skipped_all, warnings=source.warnings, waivers=source.waivers, body_text=body_text, line_starts=line_starts,
    )
