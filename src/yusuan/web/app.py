"""The application: `create_app(config)` → a FastAPI app whose pages are Jinja templates rendered on
the server (autoescaped: whatever a package says is shown as text), over the store and the
front door. The JSON API is `api.py`; the safety middleware `safety.py`.
"""

from __future__ import annotations

import io
import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import FastAPI, File, Form, HTTPException, Query, Request, UploadFile
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from .. import Severity, __version__
from ..checks import Family
from ..checks.html import reports_to_html
from ..checks.marks import cited_pages, place_in_words
from ..checks.output import SEVERITY_LABELS, report_sheet
from ..db import NoPackage, PackageInfo, QueryError, Store, connect
from ..export import write_sheets
from ..export.flat import Sheet
from ..model import Column, Row, Table, TableKind
from ..render.layout import facing_rows, side_labels, table_sides
from ..text import amount_text
from .api import ROUTES, api_routes, json_response
from .config import WebConfig
from .library import Library, chosen, culprits, entries
from .safety import CSRF_FIELD, Guard, check_csrf, csrf_token
from .uploads import Jobs, Refused, read_units, receive, shown_name

HERE = Path(__file__).parent
DEPARTMENTS = "SELECT DISTINCT department FROM packages WHERE department IS NOT NULL ORDER BY department"
STATIC_TYPES = {".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8"}


