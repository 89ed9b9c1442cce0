"""Quantities: numbers with units as real reports write them, and the words that only look like numbers."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compliance.model import Location, Quantity
from compliance.quantities import chinese_to_number, find_quantities

SEED = Path(__file__).parent.parent / "samples" / "xihu-2021.txt"


def one(text: str) -> Quantity:
    quantities = find_quantities(text)
    assert len(quantities) == 1, quantities
    return quantities[0]


# text, raw, value, unit, approx, column of raw
SINGLE = [
    pytest.param("区法律顾问提供法律服务108次。", "108次", 108, "次", False, 12, id="legal-services-108-times"),
    pytest.param("审查各类文件109件,出具书面合法意见", "109件", 109, "件", False, 7, id="documents-reviewed-109"),
    pytest.param("行政许可、行政处罚案卷125份", "125份", 125, "份", False, 12, id="case-files-125"),
    pytest.param("全年共为58人新办理执法证件。", "58人", 58, "人", False, 5, id="certificates-58-people"),
    pytest.param("全年办理延时错时预约服务15万余件。", "15万余件", 150000, "件", True, 13, id="wan-with-yu"),
    pytest.param("总投资达3.8亿元。", "3.8亿元", 380000000, "元", False, 5, id="yi-yuan-scaled"),
    pytest.param("为群众挽回损失328.6万元。", "328.6万元", 3286000, "元", False, 8, id="wan-yuan-scaled-exactly"),
    pytest.param("累计招募平安志愿者2万名,", "2万名", 20000, "人", False, 10, id="ming-is-ren"),
    pytest.param("区政府行政机关负责人出庭应诉率100%。", "100%", 100, "%", False, 16, id="court-appearance-rate"),
    pytest.param("接待群众1440人次,", "1440人次", 1440, "人次", False, 5, id="person-times"),
    pytest.param("化解率86%。", "86%", 86, "%", False, 4, id="resolution-rate"),
    pytest.param("参与群众1.9万余人。", "1.9万余人", 19000, "人", True, 5, id="decimal-wan-yu"),
    pytest.param("主题宣传活动320余场次,", "320余场次", 320, "场次", True, 7, id="yu-changci"),
    pytest.param("开展各类专项检查3731(次),排查", "3731(次)", 3731, "次", False, 9, id="unit-in-parentheses"),
    pytest.param("已开展卫生监督检查2174户次,", "2174户次", 2174, "户次", False, 10, id="household-times"),
    pytest.param("基本完成13公里雨污管网私接乱排整治", "13公里", 13, "公里", False, 5, id="kilometres"),
    pytest.param("电诈发案率降低22.4%,", "22.4%", 22.4, "%", False, 8, id="decimal-percent"),
    pytest.param("95%以上涉税(费)事项实现网上办理", "95%以上", 95, "%", True, 1, id="percent-or-more"),
    pytest.param("达100%", "100%", 100, "%", False, 2, id="rate-without-lv"),
    pytest.param("受理行政复议案件１２３件", "１２３件", 123, "件", False, 9, id="full-width-digits"),
    pytest.param("备案审查率１００％", "１００％", 100, "%", False, 6, id="full-width-percent"),
    pytest.param("全年共收到来信1,234件", "1,234件", 1234, "件", False, 8, id="thousands-separator"),
    pytest.param("形成全区权力清单581大力推进", "581", 581, "", False, 9, id="bare-arabic-number"),
    pytest.param("群众满意度达98.6", "98.6", 98.6, "", False, 7, id="bare-decimal"),
    pytest.param("共培训执法人员1.2万", "1.2万", 12000, "", False, 8, id="bare-wan"),
    # Chinese numerals
    pytest.param("全年办理复议案件一百二十五件", "一百二十五件", 125, "件", False, 9, id="cn-125-jian"),
    pytest.param("参训两千三百余人", "两千三百余人", 2300, "人", True, 3, id="cn-liang-qian-yu"),
    pytest.param("集中学法十二次", "十二次", 12, "次", False, 5, id="cn-shi-er"),
    pytest.param("选聘法律顾问三十五名", "三十五名", 35, "人", False, 7, id="cn-35-ming"),
    pytest.param("办理一千零八件", "一千零八件", 1008, "件", False, 3, id="cn-ling-inside"),
    pytest.param("完成三部地方性法规的意见征集工作", "三部", 3, "部", False, 3, id="cn-three-laws"),
    pytest.param("公布梳理四批次“一次不跑”服务事项", "四批次", 4, "批", False, 5, id="cn-pici-is-pi"),
    pytest.param("累计挽回三十余万元", "三十余万元", 300000, "元", True, 5, id="cn-yu-wan-yuan"),
    pytest.param("培训百余人", "百余人", 100, "人", True, 3, id="cn-lone-bai-approx"),
    pytest.param("服务群众逾千人", "逾千人", 1000, "人", True, 5, id="cn-yu-qian"),
    pytest.param("出庭应诉率百分之百", "百分之百", 100, "%", False, 6, id="baifenzhi-bai"),
    pytest.param("出庭应诉率百分之九十二点七", "百分之九十二点七", 92.7, "%", False, 6, id="baifenzhi-decimal"),
    pytest.param("办结率约百分之九十", "约百分之九十", 90, "%", True, 4, id="baifenzhi-approx"),
    # approximations, prefix and suffix
    pytest.param("培训执法人员约300人", "约300人", 300, "人", True, 7, id="yue-prefix"),
    pytest.param("服务企业近3000家", "近3000家", 3000, "家", True, 5, id="jin-prefix"),
    pytest.param("化解纠纷超过500件", "超过500件", 500, "件", True, 5, id="chaoguo-prefix"),
    pytest.param("惠及群众超5000人", "超5000人", 5000, "人", True, 5, id="chao-prefix"),
    pytest.param("参加100人左右", "100人左右", 100, "人", True, 3, id="zuoyou-suffix"),
    pytest.param("每场50人以上", "50人以上", 50, "人", True, 3, id="yishang-suffix"),
    pytest.param("共300余万元", "300余万元", 3000000, "元", True, 2, id="yu-before-wan"),
    pytest.param("新招录三十多人", "三十多人", 30, "人", True, 4, id="cn-duo"),
    pytest.param("集中学法十余次", "十余次", 10, "次", True, 5, id="cn-shi-yu"),
    pytest.param("惠及近万人", "近万人", 10000, "人", True, 3, id="cn-jin-wan"),
    pytest.param("整改历时1个多月", "1个多月", 1, "个月", True, 5, id="ge-duo-yue"),
    pytest.param("共出动执法人员2000余人次", "2000余人次", 2000, "人次", True, 8, id="year-like-count-with-unit"),
    # units normalised
    pytest.param("企业设立可在3个工作日办结", "3个工作日", 3, "工作日", False, 7, id="working-days"),
    pytest.param("5日内作出答复", "5日", 5, "天", False, 1, id="ri-inside-is-days"),
    pytest.param("同比提高3.5个百分点", "3.5个百分点", 3.5, "百分点", False, 5, id="percentage-points"),
    pytest.param("邀请2位专家论证", "2位", 2, "人", False, 3, id="wei-is-ren"),
    pytest.param("重点推进16个项目", "16个", 16, "个", False, 5, id="ge"),
    pytest.param("侦破涉黑涉恶类案件9起", "9起", 9, "起", False, 10, id="qi-cases"),
    pytest.param("全年依法公开政务服务信息6439条", "6439条", 6439, "条", False, 13, id="tiao"),
    pytest.param("召开“幸福圆桌会”1377场", "1377场", 1377, "场", False, 10, id="chang"),
    pytest.param("编发普法简报12期", "12期", 12, "期", False, 7, id="qi-issues"),
    pytest.param("刊发法治宣传稿件35篇", "35篇", 35, "篇", False, 9, id="pian"),
    pytest.param("提供24小时服务", "24小时", 24, "小时", False, 3, id="hours"),
]


@pytest.mark.parametrize(("text", "raw", "value", "unit", "approx", "column"), SINGLE)
def test_single_quantity(text: str, raw: str, value: float, unit: str, approx: bool, column: int) -> None:
    quantity = one(text)
    assert (quantity.raw, quantity.value, quantity.unit, quantity.approx) == (raw, value, unit, approx)
    assert quantity.location.column == column
    assert text[column - 1 : quantity.location.end_column - 1] == raw  # end_column is exclusive


# text, value, upper, unit
RANGES = [
    pytest.param("每年开展3至5次", 3, 5, "次", id="zhi"),
    pytest.param("办理时限缩短为3-5个工作日", 3, 5, "工作日", id="hyphen"),
    pytest.param("抽查3～5件", 3, 5, "件", id="full-width-tilde"),
    pytest.param("每季度三至五件", 3, 5, "件", id="chinese-zhi"),
    pytest.param("满意率保持在90%-95%", 90, 95, "%", id="percent-both-ends"),
    pytest.param("奖励3至5万元", 30000, 50000, "元", id="multiplier-applies-to-both-ends"),
    pytest.param("奖励三至五万元", 30000, 50000, "元", id="chinese-multiplier-applies-to-both-ends"),
]


@pytest.mark.parametrize(("text", "value", "upper", "unit"), RANGES)
def test_range(text: str, value: float, upper: float, unit: str) -> None:
    quantity = one(text)
    assert (quantity.value, quantity.upper, quantity.unit, quantity.denominator) == (value, upper, unit, None)


@pytest.mark.parametrize(
    ("text", "value", "denominator", "unit", "raw"),
    [
        pytest.param("负责人出庭应诉 12/12 件", 12, 12, "件", "12/12 件", id="spaced-with-unit"),
        pytest.param("出庭应诉12/15", 12, 15, "", "12/15", id="bare-ratio"),
    ],
)
def test_ratio(text: str, value: float, denominator: float, unit: str, raw: str) -> None:
    quantity = one(text)
    assert (quantity.value, quantity.denominator, quantity.unit, quantity.raw) == (value, denominator, unit, raw)


def test_two_hundred_percents_are_two_quantities_quoting_the_same_words() -> None:
    text = "办理区人大代表建议86件,区政协提案87件,实现答复率、满意度两个100%。"
    found = find_quantities(text)
    assert [(q.raw, q.value, q.unit) for q in found] == [
        ("86件", 86, "件"), ("87件", 87, "件"), ("两个100%", 100, "%"), ("两个100%", 100, "%"),
    ]
    assert found[2].location == found[3].location


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "区本级受理行政复议案件39件,移送市行政复议委员会1件,已审结36件,",
            [(39, "件"), (1, "件"), (36, "件")],
            id="reconsideration",
        ),
        pytest.param("全区共查处作风问题239件291人。", [(239, "件"), (291, "人")], id="cases-then-people"),
        pytest.param(
            "“赣服通”西湖分厅注册用户25万人95%以上涉税(费)事项", [(250000, "人"), (95, "%")], id="fused-sentences"
        ),
        pytest.param(
            "全年召开区政府全体会议2次,常务会议26次。", [(2, "次"), (26, "次")], id="meetings"
        ),
        pytest.param("第二轮督察整改销号12件,占比100%", [(12, "件"), (100, "%")], id="ordinal-then-count"),
        pytest.param("2021年办理案件39件", [(39, "件")], id="year-then-count"),
        pytest.param("6月,受理15件", [(15, "件")], id="month-then-count"),
        pytest.param("分别受理12、15件", [(12, ""), (15, "件")], id="list-of-numbers-is-not-numbering"),
        # A table with a 单位 column before its 数量 column: the number takes the unit its row gives it.
        pytest.param("6\t评查行政执法案卷\t卷\t86", [(86, "卷")], id="unit-column-tab"),
        pytest.param("| 负责人出庭应诉率 | % | 100 |", [(100, "%")], id="unit-column-markdown"),
        pytest.param("新办行政执法证件  人  35", [(35, "人")], id="unit-column-two-spaces"),
        pytest.param("检查生产经营单位\t家次\t3218", [(3218, "")], id="unit-column-unknown-unit"),
        pytest.param("行政处罚\t件\t382\t较上年增长", [(382, "件")], id="unit-column-remark-cell"),
        pytest.param("全年办理案件 2 起", [(2, "起")], id="spaced-unit-is-no-column"),
        pytest.param("条件\t3", [(3, "")], id="a-word-ending-in-a-unit-is-no-unit-cell"),
    ],
)
def test_several_quantities(text: str, expected: list[tuple[float, str]]) -> None:
    assert [(q.value, q.unit) for q in find_quantities(text)] == expected


NOT_QUANTITIES = [
    pytest.param("2021年,在市委、市政府和区委的坚强领导下", id="year"),
    pytest.param("南昌市西湖区2021年度法治政府建设情况报告", id="year-du"),
    pytest.param("抽查全区2020年、2021年上半年行政许可", id="year-list"),
    pytest.param("2022西湖区坚持以习近平新时代中国特色社会主义思想为指导", id="year-lost-nian"),
    pytest.param("《法治政府建设实施纲要(2021—2025),待省、市实施纲要出台后", id="year-range-lost-nian"),
    pytest.param("《法治政府建设实施纲要（2021—2025年）》", id="year-range"),
    pytest.param("生成日期: 2022-03-11", id="iso-date"),
    pytest.param("于3月11日发布", id="month-day"),
    pytest.param("6月,在绳金塔特色商业街区隆重举行", id="month"),
    pytest.param("1-2月", id="month-range"),
    pytest.param("三年行动“十大攻坚战”", id="duration-years"),
    pytest.param("近3年", id="approx-years"),
    pytest.param("10余年", id="yu-years"),
    pytest.param("纳入区“十四五”规划", id="shisiwu"),
    pytest.param("高质量编制和实施“八五”普法规划", id="bawu"),
    pytest.param("实施“八五普法”", id="bawupufa"),
    pytest.param("重点推进区级“一站式”矛调中心", id="yizhanshi"),
    pytest.param("公布“一次不跑”服务事项", id="yicibupao"),
    pytest.param("对符合要求的事项“一链联办”", id="yilianlianban"),
    pytest.param("在全市第一批完成区级建设", id="diyipi"),
    pytest.param("桃花一村荣获第八批全国民主法治示范村", id="dibapi"),
    pytest.param("第1、2批试点", id="ordinal-list"),
    pytest.param("依据《行政处罚法》第33条", id="article-number"),
    pytest.param("实现“三个一百”目标", id="sangeyibai"),
    pytest.param("推行“一件事一次办”“一人一档”", id="yijianshi"),
    pytest.param("第一针剂、第二针剂完成率排名全市第一", id="diyi"),
    pytest.param("一是深入学习贯彻习近平法治思想", id="yishi"),
    pytest.param("二是高质量编制法治政府建设实施方案", id="ershi"),
    pytest.param("推出一批便民措施", id="yipi"),
    pytest.param("取得了一些成绩", id="yixie"),
    pytest.param("进一步提高政府依法行政的能力和水平", id="jinyibu"),
    pytest.param("统一部署", id="tongyi"),
    pytest.param("“诚信建设万里行·西湖站主题宣传活动”", id="wanlixing"),
    pytest.param("落实一把手责任", id="yibashou"),
    pytest.param("严格落实行政执法“三项制度", id="sanxiangzhidu"),
    pytest.param("三项制度全面落实", id="sanxiangzhidu-unquoted"),
    pytest.param("邀请“两代表一委员”全程列席政府常务会", id="liangdaibiao"),
    pytest.param("严格落实“双公示”制度", id="shuanggongshi"),
    pytest.param("持续巩固“五个零”的防控成果", id="wugeling"),
    pytest.param("专项监督“三位一体”的监督格局", id="sanweiyiti"),
    pytest.param("增强“四个意识”,做到“两个维护”", id="slogans"),
    pytest.param("“滚动式”开展“打非治违”百日行动", id="bairi"),
    pytest.param("走进千家万户", id="qianjiawanhu"),
    pytest.param("深入贯彻落实党的十九大和十九届历次全会", id="shijiuda"),
    pytest.param("实现两位数增长", id="liangweishu"),
    pytest.param("开展人民调解", id="renmin"),
    pytest.param("索引号: A25110--2022-0003 主题分类:", id="index-number"),
    pytest.param("赣府厅发〔2022〕3号", id="document-number"),
    pytest.param("1、加强常态化依法疫情防控。", id="numbering-1-dun"),
    pytest.param("2深入推进“放管服”改革。", id="numbering-lost-dun"),
    pytest.param("全面推进。2.完善制度", id="numbering-run-in"),
    pytest.param("（1）健全制度", id="numbering-parenthesised"),
    pytest.param("1.1 其中适用简易程序", id="numbering-second-level"),
    pytest.param("2.3适用普通程序", id="numbering-second-level-run-in"),
    pytest.param("2.3.1 完善执法程序", id="numbering-third-level"),
    pytest.param("建成5G基站", id="5g"),
    pytest.param("畅通12345政务服务便民热线", id="hotline"),
    pytest.param("开展“12·4”国家宪法日宣传", id="constitution-day"),
    pytest.param("考核位列全市前三名", id="ranking"),
    pytest.param("上午8点30分召开", id="clock-time"),
    pytest.param("十分重要", id="shifen"),
    pytest.param("企业设立可在个工作日办结", id="number-lost"),
]


@pytest.mark.parametrize("text", NOT_QUANTITIES)
def test_not_a_quantity(text: str) -> None:
    assert find_quantities(text) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        pytest.param("一百二十五", 125, id="125"),
        pytest.param("两千三百", 2300, id="liang-2300"),
        pytest.param("十二", 12, id="shi-er"),
        pytest.param("三十五", 35, id="35"),
        pytest.param("一百零八", 108, id="ling"),
        pytest.param("一千零五十", 1050, id="ling-tens"),
        pytest.param("一百二", 120, id="abbreviated-tens"),
        pytest.param("一万五", 15000, id="abbreviated-thousands"),
        pytest.param("一亿二千万", 120000000, id="yi-wan"),
        pytest.param("二〇二一", 2021, id="digit-by-digit"),
        pytest.param("零", 0, id="zero"),
        pytest.param("百", 100, id="lone-bai"),
        pytest.param("九十二点七", 92.7, id="decimal"),
        pytest.param("百分之九十二点七", 92.7, id="baifenzhi"),
        pytest.param("百分之百", 100, id="baifenzhibai"),
        pytest.param("十四五", None, id="plan-name-shisiwu"),
        pytest.param("八五", None, id="plan-name-bawu"),
        pytest.param("十百", None, id="wrong-order"),
        pytest.param("一点", None, id="point-without-digits"),
        pytest.param("", None, id="empty"),
        pytest.param("法治", None, id="not-a-numeral"),
    ],
)
def test_chinese_to_number(text: str, value: float | None) -> None:
    assert chinese_to_number(text) == value


def _chinese(number: int) -> str:
    """The way a report writes a whole number below 10^12 in Chinese numerals (10 → 十, 1005 → 一千零五)."""
    if number == 0:
        return "零"
    written, gap = "", False
    for group, name in ((number // 10**8, "亿"), (number // 10**4 % 10**4, "万"), (number % 10**4, "")):
        if group == 0:
            gap = gap or bool(written)
            continue
        if written and (gap or group < 1000):
            written += "零"
        part, zero = "", False
        for magnitude, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
            digit = group // magnitude % 10
            if digit == 0:
                zero = zero or bool(part)
                continue
            part += ("零" if zero else "") + "一二三四五六七八九"[digit - 1] + unit
            zero = False
        written += part + name
        gap = False
    return written[1:] if written.startswith("一十") else written


@given(st.integers(min_value=0, max_value=10**12 - 1))
def test_chinese_numerals_round_trip(number: int) -> None:
    assert chinese_to_number(_chinese(number)) == number


@given(st.integers(min_value=2, max_value=10**8 - 1))
def test_chinese_count_before_a_unit_is_found(number: int) -> None:
    quantity = one(f"受理{_chinese(number)}件")
    assert (quantity.value, quantity.unit, quantity.location.column) == (number, "件", 3)


@given(st.text(alphabet="0123456789０１２３.,%％-/至余多万亿约近第年月日件人名次个一二两三十百千零（）() 、。", max_size=40))
def test_raw_is_always_the_text_at_its_location(text: str) -> None:
    for quantity in find_quantities(text):
        assert text[quantity.location.column - 1 : quantity.location.end_column - 1] == quantity.raw


def test_location_uses_line_and_column_offset() -> None:
    quantity = one("案卷125份")
    assert quantity.location == Location(line=1, column=3, end_line=1, end_column=7)
    shifted = find_quantities("案卷125份", line=35, column_offset=10)[0]
    assert shifted.location == Location(line=35, column=13, end_line=35, end_column=17)


def _seed_quantities() -> list[Quantity]:
    lines = SEED.read_text(encoding="utf-8").splitlines()
    return [quantity for number, text in enumerate(lines, 1) for quantity in find_quantities(text, line=number)]


def test_seed_report_indicators_are_found() -> None:
    found = {(q.location.line, q.value, q.unit) for q in _seed_quantities()}
    expected = {
        (27, 108, "次"),  # 提供法律服务108次
        (29, 109, "件"),  # 审查各类文件109件
        (35, 125, "份"),  # 案卷125份
        (39, 58, "人"),  # 为58人新办理执法证件
        (45, 39, "件"),  # 受理行政复议案件39件
        (45, 36, "件"),  # 已审结36件
        (69, 100, "%"),  # 出庭应诉率100%
        (51, 380000000, "元"),  # 总投资达3.8亿元
        (55, 19000, "人"),  # 参与群众1.9万余人
    }
    assert expected <= found


def test_seed_report_has_no_years_dates_or_slogans() -> None:
    quantities = _seed_quantities()
    lines = SEED.read_text(encoding="utf-8").splitlines()
    assert not [q for q in quantities if q.unit == "年" or "年" in q.raw or "月" in q.raw]
    assert not [q for q in quantities if 1900 <= q.value <= 2099 and q.unit == ""]
    assert not [q for q in quantities if q.location.line < 9]  # breadcrumbs and metadata carry no quantity
    for quantity in quantities:
        line = lines[quantity.location.line - 1]
        assert line[quantity.location.column - 1 : quantity.location.end_column - 1] == quantity.raw


def _missed_starts(text: str) -> list[str]:
    """Where the quantity pattern matches but the cheap candidate search would jump past it."""
    from compliance.quantities import _PATTERN, _START

    return [text[p:p + 8] for p in range(len(text)) if _PATTERN.match(text, p) and not _START.match(text, p)]


def _numeral_soup() -> st.SearchStrategy[str]:
    """Text made of the pieces quantities are made of (numerals, units, slogans, 百分之 …) in any order."""
    from compliance.quantities import _SLOGANS, _UNITS

    common = st.sampled_from([*"一二三四五六七八九十百千万亿两零〇点余多至到个约近超第前（、。，. /", "0", "12", "3.5",
                              "2021", "百分之", "两个", "以上", "左右", "热线", "件", "人次", "%"])
    rare = st.sampled_from([*_UNITS, *_SLOGANS])
    return st.lists(st.one_of(common, common, common, rare), max_size=12).map("".join)


@settings(max_examples=400)
@given(_numeral_soup())
def test_every_place_a_quantity_can_start_is_a_candidate(text: str) -> None:
    # The scanner only tries the full pattern where _START says an alternative can open: a quantity
    # alternative added without teaching _START would be silently skipped.
    assert _missed_starts(text) == []


def test_every_quantity_of_the_samples_starts_at_a_candidate() -> None:
    for path in sorted(SEED.parent.glob("*.txt")) + sorted(SEED.parent.glob("*.md")):
        text = path.read_bytes().decode("utf-8", errors="replace")
        assert _missed_starts(text) == [], path.name
