"""The JSON API: the same content as the pages, in the command line's JSON shapes.

A package's report is the object of `yusuan check --format json`; its Disclosure the JSON of
`yusuan extract` (docs/json.md); a question across packages the objects that `yusuan db query …
--format json` prints, one per row, here as one array. docs/web.md lists every route.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from decimal import Decimal
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, HTTPException, Query, Request, UploadFile
from fastapi.responses import Response

from ..checks.marks import place_in_words
from ..db import NoPackage, PackageInfo, QueryError, Store
from ..export import dumps, sheet_records
from .config import WebConfig
from .library import Library
from .safety import check_csrf, csrf_token
from .uploads import Jobs, Refused, read_units, receive, shown_name

# Every route of the API, as the API page and docs/web.md list them (a test keeps the three equal).
ROUTES: tuple[tuple[str, str, str], ...] = (
    ("GET", "/api/token", "这个浏览器的防伪令牌 {token}：脚本 POST 时以 X-CSRF-Token 头送回，连同所设的 cookie"),
    (
        "GET",
        "/api/packages",
        "库中文件（按 region, department, level, year, kind, document_type, rule, severity 筛选；limit, offset）",
    ),
    ("GET", "/api/packages/{id}", "一个文件的概要：部门、年度、地区、读取方式、表格数、错误/警告/提示数…"),
    ("GET", "/api/packages/{id}/report", "审核报告：yusuan check --format json 的对象"),
    ("GET", "/api/packages/{id}/disclosure", "读取结果：yusuan extract 的 JSON（docs/json.md）"),
    ("GET", "/api/packages/{id}/findings/{n}/marks", "第 n 条发现在页面上标出的框：page, box, cited, cell, place"),
    ("GET", "/api/departments", "一个部门历年对比（name；years 可多次给出）：yusuan db query department 的行"),
    ("GET", "/api/regions", "一个地区一个年度（region, year）：yusuan db query region 的行"),
    ("GET", "/api/regions/publication", "应公开单位（region, year）：每个单位是否已公开、错误数、文件；名单之外的文件"),
    ("POST", "/api/uploads", "上传一个文件（multipart 字段 file）；返回读取任务 202"),
    (
        "GET",
        "/api/uploads/{job}",
        "读取任务的进度：state（queued, reading, done, refused, failed）, pages_done, pages, package_id, message",
    ),
    ("POST", "/api/regions/units", "上传一个地区的单位名单（multipart 字段 region, file：CSV）"),
)


def json_response(data: Any, status: int = 200) -> Response:
    return Response(
        json.dumps(data, ensure_ascii=False, default=_default), status, media_type="application/json; charset=utf-8"
    )


def _default(value: object) -> object:
    if isinstance(value, Decimal):
        return str(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def package_data(package: PackageInfo) -> dict[str, Any]:
    return asdict(package)


def api_routes(store: Store, library: Library, jobs: Jobs, config: WebConfig) -> APIRouter:
    routes = APIRouter(prefix="/api")

    def package_or_404(package_id: int) -> PackageInfo:
        try:
            return library.package(package_id)
        except NoPackage as exc:
            raise HTTPException(404, str(exc)) from None

    @routes.get("/token")
    def token(request: Request) -> Response:
        """The token a script sends as X-CSRF-Token with its POSTs (with the cookie it is set in)."""
        return json_response({"token": csrf_token(request)})

    @routes.get("/packages")
    def packages(
        region: Annotated[str | None, Query(max_length=100)] = None,
        department: Annotated[str | None, Query(max_length=200)] = None,
        level: Annotated[str | None, Query(max_length=20)] = None,
        year: int | None = None,
        kind: Annotated[str | None, Query(max_length=10)] = None,
        document_type: Annotated[str | None, Query(max_length=40)] = None,
        rule: Annotated[str | None, Query(max_length=60)] = None,
        severity: Annotated[str | None, Query(max_length=10)] = None,
        limit: Annotated[int, Query(ge=1, le=10000)] = 1000,
        offset: Annotated[int, Query(ge=0)] = 0,
    ) -> Response:
        found = store.packages(
            region=region,
            department=department,
            level=level,
            year=year,
            kind=kind,
            document_type=document_type,
            rule=rule,
            severity=severity,
            limit=limit,
            offset=offset,
        )
        return json_response([package_data(p) for p in found])

    @routes.get("/packages/{package_id}")
    def package(package_id: int) -> Response:
        return json_response(package_data(package_or_404(package_id)))

    @routes.get("/packages/{package_id}/report")
    def report(package_id: int) -> Response:
        return json_response(library.report(package_or_404(package_id)).to_data())

    @routes.get("/packages/{package_id}/disclosure")
    def disclosure(package_id: int) -> Response:
        text = dumps(library.disclosure(package_or_404(package_id)))
        return Response(text, media_type="application/json; charset=utf-8")

    @routes.get("/packages/{package_id}/findings/{number}/marks")
    def marks(package_id: int, number: int) -> Response:
        found = package_or_404(package_id)
        findings = library.report(found).findings
        if not 0 <= number < len(findings):
            raise HTTPException(404, "没有这条发现（no such finding）")
        disclosure_ = library.disclosure(found)
        return json_response(
            [
                {
                    "page": m.page,
                    "box": list(m.box),
                    "cited": m.cited,
                    "cell": m.cell,
                    "place": place_in_words(m.source, disclosure_),
                }
                for m in library.marks(found, findings[number])
            ]
        )

    @routes.get("/departments")
    def department(
        name: Annotated[str, Query(max_length=200)], years: Annotated[list[int] | None, Query()] = None
    ) -> Response:
        try:
            sheet = store.department_years(name, years=years or None)
        except QueryError as exc:
            raise HTTPException(404, str(exc)) from None
        return json_response({"name": sheet.name, "rows": sheet_records(sheet)})

    @routes.get("/regions")
    def region(region: Annotated[str, Query(max_length=100)], year: int) -> Response:
        try:
            sheet = store.region_year(region, year)
        except QueryError as exc:
            raise HTTPException(404, str(exc)) from None
        return json_response({"name": sheet.name, "rows": sheet_records(sheet)})

    @routes.get("/regions/publication")
    def publication(region: Annotated[str, Query(max_length=100)], year: int) -> Response:
        found, unlisted = store.publication(region, year)
        return json_response(
            {
                "region": region,
                "year": year,
                "units": [
                    {
                        "name": p.publisher.name,
                        "code": p.publisher.code,
                        "published": p.published,
                        "errors": p.errors,
                        "packages": [k.id for k in p.packages],
                    }
                    for p in found
                ],
                "unlisted": [package_data(p) for p in unlisted],
            }
        )

    @routes.post("/uploads", status_code=202)
    def upload(request: Request, file: Annotated[UploadFile, File()]) -> Response:
        check_csrf(request, None)
        try:
            path = receive(file.file, config)
        except Refused as exc:
            raise HTTPException(exc.status, str(exc)) from None
        return json_response(jobs.submit(path, shown_name(file.filename)).to_data(), 202)

    @routes.get("/uploads/{job_id}")
    def upload_state(job_id: str) -> Response:
        job = jobs.get(job_id)
        if job is None:
            raise HTTPException(404, "没有这次上传（no such upload）")
        return json_response(job.to_data())

    @routes.post("/regions/units")
    def units(
        request: Request,
        region: Annotated[str, Form(min_length=1, max_length=100)],
        file: Annotated[UploadFile, File()],
    ) -> Response:
        check_csrf(request, None)
        try:
            names = read_units(file.file.read(config.max_bytes + 1), config)
        except Refused as exc:
            raise HTTPException(exc.status, str(exc)) from None
        listed = store.set_publishers(region.strip(), names)
        return json_response([{"number": p.number, "name": p.name, "code": p.code} for p in listed])

    return routes
