"""The narrative read into claims: lists with remarks in brackets and reasons given item by item."""

from __future__ import annotations

from decimal import Decimal

from yusuan.checks.statements import Claim, claims
from yusuan.model import Source
from yusuan.parse.blocks import TextLine
from yusuan.parse.narrative import lines_to_section

# Guangzhou's 三公 paragraph (n083 p81, as printed): a 其中 list whose items each give their change
# and its reasons, the second with its parts in brackets closed by "。）"
THREE_PUBLIC = (
    "2026年本部门财政拨款安排“三公”经费627万元，比上年增加46.49万元，增长8%，主要原因是本年度计划购置公务"
    "用车数量较上年有所增加。其中：因公出国（境）费40万元，比上年增加0万元，增长0%，主要原因是与上年持平，无增减"
    "变化；公务用车购置及运行维护费567.72万元（公务用车购置费230.55万元，比上年增加49.45万元；公务用车运行维护费"
    "337.17万元，比上年减少2.96万元。）比上年增加46.49万元，增长8.9%，主要原因是4辆新能源车于2026年达到5年车龄；"
    "公务接待费19.28万元，比上年增加0万元，增长0%，主要原因是与上年持平，无增减变化。"
)


def _claims(text: str) -> list[Claim]:
    source = Source("gz.pdf", page=1)
    return claims(lines_to_section("二", "“三公”经费安排情况", source, [TextLine(text, source)]), 2026)


def test_a_list_of_items_each_with_its_reasons_and_a_remark_in_brackets() -> None:
    found = _claims(THREE_PUBLIC)
    lead = found[0]
    assert lead.value == Decimal("627")
    assert [[c.value for c in group] for group in lead.part_groups] == [
        [Decimal("40"), Decimal("567.72"), Decimal("19.28")]
    ]
    assert lead.components == []
    vehicle = next(c for c in found if c.value == Decimal("567.72"))
    # the bracket remarks on 567.72: its two figures are neither parts of 627 nor new leads
    remarks = [c for c in found if c.base is vehicle]
    assert [(c.value, c.change_value()) for c in remarks] == [
        (Decimal("230.55"), Decimal("49.45")),
        (Decimal("337.17"), Decimal("-2.96")),
    ]
    # after "。）" the sentence goes on about 567.72
    assert vehicle.change_value() == Decimal("46.49") and vehicle.rate is not None
    assert vehicle.rate.figure.value == Decimal("8.9")


def test_an_item_s_own_reasons_explain_that_item() -> None:
    text = (
        "“三公”经费162.53万元，比上年增加6.2万元，增长4%，主要原因是调整了经济分类。其中：因公出国（境）费86.47万元，"
        "比上年增加3.2万元，增长3.8%，主要原因是将国内服务费3.2万元由委托业务费调整为因公出国（境）经费；公务接待费"
        "76.06万元，比上年增加3万元。"
    )
    lead, *rest = _claims(text)
    assert [[c.value for c in g] for g in lead.part_groups] == [[Decimal("86.47"), Decimal("76.06")]]
    abroad = next(c for c in rest if c.value == Decimal("86.47"))
    assert [c.value for c in abroad.components] == [Decimal("3.2")] and lead.components == []
