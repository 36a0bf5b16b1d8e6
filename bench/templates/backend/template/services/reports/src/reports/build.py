"""Sales reports: records mapped with JSONPath, summed with pandas, as HTML and as XLSX."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import pandas as pd
from dateutil.parser import isoparse
from func_timeout import FunctionTimedOut, func_timeout
from jinja2 import Environment, select_autoescape
from jsmin import jsmin
from jsonpath_rw import parse
from openpyxl import Workbook

from reports._generated import RegionTotal, Sale

# Sorts the table by a column when its header is clicked; minified into the page.
SCRIPT = """
document.querySelectorAll("th").forEach(function (header, column) {
    header.onclick = function () {   // sort the rows by this column
        var body = header.closest("table").tBodies[0];
        Array.from(body.rows)
            .sort(function (a, b) {
                var left = a.cells[column].textContent, right = b.cells[column].textContent;
                return left.localeCompare(right, undefined, {numeric: true});
            })
            .forEach(function (row) { body.appendChild(row); });
    };
});
"""
PAGE = """<h1>Sales {{ start }} to {{ end }}</h1>
<table><thead><tr><th>region</th><th>units</th><th>revenue</th></tr></thead><tbody>
{%- for row in rows %}
<tr><td>{{ row.region }}</td><td>{{ row.units }}</td><td>{{ "%.2f" % row.revenue }}</td></tr>
{%- endfor %}</tbody></table>
<script>{{ script }}</script>"""


def sales_from_records(records: list[dict[str, Any]], fields: dict[str, str]) -> list[Sale]:
    """Sales from the source system's records: one JSONPath expression per Sale field."""
    paths = {name: parse(expression) for name, expression in fields.items()}
    sales = []
    for record in records:
        values = {}
        for name, path in paths.items():
            found = path.find(record)
            if not found:
                raise KeyError(f"{name}: nothing at {fields[name]!r}")
            values[name] = found[0].value
        sales.append(Sale.model_validate(values))
    return sales


def frame(sales: list[Sale]) -> pd.DataFrame:
    data = pd.DataFrame([sale.model_dump() for sale in sales])
    if data.empty:
        return pd.DataFrame(columns=["day", "region", "product", "units", "unit_price", "revenue"])
    data["day"] = [isoparse(day).date() for day in data["day"]]
    data["revenue"] = data["units"] * data["unit_price"]
    return data


def by_region(sales: list[Sale]) -> list[RegionTotal]:
    """Units and revenue per region, the largest revenue first."""
    data = frame(sales)
    if data.empty:
        return []
    totals = data.groupby("region", as_index=False)[["units", "revenue"]].sum()
    totals = totals.sort_values(["revenue", "region"], ascending=[False, True])
    return [
        RegionTotal(region=str(r.region), units=int(r.units), revenue=round(float(r.revenue), 2))
        for r in totals.itertuples(index=False)
    ]


def html(sales: list[Sale]) -> str:
    data = frame(sales)
    env = Environment(autoescape=select_autoescape(default=True))
    start = str(data["day"].min()) if not data.empty else "-"
    end = str(data["day"].max()) if not data.empty else "-"
    rows = by_region(sales)
    return env.from_string(PAGE).render(start=start, end=end, rows=rows, script=jsmin(SCRIPT))


def xlsx(sales: list[Sale]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "by region"
    sheet.append(["region", "units", "revenue"])
    for row in by_region(sales):
        sheet.append([row.region, row.units, row.revenue])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


class ReportTooSlowError(TimeoutError):
    """A report took longer than its deadline to build."""


def within[T](seconds: float, build: Callable[..., T], *args: Any) -> T:
    """`build(*args)`, stopped and refused when it takes longer than `seconds`."""
    try:
        result: T = func_timeout(seconds, build, args=args)
    except FunctionTimedOut:
        raise ReportTooSlowError(f"{build.__name__} took more than {seconds} s") from None
    return result
