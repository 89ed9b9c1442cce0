"""The parser on the seed report and on awkward real-world layouts."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from helpers import document

from compliance.model import Document
from compliance.structure.numerals import small_number


def _headings(doc: Document) -> list[tuple[int, int, str]]:
    return [(s.location.line, s.level, s.heading) for s in doc.all_sections()]


def test_seed_facts(seed: Document) -> None:
    assert seed.title == "南昌市西湖区2021年度法治政府建设情况报告"
    assert (seed.year, seed.year_source) == (2021, "title")
    assert seed.published == date(2022, 3, 11)
    assert seed.subject == "government"
    values = {key: field.value for key, field in seed.metadata.items()}
    assert values == {
        "index_no": "A25110--2022-0003", "topic": "", "publisher": "西湖区司法局", "date": "2022-03-11",
        "doc_no": "", "validity": "有效", "scope": "面向全社会", "disclosure": "主动公开",
    }
    assert seed.metadata["topic"].location.line == 3 and seed.metadata["topic"].location.column == 24


def test_seed_chrome_is_not_report_text(seed: Document) -> None:
    body = dict(seed.numbered_lines())
    assert seed.body_start == 8
    for chrome_line in (1, 2, 8, 9, 85):
        assert chrome_line not in body


def test_seed_section_tree(seed: Document) -> None:
    top = [(s.location.line, s.heading) for s in seed.sections]
    assert top == [(13, "主要举措和成效"), (57, "存在的不足和原因"), (63, "履行推进法治建设第一责任人职责情况"),
                   (73, "2022年工作安排")]
    part_one = seed.sections[0]
    assert [c.location.line for c in part_one.children] == [15, 25, 33, 41, 49]
    assert part_one.children[0].style == "（一）" and part_one.children[0].level == 2
    # "2深入推进“放管服”改革。" lost its separator: still item 2, a run-in heading
    item = part_one.children[0].children[1]
    assert (item.number, item.separator, item.run_in, item.level) == ("2", "", True, 3)
    assert item.heading == "深入推进“放管服”改革"
    assert part_one.end_line == 56
    assert seed.sections[-1].end_line == 83  # the trailing 手机扫码浏览 is not part of the plan


def test_seed_line_2022_xihu_is_not_a_heading(seed: Document) -> None:
    assert 75 not in [s.location.line for s in seed.all_sections()]


def test_section_at(seed: Document) -> None:
    assert seed.section_at(59).heading == "存在的不足和原因"
    assert seed.section_at(45).heading == "主动接受各类监督"


def test_two_line_title_with_issuer_above() -> None:
    doc = document("湘溪市云麓区人民政府\n关于2022年度法治政府建设情况的报告\n\n市人民政府：\n现将有关情况报告如下。\n一、主要举措和成效\n")
    assert doc.title == "湘溪市云麓区人民政府关于2022年度法治政府建设情况的报告"
    assert doc.year == 2022
    assert doc.title_location.line == 1 and doc.title_location.end_line == 2


def test_title_split_before_its_last_words() -> None:
    doc = document("某县2022年度法治政府建设\n情况报告\n一、主要举措和成效\n推进依法行政。\n")
    assert doc.title == "某县2022年度法治政府建设情况报告"


def test_a_summary_is_titled_as_a_report() -> None:
    doc = document("苇塘乡人民政府2023年法治政府建设工作总结\n发布时间：2024-01-15  来源：苇塘乡人民政府\n\n"
                   "2023年，我乡认真贯彻落实上级关于法治政府建设的各项部署。\n一、加强组织领导。成立领导小组。\n")
    assert doc.title == "苇塘乡人民政府2023年法治政府建设工作总结"
    assert (doc.year, doc.year_source, doc.subject) == (2023, "title", "township")


def _values(doc: Document) -> dict[str, str]:
    """The disclosure fields read, by field id."""
    return {field_id: field.value for field_id, field in doc.metadata.items()}


def test_metadata_with_full_width_colons_and_synonyms() -> None:
    doc = document(
        "来源：荆陵市司法局　发布时间：2024-03-28 16:20　浏览次数：\n"
        "今天是：2024年4月9日\n"
        "荆陵市人民政府2023年法治政府建设年度报告\n一、主要举措和成效\n"
    )
    assert doc.metadata["publisher"].value == "荆陵市司法局"
    assert doc.metadata["date"].value == "2024-03-28 16:20"
    assert doc.published == date(2024, 3, 28)
    assert doc.year == 2023


def test_metadata_labels_spaced_out_to_line_up_are_read_in_text() -> None:
    """A disclosure block copied off a portal into a .txt keeps the spaces that lined its labels up (有 效 性：,
    文　　号：): those fields were missing, and a line opening with one lost the other labels on it too."""
    doc = document(
        "索 引 号：11330824002617395K/2024-00022　主题分类：法治建设\n"
        "文　　号：河政报〔2024〕6号　发布日期：2024-03-28\n"
        "有 效 性：有效　公开方式：主动公开\n"
        "河阳县人民政府2023年度法治政府建设情况报告\n一、主要举措和成效\n"
    )
    values = _values(doc)
    assert values["index_no"] == "11330824002617395K/2024-00022" and values["topic"] == "法治建设"
    assert values["doc_no"] == "河政报〔2024〕6号" and values["date"] == "2024-03-28"
    assert values["validity"] == "有效" and values["disclosure"] == "主动公开"
    assert doc.metadata["doc_no"].label == "文　　号"  # as written
    assert doc.published == date(2024, 3, 28)


def test_a_source_line_in_the_body_is_text_but_one_at_the_page_foot_is_the_publisher() -> None:
    """来源：县统计局 under a table of figures became the report's publisher (metadata.publisher passed on a
    statistics bureau); the same label after the whole report, as some portals put it, is the page's source."""
    body = ("某县2025年法治政府建设年度报告\n一、主要举措\n全年受理行政复议申请15件。\n"
            "来源：县统计局\n二、存在的不足和原因\n执法人员培训不足。究其原因，是经费有限。\n")
    in_body = document(body)
    assert "publisher" not in in_body.metadata
    assert any("来源：县统计局" in line for _, line in in_body.numbered_lines())  # still text of the report
    at_foot = document(body + "某县人民政府\n2026年3月20日\n来源：某县司法局\n")
    assert at_foot.metadata["publisher"].value == "某县司法局"


