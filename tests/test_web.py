"""The web page through FastAPI's test client: the report, a finding on its page, the downloads, the
JSON API in the command line's shapes, who must publish, and hostile requests, each refused or
shown harmlessly. (tests/test_web_browser.py drives the same pages in a real browser.)"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

import yusuan
from yusuan.db import Store, connect
from yusuan.web import WebConfig, create_app

from .conftest import SAMPLE, SHARED_DATA

RD05 = SHARED_DATA / "real_pdfs" / "rd05_shpt_wanlijiedao_2024_bmys.pdf"
WANLI = "上海市普陀区人民政府万里街道办事处"


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, Path]]:
    """A store holding the sample (markdown) and 万里街道's 2024 budget (PDF)."""
    folder = tmp_path_factory.mktemp("web")
    store = connect(folder / "web.db")
    results = store.ingest([SAMPLE, RD05], workers=1).results
    assert [r.status for r in results] == ["new", "new"]
    yield store, folder
    store.close()


@pytest.fixture(scope="module")
def client(stored: tuple[Store, Path]) -> Iterator[TestClient]:
    store, folder = stored
    config = WebConfig(db=str(folder / "web.db"), uploads=folder / "uploads", max_bytes=4 * 1024 * 1024, max_pages=40)
    with TestClient(create_app(config, store), base_url="http://127.0.0.1:8000") as client:
        client.get("/")  # the token's cookie
        yield client


def package_id(client: TestClient, department: str) -> int:
    [found] = [p["id"] for p in client.get("/api/packages").json() if p["department"] == department]
    return int(found)


def token(client: TestClient) -> str:
    return str(client.get("/api/token").json()["token"])


def finding_numbers(html: str) -> list[str]:
    return re.findall(r'data-severity="(\w+)" data-family="([\w-]+)"', html)  # type: ignore[return-value]


def test_the_report_lists_errors_first_and_filters(client: TestClient) -> None:
    sample = package_id(client, "文水县人力资源和社会保障局")
    page = client.get(f"/packages/{sample}")
    assert page.status_code == 200
    severities = [s for s, _ in finding_numbers(page.text)]
    assert (severities.count("error"), severities.count("warning"), severities.count("info")) == (10, 40, 27)
    assert severities == sorted(severities, key=["error", "warning", "info"].index)
    assert "显示 77 / 77 条发现" in page.text
    errors = client.get(f"/packages/{sample}", params={"severity": "error"}).text
    assert [s for s, _ in finding_numbers(errors)] == ["error"] * 10
    perf = client.get(f"/packages/{sample}", params={"family": "perf", "severity": ["error", "warning"]}).text
    chosen = finding_numbers(perf)
    assert chosen and {f for _, f in chosen} == {"perf"} and {s for s, _ in chosen} <= {"error", "warning"}
    assert "显示 " + str(len(chosen)) + " / 77 条发现" in perf


def test_a_finding_on_its_page_with_the_cited_cell_highlighted(client: TestClient) -> None:
    """万里街道 2024: the 情况说明 states 352.67 for 住房公积金 where 表6 prints 3,503,499 元 (p. 26);
    the finding's page shows page 9 with its line marked and page 26 with the very cell marked."""
    wanli = package_id(client, WANLI)
    report = client.get(f"/api/packages/{wanli}/report").json()
    assert [f["rule"] for f in report["findings"]] == [
        "narrative.amount",
        "complete.empty-table-note",  # p31: the one printed table, marked 空表 but filled, said once
    ]
    page = client.get(f"/packages/{wanli}/findings/0").text
    assert "第9页（标出 1 处）" in page and "第26页（标出 1 处）" in page
    assert '<rect class="mark cited" x="80.7" y="354.0" width="687.0" height="15.0">' in page
    assert '<rect class="mark related cell" x="490.55" y="158.078' in page
    assert "“住房公积金”（2210201）" in page and "“一般公共预算支出/合计”列" in page
    marks = client.get(f"/api/packages/{wanli}/findings/0/marks").json()
    assert [(m["page"], m["cited"], m["cell"]) for m in marks] == [(9, True, False), (26, False, True)]
    assert marks[1]["box"] == pytest.approx([492.05, 159.578, 546.05, 171.578])
    picture = client.get(f"/packages/{wanli}/pages/26")
    assert picture.headers["content-type"] == "image/png" and picture.content.startswith(b"\x89PNG")
    assert client.get(f"/packages/{wanli}/pages/99").status_code == 404
    table = client.get(
        f"/packages/{wanli}/tables", params={"table": "general_expenditure", "row": 62, "column": "total"}
    )
    marked = re.search(r'<tr class="role-item marked" id="mark">(.*?)</tr>', table.text, re.S)
    assert marked is not None and "住房公积金" in marked.group(1)
    assert re.search(r'<td class="n marked-cell">3,503,499.00</td>', marked.group(1))


