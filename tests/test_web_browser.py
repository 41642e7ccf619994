"""The web page in a real browser: Debian's chromium driven by Selenium through Debian's
chromedriver (both installed by `make setup`; nothing is downloaded). A real package is uploaded
and read, its report seen, a finding followed to its page with the cell highlighted (looked at in
the screenshot), the report filtered, two years of a department compared, a region's unit list
uploaded and its missing units seen, and a package full of markup shown as text.

The tests share one server and one browser and run in the order written (each goes on from the
page the one before left, as a reviewer would)."""

from __future__ import annotations

import csv
import io
import re
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import numpy
import pytest
import uvicorn
from PIL import Image
from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import Select, WebDriverWait

from yusuan.db import connect
from yusuan.web import WebConfig, create_app

from .conftest import SHARED_DATA
from .test_web import markup_package

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
REAL_PDFS = SHARED_DATA / "real_pdfs"
WANLI = "上海市普陀区人民政府万里街道办事处"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The page on the loopback address over a store holding 万里街道's 2023 and 2025 budgets
    (its 2024 budget is what the browser uploads)."""
    folder = tmp_path_factory.mktemp("browser")
    store = connect(folder / "web.db")
    paths = [REAL_PDFS / "rd04_shpt_wanlijiedao_2023_bmys.pdf", REAL_PDFS / "rd06_shpt_wanlijiedao_2025_bmys.pdf"]
    assert [r.status for r in store.ingest(paths, workers=1).results] == ["new", "new"]
    app = create_app(WebConfig(db=str(folder / "web.db"), uploads=folder / "uploads"), store)
    port = free_port()
    running = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not running.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(10)
    store.close()


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebDriver]:
    missing = [str(p) for p in (CHROMIUM, CHROMEDRIVER) if not p.exists()]
    assert not missing, f"{missing} missing: `make setup` installs Debian's chromium and chromium-driver"
    options = Options()
    options.binary_location = str(CHROMIUM)
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1280,1500",
        f"--user-data-dir={tmp_path_factory.mktemp('chromium')}",
    ):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


def wait_for(browser: WebDriver, pattern: str, seconds: float = 120) -> str:
    """The browser's URL once it matches `pattern`."""
    WebDriverWait(browser, seconds, poll_frequency=0.1).until(lambda b: re.search(pattern, b.current_url))
    return browser.current_url


def texts(browser: WebDriver, selector: str) -> list[str]:
    return [e.text for e in browser.find_elements(By.CSS_SELECTOR, selector)]


def table_texts(browser: WebDriver, table: str) -> list[list[str]]:
    """The text of every cell of a table's body, row by row (in one call to the browser)."""
    script = "return [...document.querySelectorAll('#' + arguments[0] + ' tbody tr')]"
    script += ".map(r => [...r.querySelectorAll('td')].map(c => c.innerText.trim()))"
    rows: list[list[str]] = browser.execute_script(script, table)
    return rows


def test_upload_a_real_package_and_see_its_report(browser: WebDriver, server: str) -> None:
    browser.get(server + "/")
    browser.find_element(By.ID, "upload-file").send_keys(str(REAL_PDFS / "rd05_shpt_wanlijiedao_2024_bmys.pdf"))
    browser.find_element(By.ID, "upload-button").click()
    wait_for(browser, r"/uploads/[0-9a-f]{24}$", 30)
    assert browser.find_elements(By.ID, "job-progress")  # the progress bar while it is read
    wait_for(browser, r"/packages/\d+$")
    assert browser.find_element(By.ID, "package-title").text == f"{WANLI} 2024"
    findings = browser.find_elements(By.CSS_SELECTOR, "#findings li.finding")
    assert [f.get_attribute("data-rule") for f in findings] == [
        "narrative.amount",
        "complete.empty-table-note",  # p31: the one printed table, marked 空表 but filled, said once
    ]
    assert texts(browser, "#findings .expected")[0] == "350.35" and texts(browser, "#findings .found")[0] == "352.67"


