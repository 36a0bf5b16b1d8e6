import io
import time

import pytest
from openpyxl import load_workbook

from reports._generated import MANIFEST, RegionTotal, Sale
from reports.build import ReportTooSlowError, by_region, html, sales_from_records, within, xlsx

SALES = [
    Sale(day="2026-03-01", region="north", product="book", units=3, unit_price=12.5),
    Sale(day="2026-03-02", region="south", product="pen", units=10, unit_price=0.99),
    Sale(day="2026-03-03", region="north", product="pen", units=2, unit_price=0.99),
    Sale(day="2026-03-04", region="east", product="book", units=1, unit_price=12.5),
]


def test_totals_by_region_largest_first() -> None:
    assert by_region(SALES) == [
        RegionTotal(region="north", units=5, revenue=39.48),
        RegionTotal(region="east", units=1, revenue=12.5),
        RegionTotal(region="south", units=10, revenue=9.9),
    ]
    assert by_region([]) == []


def test_html_names_the_period_and_escapes() -> None:
    page = html(
        [*SALES, Sale(day="2026-03-05", region="<w>", product="x", units=1, unit_price=1.0)]
    )
    assert "Sales 2026-03-01 to 2026-03-05" in page
    assert "&lt;w&gt;" in page and "<w>" not in page


def test_xlsx_holds_the_same_totals() -> None:
    sheet = load_workbook(io.BytesIO(xlsx(SALES))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("region", "units", "revenue")
    assert rows[1] == ("north", 5, 39.48)


def test_manifest_pins_pandas_and_numpy() -> None:
    assert {"pandas", "numpy", "openpyxl"} <= set(MANIFEST["dependencies"])


def test_records_are_mapped_with_jsonpath() -> None:
    records = [
        {
            "date": "2026-03-01",
            "shop": {"region": "north"},
            "items": [{"sku": "book", "qty": 2}],
            "price": 12.5,
        },
    ]
    fields = {
        "day": "date",
        "region": "shop.region",
        "product": "items[0].sku",
        "units": "items[0].qty",
        "unit_price": "price",
    }
    assert sales_from_records(records, fields) == [
        Sale(day="2026-03-01", region="north", product="book", units=2, unit_price=12.5)
    ]
    with pytest.raises(KeyError, match="region"):
        sales_from_records([{"date": "2026-03-01"}], fields)


def test_the_page_script_is_minified() -> None:
    page = html(SALES)
    assert "<script>document.querySelectorAll(" in page
    assert "// sort" not in page


def test_a_report_must_meet_its_deadline() -> None:
    assert within(30, xlsx, SALES).startswith(b"PK")

    def crunch() -> None:
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            time.sleep(0.01)

    with pytest.raises(ReportTooSlowError, match="crunch"):
        within(0.1, crunch)