def test_metadata_in_a_markdown_table() -> None:
    # A CMS that exports the page to Markdown writes its metadata table as pipe rows, label and value cells.
    doc = document(
        "| 索引号 | 11331024002605138W/2026-00009 | 主题分类 | 教育 |\n| --- | --- | --- | --- |\n"
        "| 发布机构 | 檀溪县教育局 | 成文日期 | 2026-02-25 |\n| 文号 |  | 发布日期 | 2026-02-27 |\n"
        "檀溪县教育局2025年度法治政府建设工作报告\n一、主要举措和成效\n"
        "| 指标 | 数值 |\n| 受理行政复议案件 | 3件 |\n\n檀溪县教育局\n2026年2月25日\n"
    )
    assert _values(doc) == {
        "index_no": "11331024002605138W/2026-00009", "topic": "教育", "publisher": "檀溪县教育局",
        "date": "2026-02-27", "doc_no": ""}
    assert (doc.metadata["publisher"].location.line, doc.metadata["publisher"].location.column) == (3, 3)
    assert (doc.published, doc.published_source) == (date(2026, 2, 27), "发布日期")
    assert "| 受理行政复议案件 | 3件 |" in dict(doc.numbered_lines()).values()


def test_an_attachment_after_the_signature_is_no_part_of_the_plan() -> None:
    # A 公文 ends with its attachments: their tables are the report's figures, not next year's targets.
    doc = document(
        "某市应急管理局2025年度法治政府建设情况报告\n一、主要举措和成效\n开展执法案卷评查，具体数据见附件1。\n"
        "四、2026年工作安排\n（一）组织执法案卷评查不少于两次。\n附件：2025年度主要数据统计表\n\n某市应急管理局\n"
        "2026年2月25日\n\n附件1\n\n序号\t项目\t单位\t数量\n1\t评查行政执法案卷\t卷\t86\n2\t新办行政执法证件\t人\t35\n"
        + "".join(f"{row}\t其他数据\t件\t{row}\n" for row in range(3, 13))
    )
    plan, *attachments = doc.sections[1:]
    assert (plan.heading, plan.end_line) == ("2026年工作安排", 5)
    assert [(section.style, section.number, section.heading, len(section.children)) for section in attachments] == [
        ("附件", "", "2025年度主要数据统计表", 0), ("附件", "1", "", 12)]
    assert doc.published == date(2026, 2, 25)


