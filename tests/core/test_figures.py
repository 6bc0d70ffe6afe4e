"""What a reviewer sees: each kind of number, unit, qualifier — and what is not a figure — in both scripts."""

from __future__ import annotations

from decimal import Decimal

import pytest

from core.figures.scan import extract
from core.model import Document, Figure


def figs(text: str) -> list[Figure]:
    return extract(Document(path="t.txt", format="txt", sha256="", text=text))


def one(text: str) -> Figure:
    found = figs(text)
    assert len(found) == 1, [(f.text, f.value) for f in found]
    return found[0]


@pytest.mark.parametrize(
    ("text", "value", "unit", "mult"),
    [
        ("全年主动公开政府信息1,234条。", "1234", "条", None),
        ("全年主动公开政府信息1，234条。", "1234", "条", None),
        ("全年主動公開政府信息１２３條。", "123", "條", None),
        ("办结率达到99.85%。", "99.85", "%", None),
        ("合格率提升至63.6％。", "63.6", "%", None),
        ("满意度达到百分之九十。", "90", "%", None),
        ("工作任务共计六大类。", "6", "类", None),
        ("共计十项类别。", "10", "项", None),
        ("办理事项一百零五件。", "105", "件", None),
        ("开设两个专栏。", "2", "个", None),
        ("整改问题三千二百个。", "3200", "个", None),
        ("提供政策咨询服务62.8萬次。", "628000", "次", "萬"),
        ("受理审批事项3.5万件。", "35000", "件", "万"),
        ("涉及资金1.2亿元。", "120000000", "元", "亿"),
        ("收到申请3119 件，", "3119", "件", None),
        ("培训500人次。", "500", "人次", None),
        ("在10个工作日内答复。", "10", "个工作日", None),
        ("举办新闻发布会104场。", "104", "场", None),
        ("编发公报24期。", "24", "期", None),
        ("向社会赠阅31.2万册。", "312000", "册", "万"),
        ("表彰先进个人20名。", "20", "名", None),
        ("收取费用3000元。", "3000", "元", None),
        ("平均办理天数2天。", "2", "天", None),
        ("收到意见231件次。", "231", "件次", None),
        ("辦理行政復議6宗。", "6", "宗", None),
        ("發布解讀文章12篇。", "12", "篇", None),
        ("覆蓋企業85家。", "85", "家", None),
        ("公开文件132份。", "132", "份", None),
    ],
)
def test_numbers_and_units(text: str, value: str, unit: str, mult: str | None) -> None:
    f = one(text)
    assert f.value == Decimal(value)
    assert f.unit in (unit, {"條": "条"}.get(unit, unit))
    assert f.multiplier == mult
    assert f.text in text


@pytest.mark.parametrize(
    ("text", "qualifier", "value"),
    [
        ("向12700余家单位赠阅。", "more_than", "12700"),
        ("向12700餘家單位贈閱。", "more_than", "12700"),
        ("反馈1860多个问题。", "more_than", "1860"),
        ("信息近5000条。", "nearly", "5000"),
        ("约300人参加。", "about", "300"),
        ("每年开展2次以上培训。", "at_least", "2"),
        ("培训300人左右。", "about", "300"),
        ("资金300余万元。", "more_than", "3000000"),
    ],
)
def test_qualifiers_kept_apart_from_value(text: str, qualifier: str, value: str) -> None:
    f = one(text)
    assert f.qualifier == qualifier
    assert f.value == Decimal(value)


@pytest.mark.parametrize(
    "text",
    [
        "根据《通知》（国办公开办函〔2021〕30号）要求，",
        "根據《通知》(國辦公開辦函〔2021〕30號)要求,",
        "关于区第十八届人民代表大会第一次会议第94号建议的复函",
        "经区第十七届人民政府第141次常务会议审议",
        "一是加强领导。（一）主动公开。1、规范管理。",
        "紧扣“十四五”开好局，用好“两微一端”，构建“1+X”政策体系，采取“4+2”测评。",
        "发挥“三个作用”。",
        "联系电话：023-45632266，邮政编码：402560。",
        "网站（www.156152.com）下载。",
        "索引号：115002240093343308/2022-00225",
        "（渝府办发〔201876号）的精神，于20184月完成，202041日上线。",
        "202266\n",
        "2021年上半年，3月全市首个专区建成，6月投入使用。",
        "发布时间:2021-07-02 09:24",
        "本报告由总体情况等六部分组成，共6个部分。",
        "推进“一件事一次办”，实行一次性告知，办事百项堵点疏解。",
        "属于三类内部事务信息；属于四类过程性信息。",
        "第十四个五年规划和二〇三五年远景目标",
        "拨打市长热线：0564-12345。",
        "扫一扫在手机打开当前页 字号：大 中 小",
        "提供7×24小时在线服务，综合排名进入全省前10名，用两个月时间打造“五个一”工程。",
    ],
)
def test_not_figures(text: str) -> None:
    assert figs(text) == [], [(f.text, f.value) for f in figs(text)]