def test_follow_a_finding_to_its_highlighted_page(browser: WebDriver, server: str, tmp_path: Path) -> None:
    browser.find_elements(By.CSS_SELECTOR, "#findings a.open")[0].click()
    wait_for(browser, r"/findings/0$")
    assert browser.find_element(By.ID, "expected").text == "350.35"
    page = browser.find_element(By.ID, "page-26")
    cell = page.find_element(By.CSS_SELECTOR, "rect.mark.related.cell")
    browser.execute_script("arguments[0].scrollIntoView()", page)
    WebDriverWait(browser, 30).until(
        lambda b: b.execute_script(
            "const i = new Image(); i.src = arguments[0]; return i.complete && i.naturalWidth > 0;",
            page.find_element(By.TAG_NAME, "image").get_attribute("href"),
        )
    )
    time.sleep(0.3)
    # what a reviewer sees: the printed page, with a red-orange box round the cell 3,503,499
    shot = Image.open(io.BytesIO(page.find_element(By.TAG_NAME, "svg").screenshot_as_png)).convert("RGB")
    svg = page.find_element(By.TAG_NAME, "svg").rect
    box = cell.rect
    left, top = box["x"] - svg["x"], box["y"] - svg["y"]
    outline = [shot.getpixel((int(left + dx), int(top + 1))) for dx in range(2, int(box["width"]) - 2, 3)]
    assert sum(1 for r, g, b in outline if r > 180 and g < 170 and b < 120) > len(outline) // 2, outline
    inside = shot.crop((int(left + 3), int(top + 3), int(left + box["width"] - 3), int(top + box["height"] - 3)))
    dark = int((numpy.asarray(inside, dtype=int).sum(axis=2) < 300).sum())
    assert dark > 20  # the printed figure under the mark
    shot.save(tmp_path / "finding-page-26.png")
    assert "第26页 2024年部门一般公共预算支出功能分类预算表" in browser.find_element(By.CSS_SELECTOR, "ul.places").text


def test_filter_the_report(browser: WebDriver, server: str) -> None:
    browser.find_element(By.LINK_TEXT, "← 返回审核报告").click()
    wait_for(browser, r"/packages/\d+$")
    browser.find_element(By.CSS_SELECTOR, 'input[name="family"][value="complete"]').click()
    browser.find_element(By.ID, "apply-filters").click()
    wait_for(browser, r"family=complete")
    rows = browser.find_elements(By.CSS_SELECTOR, "#findings li.finding")
    assert [r.get_attribute("data-family") for r in rows] == ["complete"]
    assert browser.find_element(By.ID, "shown-count").text == "显示 1 / 2 条发现"
    browser.find_element(By.CSS_SELECTOR, 'input[name="severity"][value="warning"]').click()
    browser.find_element(By.ID, "apply-filters").click()
    wait_for(browser, r"severity=warning")
    assert browser.find_elements(By.CSS_SELECTOR, "#findings li.finding") == []
    assert browser.find_element(By.ID, "shown-count").text == "显示 0 / 2 条发现"


def test_compare_two_years(browser: WebDriver, server: str) -> None:
    browser.get(server + "/departments")
    Select(browser.find_element(By.ID, "department-name")).select_by_visible_text(WANLI)
    browser.find_element(By.ID, "department-go").click()
    wait_for(browser, r"name=")
    for year in ("2023", "2025"):
        browser.find_element(By.CSS_SELECTOR, f'input[name="years"][value="{year}"]').click()
    browser.find_element(By.ID, "department-go").click()
    wait_for(browser, r"years=2023&years=2025")
    header = texts(browser, "#department-sheet thead th")
    assert header[5:] == ["2023", "2025", "增减", "增减率%"]
    rows = {cells[2]: cells[5:] for cells in table_texts(browser, "department-sheet") if cells[0] == "预算支出总表"}
    assert rows["20105"] == ["627,600.00", "438,300.00", "-189,300.00", "-30.16"]
    chart = browser.find_element(By.ID, "department-chart")
    WebDriverWait(browser, 60).until(lambda b: b.execute_script("return arguments[0].naturalWidth", chart) > 0)


def test_upload_a_unit_list_and_see_the_missing_units(browser: WebDriver, server: str, tmp_path: Path) -> None:
    units = tmp_path / "putuo-units.csv"
    with units.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerows([["单位名称", "代码"], [WANLI, "101"], ["上海市普陀区教育局", "102"], ["司法局", "103"]])
    browser.get(server + "/regions?region=上海市普陀区&year=2024")
    browser.find_element(By.ID, "units-file").send_keys(str(units))
    browser.find_element(By.ID, "units-button").click()
    wait_for(browser, r"#publishers$")
    rows = [cells[1:4] for cells in table_texts(browser, "publication")]
    assert rows == [[WANLI, "101", "有错误（2）"], ["上海市普陀区教育局", "102", "未公开"], ["司法局", "103", "未公开"]]
    assert browser.find_element(By.ID, "publication-counts").text == "名单 3 个单位：已公开 1， 未公开 2，有错误 1"


def test_a_package_full_of_markup_stays_text(browser: WebDriver, server: str, tmp_path: Path) -> None:
    browser.get(server + "/")
    browser.find_element(By.ID, "upload-file").send_keys(str(markup_package(tmp_path)))
    browser.find_element(By.ID, "upload-button").click()
    wait_for(browser, r"/packages/\d+$")
    assert (
        browser.find_element(By.ID, "package-title").text == "<script>alert(1)</script>文水县人力资源和社会保障局 2026"
    )
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text  # noqa: B018 (no script of the package ran)
