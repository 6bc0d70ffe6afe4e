"""The reason a report was returned is kept where the first reviewer sees it (the report list's
tooltip, a banner over the window: ``Workspace.return_reason``, ``Signers.returned``); the lock and
four-eyes refusals name the file, never a folder path."""

from __future__ import annotations

import pytest
from store_helpers import extraction

from core import messages
from core.errors import StoreError
from core.store import Workspace


def test_the_return_reason_stands_until_the_report_is_done_again(ws: Workspace) -> None:
    ws.set_reviewers("张三", "李四")
    rid = ws.add_report(extraction())
    ws.set_report_status(rid, "done", override="其余留待下一轮")
    assert ws.return_reason(rid) is None
    li = Workspace.open(ws.path, reviewer="李四")
    li.return_report(rid, "表三第（二）行与原文不符")
    assert ws.return_reason(rid) == ("李四", "表三第（二）行与原文不符")
    assert ws.signers([rid])[rid].returned == "表三第（二）行与原文不符"
    ws.set_report_status(rid, "done", override="已按退回理由改正")
    assert ws.return_reason(rid) is None
    li.close()


def test_refusals_name_the_file_not_its_folder(ws: Workspace) -> None:
    rid = ws.add_report(extraction())
    ws.set_report_status(rid, "done", override="其余留待下一轮")
    with pytest.raises(StoreError) as e:
        ws.set_indicator_value(rid, "t3.new.natural", None, "empty")
    assert str(e.value).startswith(f"{messages.shown_name(ws.report(rid).path)}: ")
    assert "/" not in str(e.value).split(":")[0]
    with pytest.raises(StoreError) as e:
        ws.set_reviewers("张三", "张三")
    assert str(e.value).startswith(f"{ws.path.name}: ")