def create_app(config: WebConfig | None = None, store: Store | None = None) -> FastAPI:
    """The web page over the store `config.db` (or `store`, when given)."""
    config = config or WebConfig()
    opened = store or connect(config.db)
    library = Library(opened)

    def ingest(path: Path, pages: Any) -> tuple[int | None, str | None]:
        result = opened.ingest_file(path, pages=pages)
        return result.package_id, result.reason

    jobs = Jobs(ingest)

    @asynccontextmanager
    async def lifetime(_app: FastAPI) -> AsyncIterator[None]:
        yield
        jobs.close()
        if store is None:
            opened.close()

    app = FastAPI(
        title="yusuan",
        version=__version__,
        lifespan=lifetime,
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.config, app.state.library, app.state.jobs = config, library, jobs
    templates = Jinja2Templates(directory=HERE / "templates")
    templates.env.globals.update(
        severity_label=lambda s: SEVERITY_LABELS[Severity(s)],
        families=list(Family),
        version=__version__,
        csrf_field=CSRF_FIELD,
        facing=_facing,
        panels=_panels,
    )
    templates.env.filters.update(amount=_amount, kind_label=_kind_label)
    static = {
        path.name: (path.read_bytes(), STATIC_TYPES[path.suffix]) for path in sorted((HERE / "static").iterdir())
    }

    @app.get("/static/{name}")
    def static_file(name: str) -> Response:
        """The page's style sheet and script, read once when the app is made: a request's path
        names an entry of this table, never a file."""
        if name not in static:
            raise HTTPException(404, "没有这个文件（not found）")
        body, media = static[name]
        return Response(body, media_type=media, headers={"cache-control": "public, max-age=3600"})

    def page(request: Request, template: str, code: int = 200, **context: Any) -> HTMLResponse:
        context.update(request=request, csrf=csrf_token(request))
        return templates.TemplateResponse(request, template, context, status_code=code)

    def package_or_404(package_id: int) -> PackageInfo:
        try:
            return library.package(package_id)
        except NoPackage as exc:
            raise HTTPException(404, str(exc)) from None

    @app.exception_handler(HTTPException)
    async def refused(request: Request, exc: HTTPException) -> Response:
        if request.url.path.startswith("/api/"):
            return json_response({"error": exc.detail}, exc.status_code)
        return page(request, "error.html", exc.status_code, message=exc.detail, status=exc.status_code)

    # ----------------------------------------------------------------------- upload → report

    @app.get("/", response_class=HTMLResponse)
    def home(request: Request) -> HTMLResponse:
        latest = opened.sql("SELECT id FROM packages ORDER BY ingested_at DESC, id DESC LIMIT 10")
        recent = [opened.package(int(str(row[0]))) for row in latest.rows]
        return page(request, "home.html", recent=recent, config=config)

    @app.post("/upload")
    def upload(
        request: Request, file: Annotated[UploadFile, File()], csrf: Annotated[str | None, Form()] = None
    ) -> Response:
        check_csrf(request, csrf)
        try:
            path = receive(file.file, config)
        except Refused as exc:
            return page(request, "error.html", exc.status, message=str(exc), status=exc.status)
        job = jobs.submit(path, shown_name(file.filename))
        return RedirectResponse(f"/uploads/{job.id}", 303)

    @app.get("/uploads/{job_id}", response_class=HTMLResponse)
    def upload_progress(request: Request, job_id: Annotated[str, PathParam(max_length=24)]) -> Response:
        job = jobs.get(job_id)
        if job is None:
            raise HTTPException(404, "没有这次上传（no such upload）")
        if job.state == "done":
            return RedirectResponse(f"/packages/{job.package_id}", 303)
        return page(request, "upload.html", job=job)

    @app.get("/packages/{package_id}", response_class=HTMLResponse)
    def report_page(
        request: Request,
        package_id: int,
        severity: Annotated[list[str] | None, Query()] = None,
        family: Annotated[list[str] | None, Query()] = None,
    ) -> HTMLResponse:
        package = package_or_404(package_id)
        report = library.report(package)
        listed = entries(report)
        severities, families = severity or [], family or []
        return page(
            request,
            "report.html",
            package=package,
            report=report,
            shown=chosen(listed, severities, families),
            total=len(listed),
            severities=severities,
            chosen_families=families,
            present_families=[f for f in Family if any(e.family is f for e in listed)],
            tab="report",
        )

    @app.get("/packages/{package_id}/findings/{number}", response_class=HTMLResponse)
    def finding_page(request: Request, package_id: int, number: int) -> HTMLResponse:
        package = package_or_404(package_id)
        report = library.report(package)
        if not 0 <= number < len(report.findings):
            raise HTTPException(404, "没有这条发现（no such finding）")
        finding = report.findings[number]
        disclosure = library.disclosure(package)
        marks = library.marks(package, finding)
        pages = []
        for number_ in cited_pages(finding):
            picture = library.picture(package, number_)
            if picture is not None:
                pages.append((number_, picture, [m for m in marks if m.page == number_]))
        lines = library.lines(package)
        cited_lines = sorted({s.line for s in (finding.location, *finding.related) if s.line is not None})
        excerpt = _excerpt(lines, cited_lines)
        places = [(place_in_words(s, disclosure), s) for s in (finding.location, *finding.related)]
        return page(
            request,
            "finding.html",
            package=package,
            report=report,
            number=number,
            finding=finding,
            rule=_rule(finding.rule),
            pages=pages,
            excerpt=excerpt,
            cited_lines=cited_lines,
            places=places,
            culprits=culprits(report, finding),
            tab="report",
        )

    @app.get("/packages/{package_id}/pages/{page_number}")
    def page_image(package_id: int, page_number: int) -> Response:
        package = package_or_404(package_id)
        try:
            picture = library.picture(package, page_number)
        except Exception:
            picture = None
        if picture is None:
            raise HTTPException(404, "没有这一页的图像（no page image）")
        return Response(picture.png, media_type="image/png", headers={"cache-control": "private, max-age=3600"})

    @app.get("/packages/{package_id}/report.{fmt}")
    def download(package_id: int, fmt: str) -> Response:
        package = package_or_404(package_id)
        report = library.report(package)
        stem = f"report-{package.id}"
        if fmt == "json":
            body = json_response(report.to_data()).body
            media = "application/json"
        elif fmt == "html":
            body = reports_to_html([(library.disclosure(package), report)]).encode("utf-8")
            media = "text/html; charset=utf-8"
        elif fmt == "xlsx":
            buffer = io.BytesIO()
            write_sheets([report_sheet(report)], buffer)
            body = buffer.getvalue()
            media = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        else:
            raise HTTPException(404, "没有这种格式（html, json, xlsx）")
        return Response(body, media_type=media, headers={"content-disposition": f'attachment; filename="{stem}.{fmt}"'})

    # ----------------------------------------------------------------------- a package as read

    @app.get("/packages/{package_id}/tables", response_class=HTMLResponse)
    def tables_page(
        request: Request,
        package_id: int,
        table: Annotated[str | None, Query(max_length=40)] = None,
        row: int | None = None,
        column: Annotated[str | None, Query(max_length=40)] = None,
    ) -> HTMLResponse:
        package = package_or_404(package_id)
        disclosure = library.disclosure(package)
        return page(
            request,
            "tables.html",
            package=package,
            disclosure=disclosure,
            mark=(table, row, column),
            tab="tables",
        )

    @app.get("/packages/{package_id}/narrative", response_class=HTMLResponse)
    def narrative_page(request: Request, package_id: int) -> HTMLResponse:
        package = package_or_404(package_id)
        return page(request, "narrative.html", package=package, disclosure=library.disclosure(package), tab="narrative")

    @app.get("/packages/{package_id}/forms", response_class=HTMLResponse)
    def forms_page(request: Request, package_id: int) -> HTMLResponse:
        package = package_or_404(package_id)
        return page(request, "forms.html", package=package, disclosure=library.disclosure(package), tab="forms")

    @app.get("/packages", response_class=HTMLResponse)
    def packages_page(
        request: Request,
        region: Annotated[str | None, Query(max_length=100)] = None,
        level: Annotated[str | None, Query(max_length=20)] = None,
        year: Annotated[str | None, Query(max_length=4)] = None,
        kind: Annotated[str | None, Query(max_length=10)] = None,
        findings: Annotated[str | None, Query(max_length=10)] = None,
    ) -> HTMLResponse:
        chosen_year = int(year) if year and year.isdigit() else None
        listed = filtered_packages(opened, region or None, level or None, chosen_year, kind or None, findings)
        return page(
            request,
            "packages.html",
            packages=listed,
            choices=_choices(opened),
            chosen={"region": region, "level": level, "year": year, "kind": kind, "findings": findings},
        )

    # ----------------------------------------------------------------------- across packages

    @app.get("/departments", response_class=HTMLResponse)
    def department_page(
        request: Request,
        name: Annotated[str | None, Query(max_length=200)] = None,
        years: Annotated[list[int] | None, Query()] = None,
    ) -> HTMLResponse:
        names = [str(row[0]) for row in opened.sql(DEPARTMENTS).rows]
        sheet, message, available = None, None, []
        if name:
            available = sorted({p.year for p in opened.packages(department=name) if p.year is not None})
            try:
                sheet = opened.department_years(name, years=years or None)
            except QueryError as exc:
                message = str(exc)
        return page(
            request,
            "department.html",
            names=names,
            name=name,
            years=years or [],
            available=available,
            sheet=sheet,
            message=message,
        )

    @app.get("/departments/chart")
    def department_chart_png(
        name: Annotated[str, Query(max_length=200)], years: Annotated[list[int] | None, Query()] = None
    ) -> Response:
        from ..render.answers import department_chart

        try:
            sheet = opened.department_years(name, years=years or None)
        except QueryError as exc:
            raise HTTPException(404, str(exc)) from None
        return Response(_chart(department_chart, sheet), media_type="image/png")

    @app.get("/regions", response_class=HTMLResponse)
    def region_page(
        request: Request,
        region: Annotated[str | None, Query(max_length=100)] = None,
        year: Annotated[str | None, Query(max_length=4)] = None,
    ) -> HTMLResponse:
        regions = _choices(opened)["region"]
        chosen_year = int(year) if year and year.isdigit() else None
        sheet = publication = unlisted = None
        years: list[int] = []
        if region:
            years = sorted({p.year for p in opened.packages(region=region) if p.year is not None})
            if chosen_year is None and years:
                chosen_year = years[-1]
        if region and chosen_year is not None:
            try:
                sheet = opened.region_year(region, chosen_year)
            except QueryError:
                sheet = None
            publication, unlisted = opened.publication(region, chosen_year)
        return page(
            request,
            "region.html",
            regions=regions,
            region=region,
            year=chosen_year,
            years=years,
            sheet=sheet,
            publication=publication,
            unlisted=unlisted,
            listed=opened.publishers(region) if region else [],
        )

    @app.get("/regions/chart")
    def region_chart_png(region: Annotated[str, Query(max_length=100)], year: int) -> Response:
        from ..render.answers import region_chart

        try:
            sheet = opened.region_year(region, year)
        except QueryError as exc:
            raise HTTPException(404, str(exc)) from None
        return Response(_chart(region_chart, sheet), media_type="image/png")

    @app.post("/regions/units")
    def units_upload(
        request: Request,
        region: Annotated[str, Form(min_length=1, max_length=100)],
        file: Annotated[UploadFile, File()],
        year: Annotated[str | None, Form(max_length=4)] = None,
        csrf: Annotated[str | None, Form()] = None,
    ) -> Response:
        check_csrf(request, csrf)
        try:
            names = read_units(file.file.read(config.max_bytes + 1), config)
        except Refused as exc:
            return page(request, "error.html", exc.status, message=str(exc), status=exc.status)
        opened.set_publishers(region.strip(), names)
        query = {"region": region.strip(), **({"year": year} if year and year.isdigit() else {})}
        return RedirectResponse(f"/regions?{urlencode(query)}#publishers", 303)

    @app.get("/api", response_class=HTMLResponse)
    def api_page(request: Request) -> HTMLResponse:
        return page(request, "api.html", routes=ROUTES)

    for route in app.routes:  # the OpenAPI description is the JSON API's, not the pages'
        if hasattr(route, "include_in_schema"):
            route.include_in_schema = False
    app.include_router(api_routes(opened, library, jobs, config))
    app.add_middleware(Guard, max_bytes=config.max_bytes)  # type: ignore[arg-type]
    return app


def filtered_packages(
    store: Store, region: str | None, level: str | None, year: int | None, kind: str | None, findings: str | None
) -> list[PackageInfo]:
    """The packages the list's filters pick: `findings` "errors" (some error), "clean" (none),
    "warnings" (some warning)."""
    severity = {"errors": "error", "warnings": "warning"}.get(findings or "")
    listed = store.packages(region=region, level=level, year=year, kind=kind, severity=severity)
    if findings == "clean":
        listed = [p for p in listed if p.errors == 0]
    return listed


def _choices(store: Store) -> dict[str, list[Any]]:
    sheet = store.sql("SELECT DISTINCT region, level, year, kind FROM packages")
    values: dict[str, set[Any]] = {"region": set(), "level": set(), "year": set(), "kind": set()}
    for row in sheet.rows:
        for key, value in zip(("region", "level", "year", "kind"), row, strict=True):
            if value is not None:
                values[key].add(value)
    return {key: sorted(found) for key, found in values.items()}


def _excerpt(lines: tuple[str, ...], cited: list[int]) -> list[tuple[int | None, str, bool]]:
    """(line number, text, cited) of the lines around the cited ones; None marks a gap."""
    if not lines or not cited:
        return []
    shown = sorted({k for n in cited[:6] for k in range(max(1, n - 2), min(len(lines), n + 2) + 1)})
    out: list[tuple[int | None, str, bool]] = []
    previous = None
    for k in shown:
        if previous is not None and k != previous + 1:
            out.append((None, "⋮", False))
        out.append((k, lines[k - 1], k in cited))
        previous = k
    return out


def _rule(rule_id: str) -> Any:
    from ..checks import RULES

    return RULES.get(rule_id)


def _chart(draw: Any, sheet: Sheet) -> bytes:
    with tempfile.TemporaryDirectory(prefix="yusuan-chart-") as folder:
        path = Path(folder) / "chart.png"
        draw(sheet, path)
        return path.read_bytes()


def _amount(value: object) -> str:
    """An amount as printed (thousands separated), with at least two decimals."""
    if isinstance(value, Decimal):
        exponent = value.as_tuple().exponent
        return amount_text(value, max(2, -exponent) if isinstance(exponent, int) else 2)
    return "" if value is None else str(value)


def _facing(table: Table) -> list[tuple[tuple[int, Row] | None, ...]] | None:
    """A two-sided table's printed lines, each panel's part as (row index, row) or None; None for
    a table that is not two-sided, or has a row of no side (its rows are then listed as read)."""
    if not any(c.side for c in table.columns) or any(r.side is None for r in table.rows):
        return None
    index = {id(row): i for i, row in enumerate(table.rows)}

    def half(row: Row | None) -> tuple[int, Row] | None:
        return None if row is None else (index[id(row)], row)

    return [tuple(half(row) for row in line) for line in facing_rows(table)]


def _panels(table: Table) -> list[tuple[str, str, list[Column]]]:
    """Each panel of a two-sided table: its side, its heading and its columns."""
    labels = side_labels(table)
    return [(side.value, labels[side], [c for c in table.columns if c.side is side]) for side in table_sides(table)]


def _kind_label(value: str) -> str:
    try:
        return TableKind(value).label
    except ValueError:
        return value