def test_offsets_index_the_original_text_in_both_scripts() -> None:
    text = "主動公開市政府規章9件、市政府行政規範性檔案73件。"
    found = figs(text)
    assert [text[f.start : f.end] for f in found] == ["9", "73"]
    assert found[0].label == "主动公开市政府规章"
    assert found[1].label == "市政府行政规范性档案"


def test_narrative_indicators() -> None:
    text = (
        "全年共收到政府信息公开申请593件（含新收575件、上年结转18件），截至年底已办结584件"
        "（另有9件结转下年度）。全年办理行政复议3宗，行政诉讼2件。"
    )
    by_value = {int(f.value): f.indicator for f in figs(text)}
    assert by_value[593] is None  # includes carried-over applications: not the 新收 figure
    assert by_value[575] == "t3.new.total"
    assert by_value[18] == "t3.carried_in.total"
    assert by_value[584] == "t3.r7_total.total"
    assert by_value[9] == "t3.carried_out.total"
    assert by_value[3] == "t4.review.total"
    assert by_value[2] == "t4.suit.total"


def test_carried_in_named_by_last_years_number() -> None:
    found = figs("办结依申请公开件177件（含2022年结转的3件），其中予以公开60件。")
    assert [f.indicator for f in found] == ["t3.r7_total.total", "t3.carried_in.total", "t3.r1.total"]


def test_traditional_indicators() -> None:
    f = one("本機關全年新收政府信息公開申請12件。")
    assert f.indicator == "t3.new.total"


def test_service_counts_are_not_mapped_to_applications() -> None:
    found = figs("本机关共受理政府信息公开申请12件。办结行政审批事项27.15万件。")
    assert [f.indicator for f in found] == ["t3.new.total", None]


def test_confidence_is_lowest_where_a_reviewer_should_look() -> None:
    plain = one("主动公开政府信息41087条。")
    vague = one("反馈1860多个问题。")
    chinese = one("工作任务共计六大类。")
    assert 0 <= chinese.confidence < plain.confidence <= 1
    assert vague.confidence < plain.confidence


def test_table4_results_in_prose_map_to_their_group() -> None:
    text = (
        "政府信息公开行政复议 351件，其中结果维持 72 件，结果纠正 64 件，其他结果 178 件，尚未审结 37 件；"
        "政府信息公开行政诉讼 46 件，其中结果维持 25 件，尚未审结 7 件。"
    )
    got = [(int(f.value), f.indicator) for f in figs(text)]
    assert got == [
        (351, "t4.review.total"),
        (72, "t4.review.upheld"),
        (64, "t4.review.corrected"),
        (178, "t4.review.other"),
        (37, "t4.review.pending"),
        (46, "t4.suit.total"),
        (25, "t4.suit.upheld"),
        (7, "t4.suit.pending"),
    ]


PDF_LIKE = (
    "与申请人的直接沟通，准确了解申请人诉求，提高答复的及时性\n"
    "和针对性。2024 年，全市共受理政府信息公开申请 3119 件，答\n"
    "复 3050 件（含上年度结转申请 34 件，另有 103 件顺延到下年度\n"
    "答复），均在法定期限内予以答复。政府信息公开行政复议 351\n"
    "件，其中结果维持 72 件，结果纠正 64 件，其他结果 178 件，尚\n"
    "未审结 37 件；政府信息公开行政诉讼 46 件，其中结果维持 25\n"
    "件，结果纠正 5 件，其他结果 9 件，尚未审结 7 件。\n"
    "（三）政府信息管理情况。在政府网站、政务新媒体、政府\n"
    "公报等公开平台发布信息时，坚持“先审查、后公开”“一事一\n"
)


def test_pdf_wrapped_text_numbers_before_a_line_break_and_labels_across_lines() -> None:
    found = {int(f.value): f for f in figs(PDF_LIKE)}
    assert found[351].indicator == "t4.review.total"  # "351\n件"
    assert PDF_LIKE[found[351].start : found[351].end] == "351"
    assert found[25].indicator == "t4.suit.upheld"
    assert found[3050].label == "答复"  # "答\n复"
    assert found[3050].indicator == "t3.r7_total.total"
    assert found[34].indicator == "t3.carried_in.total"
    assert found[103].indicator == "t3.carried_out.total"
    assert found[37].label == "尚未审结"