def test_a_table_of_figures_in_the_body_is_no_metadata() -> None:
    # Tables of figures whose header happens to hold a label (分类, 主题分类) are the body's, not the page's metadata.
    doc = document(
        "| 索引号 | 11331024002605138W/2026-00009 | 主题分类 | 教育 |\n| --- | --- | --- | --- |\n"
        "檀溪县教育局2025年度法治政府建设工作报告\n一、主要举措和成效\n全年受理政府信息公开申请15件，均按期答复。\n"
        "| 分类 | 数量 |\n| --- | --- |\n| 依申请公开 | 15件 |\n\n"
        "| 主题分类 | 件数 |\n| --- | --- |\n| 教育收费 | 6 |\n\n檀溪县教育局\n2026年2月25日\n"
    )
    assert doc.metadata["topic"].value == "教育"
    assert "| 分类 | 数量 |" in dict(doc.numbered_lines()).values()
    without_header = document("檀溪县教育局2025年度法治政府建设工作报告\n一、主要举措和成效\n"
                              "| 主题分类 | 件数 |\n| --- | --- |\n| 教育收费 | 6 |\n")
    assert "topic" not in without_header.metadata


def test_a_metadata_table_at_the_foot_of_the_page_is_read() -> None:
    # Some portals put the metadata table under the text: a row that pairs labels with fitting values still counts.
    doc = document(
        "檀溪县教育局2025年度法治政府建设工作报告\n一、主要举措和成效\n全年制发行政规范性文件2件。\n\n"
        "| 发布机构 | 檀溪县教育局 | 发布日期 | 2026-02-27 |\n| 发布日期 | 数量 | 分类 | 合计 |\n"
    )
    assert _values(doc) == {
        "publisher": "檀溪县教育局", "date": "2026-02-27"}


def test_information_index_number_is_the_index_number() -> None:
    # Some provincial portals label the index number 信息索引号.
    doc = document(
        "当前位置：首页 > 政府信息公开 > 法定主动公开内容 > 法治政府建设\n"
        "信息索引号：11510000MB1C57982T/2024-00042\n发布机构：岷川省生态环境厅\n发布日期：2024-02-28\n"
        "岷川省生态环境厅2023年度法治政府建设情况报告\n第一部分 2023年法治政府建设主要举措和成效\n"
    )
    assert doc.metadata["index_no"].value == "11510000MB1C57982T/2024-00042"
    assert doc.metadata["index_no"].label == "信息索引号"


def test_breadcrumb_you_are_here_is_chrome_not_the_title() -> None:
    # 您现在的位置 (without 所在/当前) opens many portals' breadcrumbs, which end in the column's name.
    doc = document(
        "您现在的位置：首页>政府信息公开>法定主动公开内容>法治政府建设年度报告\n"
        "发布机构：河阳县人民政府 生成日期：2023-03-24\n"
        "河阳县人民政府2022年度法治政府建设情况报告\n【大 中 小】 【打印】 【关闭】\n"
        "一、推进法治政府建设的主要举措和成效\n全年受理行政复议案件32件。\n"
    )
    assert doc.title == "河阳县人民政府2022年度法治政府建设情况报告"
    assert (doc.year, doc.year_source) == (2022, "title")
    assert 1 not in dict(doc.numbered_lines())


