"""A file holding two reports (a printed 2023-vs-2024 comparison, two issuers' reports saved together)
is not read as one: it is refused with a message naming what was found, or — on a weaker sign —
imported with a load warning that says so. Never one year's cells under the other year's title."""

from __future__ import annotations

from pathlib import Path

import pytest

from core import documents
from core.errors import LoadError


def _report(issuer: str, year: int, first: int) -> str:
    return (
        f"<p>{issuer}{year}年度政府信息公开工作年度报告</p><p>一、总体情况</p><p>{year}年，我区共收到申请{first}件。</p>"
        "<p>三、收到和处理政府信息公开申请情况</p><table>"
        "<tr><td>申请人情况</td><td>自然人</td><td>商业企业</td><td>科研机构</td><td>社会公益组织</td>"
        "<td>法律服务机构</td><td>其他</td><td>总计</td></tr>"
        f"<tr><td>一、本年新收政府信息公开申请数量</td><td>{first}</td><td>0</td><td>0</td><td>0</td>"
        f"<td>0</td><td>0</td><td>{first}</td></tr></table>"
    )


def _write(tmp_path: Path, body: str, name: str = "r.html") -> Path:
    path = tmp_path / name
    path.write_text(f"<html><head><meta charset='utf-8'></head><body>{body}</body></html>", encoding="utf-8")
    return path


def test_two_years_printed_side_by_side_are_refused_naming_both(tmp_path: Path) -> None:
    """The comparison printout: one page, the two years' reports in the two columns of a layout table."""
    body = (
        "<h1>平潭综合实验区2023年与2024年政府信息公开工作年度报告对照</h1><table><tr>"
        f"<td>{_report('平潭综合实验区', 2023, 64)}</td><td>{_report('平潭综合实验区', 2024, 74)}</td>"
        "</tr></table>"
    )
    with pytest.raises(LoadError) as e:
        documents.load(_write(tmp_path, body))
    assert "2023" in e.value.reason and "2024" in e.value.reason
    assert "拆分" in e.value.reason


def test_two_issuers_reports_in_one_file_are_refused(tmp_path: Path) -> None:
    body = _report("平潭综合实验区", 2023, 64) + _report("福州市晋安区人民政府", 2023, 12)
    with pytest.raises(LoadError) as e:
        documents.load(_write(tmp_path, body))
    assert "平潭综合实验区" in e.value.reason and "福州市晋安区人民政府" in e.value.reason


def test_one_table_with_two_years_side_by_side_is_refused(tmp_path: Path) -> None:
    cells = "".join(f"<td>{v}</td>" for v in (64, 0, 0, 2, 0, 4, 70, 71, 0, 0, 3, 0, 0, 74))
    body = (
        "<p>平潭综合实验区政府信息公开工作年度报告（2023年与2024年对照）</p>"
        "<p>三、收到和处理政府信息公开申请情况</p><table>"
        "<tr><td>申请人情况</td><td colspan='7'>2023年</td><td colspan='7'>2024年</td></tr>"
        f"<tr><td>一、本年新收政府信息公开申请数量</td>{cells}</tr></table>"
    )
    with pytest.raises(LoadError) as e:
        documents.load(_write(tmp_path, body))
    assert "2023" in e.value.reason and "2024" in e.value.reason


def test_a_second_title_alone_is_a_load_warning(tmp_path: Path) -> None:
    """A page that lists last year's report under its own (a related link): imported, with a warning
    naming both titles — not refused, not silent."""
    body = (
        _report("平潭综合实验区", 2023, 64)
        + "<p>相关阅读</p><p>平潭综合实验区2022年度政府信息公开工作年度报告</p>"
    )
    doc = documents.load(_write(tmp_path, body))
    assert doc.year == 2023
    assert any("2022" in w and "2023" in w for w in doc.warnings)


def test_one_report_has_no_such_warning(tmp_path: Path) -> None:
    doc = documents.load(_write(tmp_path, _report("平潭综合实验区", 2023, 64)))
    assert doc.warnings == ()