@pytest.mark.parametrize(
    ("selection", "value", "unit"),
    [
        ("3.5万件", "35000", "件"),
        (" 1,234 条", "1234", "条"),
        ("63.6％", "63.6", "%"),
        ("百分之九十", "90", "%"),
        ("一百零五", "105", None),
        ("62.8萬", "628000", None),
        ("500餘人次", "500", "人次"),
    ],
)
def test_parse_a_reviewers_selection(selection: str, value: str, unit: str | None) -> None:
    from core.figures.scan import parse_selection

    assert parse_selection(selection) == (Decimal(value), unit)


def test_selection_without_a_number() -> None:
    from core.figures.scan import parse_selection

    assert parse_selection("政府信息") is None


def test_results_of_applications_in_prose() -> None:
    text = (
        "依申请公开方面，全年共受理政府信息公开申请47件，其中当面申请12件、网络申请30件；上年结转2件。"
        "已全部按期答复，其中予以公开21件、部分公开9件、不予公开3件、无法提供11件、不予处理5件。"
    )
    got = {int(f.value): f.indicator for f in figs(text)}
    assert got[47] == "t3.new.total"
    assert got[12] is None
    assert got[2] == "t3.carried_in.total"
    assert (got[21], got[9], got[3], got[11], got[5]) == (
        "t3.r1.total",
        "t3.r2.total",
        "t3.r3.total",
        "t3.r4.total",
        "t3.r5.total",
    )


@pytest.mark.parametrize(
    "text",
    [
        "关于区十七届人大三次会议第0086号建议的答复",
        "对市政协十三届二次会议第2023037号提案的答复",
        "經(jīng)區(qū)政府第(dì)141次常務(wù)會(huì)議審議通過",
        "全区有数十场线上活动，被省级以上媒体采用几十条，上百人参加",
        "全面推行行政执法三项制度，建立三张清单，推进二期工程、三期规划",
        "按照《条例》三十三条规定办理",
        "为60周岁以上老年人开设绿色通道",
        "自２０２３年１０月１起施行",
        "最多跑一次，打通最后一公里",
    ],
)
def test_more_not_figures(text: str) -> None:
    assert figs(text) == [], [(f.text, f.value) for f in figs(text)]


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("门户网站总访问量12864532人次，页面浏览量35,127,806次。", [12864532, 35127806]),
        ("累计公开政府信息１２６，４５８条。", [126458]),
        ("网站全年访问量达523.6万，日均访问量1.4万。", [5236000, 14000]),
        ("同比增长1.5倍，发布公告73则，征收土地1.8万亩。", [1.5, 73, 18000]),
        ("全年被申请行政复议一件，经复议维持原答复。", [1]),
        ("网上留言近万条。", [10000]),
        ("8个县进入全省前30位。", [8]),
    ],
)
def test_more_figures_found(text: str, values: list[float]) -> None:
    assert [float(f.value) for f in figs(text)] == values


def test_bounds_before_the_verb_and_less_than() -> None:
    found = figs("收到网民留言超3000条，全年至少开展4次专项检查，答复不足50条。")
    assert [f.qualifier for f in found] == ["more_than", "at_least", "less_than"]
    assert found[0].label == "收到网民留言"


def test_lawsuit_kinds_and_other_subjects() -> None:
    got = [
        f.indicator
        for f in figs("被提起行政诉讼4件，其中未经复议直接起诉3件、复议后起诉1件，法院判决维持2件。")
    ]
    assert got == ["t4.suit.total", "t4.suit_direct.total", "t4.suit_after_review.total", "t4.suit.upheld"]
    other = figs(
        "政务服务中心窗口受理各类行政许可申请12600件，办结12580件，政府信息公开栏同步公示办理结果。"
        "全年共审理行政复议案件215件，其中维持128件。收到群众来信来访申请37件。"
    )
    assert [f.indicator for f in other] == [None] * 5


def test_labels_name_what_is_counted() -> None:
    found = figs(
        "我县成立了由12个部门组成的领导小组，确定56名兼职信息员，专区建设覆盖率从65%提高到100%。"
        "主動公開(kāi)各類政府信息(xī)2136條，辦(bàn)結(jié)率100%。编印《惠企政策汇编》5000册。"
    )
    labels = [f.label for f in found]
    assert labels[0].startswith("部门")
    assert labels[1] == "兼职信息员"
    assert labels[2] == "专区建设覆盖率"
    assert labels[3].startswith("专区建设覆盖率")
    assert labels[4] == "主动公开各类政府信息"
    assert labels[5] == "办结率"
    assert labels[6] == "编印《惠企政策汇编》"


def test_pdf_heading_is_not_joined_into_a_label() -> None:
    text = PDF_LIKE + "三、其他需要报告的事项\n本年度收取信息处理费0元，未减免。\n"
    fee = [f for f in figs(text) if f.unit == "元"][0]
    assert fee.label == "本年度收取信息处理费" or fee.label == "收取信息处理费"