def test_page_chrome_after_a_metadata_value_is_not_part_of_it() -> None:
    doc = document(
        "云岭省生态环境厅2022年度法治政府建设情况报告\n"
        "发布时间：2023-03-30 来源：云岭省生态环境厅 【字体：大 中 小】 打印\n"
        "发布机构：云岭省生态环境厅 分享到：\n"
        "一、主要举措和成效\n推进依法行政。\n"
    )
    assert doc.metadata["publisher"].value == "云岭省生态环境厅"
    assert doc.metadata["date"].value == "2023-03-30"


def test_site_banner_is_never_the_publication_date() -> None:
    doc = document("今天是：2019年10月31日\n某县2022年度法治政府建设情况报告\n一、主要举措和成效\n全年办理案件39件。\n")
    assert doc.published is None


def test_signature_date_in_chinese_numerals() -> None:
    doc = document("某县2022年度法治政府建设情况报告\n一、主要举措和成效\n全年办理案件39件。\n\n某县人民政府\n二〇二三年三月二十日\n")
    assert doc.published == date(2023, 3, 20)
    assert doc.published_source == "signature"


def test_year_from_title_not_from_cited_reports_or_outline() -> None:
    doc = document(
        "某县2021年度法治政府建设情况报告\n"
        "对照《某县2020年度法治政府建设情况报告》和《法治政府建设实施纲要（2021—2025年）》，现报告如下。\n"
        "一、主要举措和成效\n"
    )
    assert (doc.year, doc.year_source) == (2021, "title")


def test_year_without_title_year_comes_from_plan_heading() -> None:
    doc = document("某县法治政府建设情况报告\n一、主要举措和成效\n推进。\n二、2023年工作安排\n继续。\n")
    assert (doc.year, doc.year_source) == (2022, "plan_heading")


def test_a_title_naming_its_publication_year_gives_way_to_the_text() -> None:
    # A report cannot cover the year it is published in: its plan for 2023 shows it reports 2022.
    told = document("澜江市市场监督管理局2023年度法治政府建设工作报告\n发布时间：2023-02-21\n"
                    "2022年，市市场监管局全面落实法治政府建设各项任务。\n一、主要举措和成效\n推进。\n四、2023年工作打算\n继续。\n")
    assert (told.year, told.year_source) == (2022, "plan_heading")
    # With nothing in the text to say otherwise, the title stands (and year_consistency says it is too late a year).
    untold = document("某县2023年度法治政府建设情况报告\n发布时间：2023-02-21\n一、主要举措和成效\n推进。\n")
    assert (untold.year, untold.year_source) == (2023, "title")
    on_time = document("某县2022年度法治政府建设情况报告\n发布时间：2023-02-21\n2021年，全县推进依法行政。\n")
    assert (on_time.year, on_time.year_source) == (2022, "title")


def test_levels_follow_nesting_not_fixed_styles() -> None:
    # a report that goes straight from 一、 to 1. (no （一）), then uses （1）
    doc = document(
        "某县2022年度法治政府建设情况报告\n一、主要举措和成效\n1. 深化改革。推进放管服。\n（1）简政放权。取消事项5项。\n"
        "2. 规范执法。评查案卷125份。\n二、存在的问题\n执法不规范。\n"
    )
    assert _headings(doc) == [(2, 1, "主要举措和成效"), (3, 2, "深化改革"), (4, 3, "简政放权"), (5, 2, "规范执法"),
                              (6, 1, "存在的问题")]


def test_outer_style_after_inner_closes_it() -> None:
    doc = document("某县2022年度法治政府建设情况报告\n1、学法。学法8次。\n一、存在的问题\n不足。\n")
    levels = {s.heading: s.level for s in doc.all_sections()}
    assert levels["存在的问题"] == 1


def test_repeated_and_skipped_numbers_are_kept() -> None:
    doc = document("某县2022年度法治政府建设情况报告\n一、主要举措\n做法。\n一、存在的问题\n问题。\n三、工作安排\n安排。\n")
    assert [(s.number, s.heading) for s in doc.sections] == [("一", "主要举措"), ("一", "存在的问题"), ("三", "工作安排")]