def test_a_text_finding_quotes_its_lines(client: TestClient) -> None:
    sample = package_id(client, "文水县人力资源和社会保障局")
    report = client.get(f"/api/packages/{sample}/report").json()
    number = next(i for i, f in enumerate(report["findings"]) if f["rule"] == "total.code-hierarchy")
    assert report["findings"][number]["location"]["line"] == 124
    page = client.get(f"/packages/{sample}/findings/{number}").text
    hits = re.findall(r'<div class="hit"><span class="no">(\d+)</span>([^<]*)</div>', page)
    assert hits[0] == ("124", "| 20801 | 人力资源和社会保障管理事务 | 1705.35 | 1705.35 | | | | | |")
    assert [n for n, _ in hits] == ["124", "125", "126", "127"]


def test_a_two_sided_table_is_shown_side_by_side(client: TestClient) -> None:
    sample = package_id(client, "文水县人力资源和社会保障局")
    page = client.get(f"/packages/{sample}/tables", params={"table": "budget_summary", "row": 1}).text
    summary = page[page.index('data-kind="budget_summary"') :]
    summary = summary[: summary.index("</table>")]
    lines = re.findall(r'<tr class="line[^"]*"[^>]*>(.*?)</tr>', summary, re.S)
    cells = [
        [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", line, re.S)] for line in lines
    ]
    # 收入: code, name, 2026年 | 支出: code, name, 合计, 当年, 上年结转 | source
    assert cells[0] == ["", "一、一般公共预算", "3,598.49", "201", "一、一般公共服务支出", "", "", "", "L73"]
    assert cells[5][:3] == ["", "", ""] and cells[5][4] == "六、科学技术支出"
    totals = [c for c in cells if c[1] == "本年收入合计"]
    assert totals == [["", "本年收入合计", "3,598.49", "", "本年支出合计", "3,776.24", "3,598.49", "177.75", "L107"]]
    assert cells[-1][1:] == ["收入总计", "3,776.24", "", "支出总计", "3,776.24", "3,598.49", "177.75", "L109"]
    # row 1 is the first expenditure row: its line is marked, and so is the row it faces
    marked = re.findall(r'<tr class="line marked" id="mark">', summary)
    assert len(marked) == 1 and summary.index('id="mark"') < summary.index("二、外交支出")


def test_downloads_are_the_command_lines_report(client: TestClient) -> None:
    sample = package_id(client, "文水县人力资源和社会保障局")
    expected = yusuan.check(yusuan.read(SAMPLE.resolve())).to_data()
    as_json = client.get(f"/packages/{sample}/report.json")
    assert as_json.headers["content-disposition"] == f'attachment; filename="report-{sample}.json"'
    assert as_json.json() == expected
    assert client.get(f"/api/packages/{sample}/report").json() == expected
    book = load_workbook(io.BytesIO(client.get(f"/packages/{sample}/report.xlsx").content))
    rows = list(book.active.iter_rows(values_only=True))  # type: ignore[union-attr]
    assert rows[0][:5] == ("序号", "严重程度", "规则", "规则名称", "说明") and len(rows) == 1 + 77
    assert [r[1] for r in rows[1:12]] == ["错误"] * 10 + ["警告"]
    html = client.get(f"/packages/{sample}/report.html").text
    assert html.startswith("<!DOCTYPE html>") and "文水县人力资源和社会保障局 2026 预算公开审核报告" in html
    assert client.get(f"/packages/{sample}/report.pdf").status_code == 404


def test_the_api_has_the_command_lines_shapes(client: TestClient, stored: tuple[Store, Path]) -> None:
    store, _ = stored
    sample = package_id(client, "文水县人力资源和社会保障局")
    disclosure = client.get(f"/api/packages/{sample}/disclosure").json()
    assert disclosure == json.loads(yusuan.export.dumps(store.disclosure(sample)))
    assert disclosure["department"] == "文水县人力资源和社会保障局" and len(disclosure["tables"]) == 13
    listed = client.get("/api/packages", params={"region": "上海市普陀区"}).json()
    assert [(p["department"], p["year"], p["errors"]) for p in listed] == [(WANLI, 2024, 2)]
    region = client.get("/api/regions", params={"region": "上海市普陀区", "year": 2024}).json()
    assert region["name"] == "上海市普陀区2024年（万元）" and region["rows"][0]["部门"] == WANLI
    assert client.get("/api/packages/999").status_code == 404
    assert client.get("/api/packages/999").json() == {"error": "库中没有编号为 999 的文件（no such package）"}


def test_who_must_publish(client: TestClient) -> None:
    csv = "单位名称,代码\n上海市普陀区人民政府万里街道办事处,101\n上海市普陀区教育局,102\n".encode()
    refused = client.post("/regions/units", data={"region": "上海市普陀区"}, files={"file": ("u.csv", csv)})
    assert refused.status_code == 403  # no token
    sent = client.post(
        "/regions/units",
        data={"region": "上海市普陀区", "year": "2024", "csrf": token(client)},
        files={"file": ("units.csv", csv)},
        follow_redirects=False,
    )
    assert sent.status_code == 303 and sent.headers[
        "location"
    ] == "/regions?region=上海市普陀区&year=2024#publishers".replace(
        "上海市普陀区", "%E4%B8%8A%E6%B5%B7%E5%B8%82%E6%99%AE%E9%99%80%E5%8C%BA"
    )
    page = client.get("/regions", params={"region": "上海市普陀区", "year": 2024}).text
    assert "名单 2 个单位：已公开 1，" in page and "未公开 <b>1</b>，有错误 <b>1</b>" in page
    rows = re.findall(r'<tr class="(\w+)">\s*<td class="n">\d+</td><td>([^<]+)</td>', page)
    assert rows == [("errors", WANLI), ("missing", "上海市普陀区教育局")]
    data = client.get("/api/regions/publication", params={"region": "上海市普陀区", "year": 2024}).json()
    assert [(u["name"], u["code"], u["published"], u["errors"]) for u in data["units"]] == [
        (WANLI, "101", True, 2),
        ("上海市普陀区教育局", "102", False, 0),
    ]
    binary = client.post(
        "/regions/units",
        data={"region": "上海市普陀区", "csrf": token(client)},
        files={"file": ("units.csv", b"\x00\x01\x02 not text")},
    )
    assert (
        binary.status_code == 415
        and "单位名单不是可读的 CSV 文本：不是文本文件（binary file, not text）" in binary.text
    )


def test_a_finding_names_the_culprit_cell(client: TestClient, tmp_path: Path) -> None:
    """The sample with 表3's 社会保险补贴 printed 355.51 instead of 355.15: the three identities it
    breaks each name the culprit cell and the value that mends them."""
    altered = tmp_path / "typo.md"
    text = SAMPLE.read_text(encoding="utf-8")
    altered.write_text(
        text.replace("| 2080704 | 社会保险补贴 | 355.15 | | 355.15 |", "| 2080704 | 社会保险补贴 | 355.51 | | 355.15 |")
    )
    state = wait(client, upload(client, "typo.md", altered.read_bytes()).headers["location"])  # type: ignore[attr-defined]
    report = client.get(f"/api/packages/{state['package_id']}/report").json()
    [culprit] = [n for n, f in enumerate(report["findings"]) if f["rule"] == "culprit.cell"]
    naming = [
        n
        for n in range(len(report["findings"]))
        if 'id="culprit"' in client.get(f"/packages/{state['package_id']}/findings/{n}").text
    ]
    assert [report["findings"][n]["rule"] for n in naming] == [
        "total.code-hierarchy",
        "total.basic-project",
        "xtable.income-expenditure",
    ]
    page = client.get(f"/packages/{state['package_id']}/findings/{naming[0]}").text
    block = page[page.index('id="culprit"') :]
    assert "表3“社会保险补贴（2080704）”合计 为 355.51" in block and "若改为 <b>355.15</b>" in block
    assert f'href="/packages/{state["package_id"]}/findings/{culprit}"' in block


# ---------------------------------------------------------------------------------------------
# hostile requests


def upload(client: TestClient, name: str, content: bytes, **headers: str) -> object:
    return client.post(
        "/upload",
        data={"csrf": token(client)},
        files={"file": (name, content)},
        headers=headers,
        follow_redirects=False,
    )


def wait(client: TestClient, location: str) -> dict[str, object]:
    """The upload's job once it has finished."""
    job = location.rsplit("/", 1)[-1]
    for _ in range(600):
        state: dict[str, object] = client.get(f"/api/uploads/{job}").json()
        if state["state"] not in ("queued", "reading"):
            return state
        import time

        time.sleep(0.1)
    raise AssertionError("the upload was not read within a minute")


def uploads_of(stored: tuple[Store, Path]) -> list[str]:
    return sorted(p.name for p in (stored[1] / "uploads").glob("*")) if (stored[1] / "uploads").exists() else []


def test_an_oversized_upload_is_refused_while_it_arrives(client: TestClient, stored: tuple[Store, Path]) -> None:
    before = uploads_of(stored)
    big = upload(client, "big.pdf", b"%PDF-1.4\n" + b"0" * (4 * 1024 * 1024))
    assert big.status_code == 413 and "文件过大：上限 4 MB" in big.text  # type: ignore[attr-defined]

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it streams in
        for _ in range(5):
            yield b"x" * (1024 * 1024)

    streamed = client.post("/upload", content=chunks(), headers={"content-type": "multipart/form-data; boundary=b"})
    assert streamed.status_code == 413
    assert uploads_of(stored) == before


def test_content_decides_not_the_name(client: TestClient, stored: tuple[Store, Path]) -> None:
    before = uploads_of(stored)
    for name, content, reason in [
        ("budget.pdf", b"\x7fELF\x02\x01\x01" + bytes(range(256)) * 8, "不是文本文件"),
        ("budget.xlsx", _zip_of({"hello.txt": b"hi"}), "ZIP 文件既不是 XLSX 也不是 DOCX"),
        ("budget.md", b"", "文件为空"),
    ]:
        refused = upload(client, name, content)
        assert refused.status_code == 415 or refused.status_code == 400, name  # type: ignore[attr-defined]
        assert reason in refused.text, (name, refused.text)  # type: ignore[attr-defined]
    assert uploads_of(stored) == before
    # the sample's markdown sent as "report.pdf" is kept and read as the text it is
    sent = upload(client, "report.pdf", SAMPLE.read_bytes())
    assert sent.status_code == 303  # type: ignore[attr-defined]
    state = wait(client, sent.headers["location"])  # type: ignore[attr-defined]
    assert state["state"] == "done" and state["name"] == "report.pdf"
    kept = [n for n in uploads_of(stored) if n not in before]
    assert len(kept) == 1 and re.fullmatch(r"[0-9a-f]{64}\.md", kept[0])
    assert client.get(f"/api/packages/{state['package_id']}").json()["reader"] == "markdown"


def test_a_document_that_is_no_disclosure_is_refused_with_the_readers_reason(client: TestClient) -> None:
    """A real PDF that is no budget disclosure (a 重庆 notice): the upload is taken, the reader
    refuses it, and the progress page says why without the server's path of the file."""
    sent = upload(client, "notice.pdf", (SHARED_DATA / "national" / "n178_chongqing.pdf").read_bytes())
    state = wait(client, sent.headers["location"])  # type: ignore[attr-defined]
    assert state["state"] == "refused" and state["package_id"] is None
    assert state["message"] == "不是部门预算公开文件：没有找到预算表或情况说明（not a budget disclosure）"
    page = client.get(sent.headers["location"]).text  # type: ignore[attr-defined]
    assert "无法读取：不是部门预算公开文件" in page and "yusuan-uploads" not in page and "uploads/" not in page


def test_a_path_in_a_file_name_reaches_no_file(client: TestClient, stored: tuple[Store, Path], tmp_path: Path) -> None:
    target = tmp_path / "evil.md"
    name = "../" * 12 + str(target).lstrip("/")
    sent = upload(client, name, SAMPLE.read_bytes() + b"\n")
    state = wait(client, sent.headers["location"])  # type: ignore[attr-defined]
    assert state["state"] == "done" and state["name"] == "evil.md"
    assert not target.exists()
    assert all(re.fullmatch(r"[0-9a-f]{64}\.\w+", n) for n in uploads_of(stored))


def test_a_package_full_of_markup_is_shown_as_text(client: TestClient, tmp_path: Path) -> None:
    hostile = markup_package(tmp_path)
    sent = upload(client, '<img src=x onerror="alert(1)">.md', hostile.read_bytes())
    state = wait(client, sent.headers["location"])  # type: ignore[attr-defined]
    assert state["state"] == "done"
    page = client.get(f"/packages/{state['package_id']}")
    assert "<script>alert(1)</script>" not in page.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;文水县人力资源和社会保障局" in page.text
    assert "script-src 'self'" in page.headers["content-security-policy"]
    tables = client.get(f"/packages/{state['package_id']}/tables").text
    assert "<b onmouseover" not in tables and "&lt;b onmouseover=alert(2)&gt;" in tables
    progress = client.get(sent.headers["location"], follow_redirects=False)  # type: ignore[attr-defined]
    assert progress.status_code == 303  # done: on to the report
    listed = client.get("/").text
    assert "<script>alert(1)" not in listed and "&lt;script&gt;alert(1)" in listed


def markup_package(folder: Path) -> Path:
    """The sample with markup where the department's name and a row's name stand."""
    text = SAMPLE.read_text(encoding="utf-8")
    text = text.replace("文水县人力资源和社会保障局", "<script>alert(1)</script>文水县人力资源和社会保障局", 3)
    text = text.replace("| 社会保险补贴 |", "| <b onmouseover=alert(2)>社会保险补贴 |")
    path = folder / "markup.md"
    path.write_text(text, encoding="utf-8")
    return path


def test_no_request_path_reaches_the_file_system(client: TestClient) -> None:
    assert client.get("/static/style.css").headers["content-type"] == "text/css; charset=utf-8"
    for path in ("/static/../app.py", "/static/%2e%2e%2fapp.py", "/static/..%2F..%2Fpyproject.toml", "/static/app.py"):
        assert client.get(path).status_code == 404, path
    assert client.get("/packages/1/pages/..%2F..%2Fetc%2Fpasswd").status_code in (404, 422)
    assert client.get("/uploads/..%2F..%2Fetc").status_code == 404


def test_state_changing_requests_need_the_token_and_this_site(client: TestClient) -> None:
    content = SAMPLE.read_bytes()
    assert client.post("/upload", files={"file": ("a.md", content)}).status_code == 403
    forged = client.post("/upload", data={"csrf": "x" * 32}, files={"file": ("a.md", content)})
    assert forged.status_code == 403 and "防伪令牌" in forged.text
    other_site = upload(client, "a.md", content, origin="http://evil.example")
    assert other_site.status_code == 403  # type: ignore[attr-defined]
    assert client.post("/api/uploads", files={"file": ("a.md", content)}).status_code == 403
    api = client.post("/api/uploads", files={"file": ("a.md", content)}, headers={"x-csrf-token": token(client)})
    assert api.status_code == 202 and api.json()["state"] in ("queued", "reading", "done")
    cookie = client.cookies.get("yusuan_csrf")
    page = client.get("/").text
    assert f'name="csrf" value="{cookie}"' in page


def test_too_many_pages(client: TestClient, stored: tuple[Store, Path], tmp_path: Path) -> None:
    """The app takes 40 pages at most: a 41-page copy of a real PDF is refused before reading."""
    import pypdfium2  # type: ignore[import-untyped]

    longer = pypdfium2.PdfDocument(str(RD05))
    longer.import_pages(pypdfium2.PdfDocument(str(RD05)), [0, 1, 2, 3, 4, 5, 6, 7])
    path = tmp_path / "long.pdf"
    longer.save(str(path))
    before = uploads_of(stored)
    refused = upload(client, "long.pdf", path.read_bytes())
    assert refused.status_code == 413 and "页数过多：41 页，上限 40 页" in refused.text  # type: ignore[attr-defined]
    assert uploads_of(stored) == before


def test_the_api_is_documented(client: TestClient) -> None:
    from yusuan.web.api import ROUTES

    paths = client.get("/api/openapi.json").json()["paths"]
    app_routes = {
        (method.upper(), path.replace("{package_id}", "{id}").replace("{number}", "{n}").replace("{job_id}", "{job}"))
        for path, methods in paths.items()
        if path.startswith("/api/")
        for method in methods
    }
    assert app_routes == {(m, p) for m, p, _ in ROUTES}
    doc = (Path(__file__).resolve().parent.parent / "docs" / "web.md").read_text(encoding="utf-8")
    assert [f"`{m} {p}`" for m, p, _ in ROUTES if f"`{m} {p}`" not in doc] == []
    page = client.get("/api").text
    assert all(f"<code>{p}</code>" in page for _, p, _ in ROUTES)


def _zip_of(files: dict[str, bytes]) -> bytes:
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return out.getvalue()


def test_serve_listens_on_this_machine_unless_told() -> None:
    from click.testing import CliRunner

    from yusuan.cli import main

    result = CliRunner().invoke(main, ["serve", "--help"])
    assert result.exit_code == 0 and "[default: 127.0.0.1]" in result.output


def test_a_four_panel_table_shows_its_four_panels(tmp_path: Path) -> None:
    """Xi'an n142 表1 prints its income beside three views of its spending (功能分类, 部门预算经济分类,
    政府预算经济分类): the page shows the four panels side by side, as printed, none left out."""
    path = SHARED_DATA / "national" / "n142_xian.pdf"
    store = connect(tmp_path / "xian.db")
    [result] = store.ingest([path], workers=1).results
    assert result.status == "new" and result.package_id is not None
    config = WebConfig(db=str(tmp_path / "xian.db"), uploads=tmp_path / "uploads", max_bytes=1 << 22, max_pages=40)
    with TestClient(create_app(config, store), base_url="http://127.0.0.1:8000") as client:
        page = client.get(f"/packages/{result.package_id}/tables").text
    store.close()
    summary = page[page.index('data-kind="budget_summary"') :]
    summary = summary[: summary.index("</table>")]
    heads = re.findall(r'<th colspan="\d+" class="side side-(\w+)">([^<]*)</th>', summary)
    assert heads == [
        ("income", "收入"),
        ("expenditure", "支出（功能分类）"),
        ("dept_econ", "支出（部门预算经济分类）"),
        ("gov_econ", "支出（政府预算经济分类）"),
    ]
    lines = re.findall(r'<tr class="line[^"]*"[^>]*>(.*?)</tr>', summary, re.S)
    cells = [
        [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", line, re.S)] for line in lines
    ]
    names = [{c for c in line if c} for line in cells]
    for name in ("5、教育支出", "1、人员经费和公用经费支出", "2、专项业务经费支出"):
        assert any(name in line for line in names), name
    # each panel's 本年支出合计 faces the income's 本年收入合计 on one line
    (totals,) = [line for line in cells if "本年收入合计" in line]
    assert totals == ["", "本年收入合计", "480,544,221.62"] + ["", "本年支出合计", "480,544,221.62"] * 3 + ["p.29"]