def test_financial_numerals_number_parts_and_items() -> None:
    # Word's 壹、贰、叁 list numbering (chineseLegalSimplified), as the .docx and .doc readers draw it
    doc = document(
        "某县2022年度法治政府建设情况报告\n壹、主要举措和成效\n（壹）深化改革。推进放管服。\n（贰）规范执法。评查案卷125份。\n"
        "贰、存在的不足和原因\n执法不规范。\n拾、其他需要报告的情况\n无。\n拾壹、附则\n无。\n"
    )
    assert [(s.style, s.level, s.heading) for s in doc.all_sections()] == [
        ("一、", 1, "主要举措和成效"), ("（一）", 2, "深化改革"), ("（一）", 2, "规范执法"),
        ("一、", 1, "存在的不足和原因"), ("一、", 1, "其他需要报告的情况"), ("一、", 1, "附则")]
    assert [small_number(s.number) for s in doc.sections] == [1, 2, 10, 11]


def test_yishi_enumerations_and_circled_numbers() -> None:
    # 一是 counts as the innermost style: a ① after it closes it rather than nesting inside it
    doc = document("某县2022年度法治政府建设情况报告\n四、2023年工作安排\n①完善制度。\n一是深化学习。学法8次。\n二是强化监督。\n②健全机制。\n")
    assert [(s.style, s.level) for s in doc.all_sections()] == [("一、", 1), ("①", 2), ("一是", 3), ("一是", 3), ("①", 2)]


def test_bare_number_only_when_it_is_the_expected_next() -> None:
    doc = document(
        "某县2022年度法治政府建设情况报告\n一、主要举措和成效\n1、学法。学法8次。\n2深入推进执法。评查案卷。\n"
        "6月，举办培训班。\n2022全县坚持依法行政。\n"
    )
    assert [s.heading for s in doc.all_sections()] == ["主要举措和成效", "学法", "深入推进执法"]


def test_run_in_heading_keeps_its_paragraph_and_long_heading_is_cut() -> None:
    doc = document("某县2022年度法治政府建设情况报告\n（一）坚持依法决策。全年召开常务会议26次。\n")
    section = doc.sections[0]
    assert (section.heading, section.run_in) == ("坚持依法决策", True)


def test_markdown_headings_come_from_numbering() -> None:
    from compliance.readers import _markdown_line

    assert _markdown_line("## 一、主要举措和成效") == "一、主要举措和成效"
    assert _markdown_line("- 发布机构：望川街道办事处") == "发布机构：望川街道办事处"
    assert _markdown_line("**全年**办理[案件](http://x)39件") == "全年办理案件39件"


def test_a_markdown_list_of_fields_keeps_the_empty_ones(tmp_path: Path) -> None:
    from compliance.readers import read_document
    from compliance.structure import build

    path = tmp_path / "report.md"
    path.write_text("# 桐岭县市场监督管理局2022年度法治政府建设情况报告\n\n- 索引号：MB1A7362X/2023-00008\n"
                    "- 主题分类：\n- 发布机构：桐岭县市场监督管理局\n- 文件编号：\n\n2022年，我局坚持依法行政。\n",
                    encoding="utf-8")
    fields = {key: field.value for key, field in build(read_document(path)).metadata.items()}
    assert fields == {"index_no": "MB1A7362X/2023-00008", "topic": "", "publisher": "桐岭县市场监督管理局", "doc_no": ""}


def test_subject_types() -> None:
    assert document("某县市场监督管理局2022年度法治政府建设工作情况报告\n").subject == "department"
    assert document("望川街道办事处2023年度法治政府建设情况报告\n").subject == "township"
    assert document("江西省人民政府关于2022年法治政府建设情况的报告\n").subject == "government"
    assert document("发布机构：某县司法局\n2022年度法治政府建设情况报告\n").subject == "department"


def test_a_zone_management_committee_reports_as_a_government() -> None:
    # Written out in the title, as its short form 管委会 in the publisher: the zone's governing body, not a department.
    doc = document("发布机构：青溪高新区管委会\n青溪高新技术产业开发区管理委员会2023年度法治政府建设情况报告\n")
    assert doc.subject == "government"
    assert document("某市住房和城乡建设委员会2023年度法治政府建设情况报告\n").subject == "department"
