from datetime import date

import pytest

from billing._manifest import MANIFEST
from billing.invoice import Invoice, due_date
from framework import Money


@pytest.mark.parametrize(
    ("terms", "expected"),
    [
        ("net15", date(2024, 2, 15)),
        ("net30", date(2024, 3, 1)),
        ("eom", date(2024, 1, 31)),
        ("next-eom", date(2024, 2, 29)),
    ],
)
def test_due_dates(terms: str, expected: date) -> None:
    assert due_date(date(2024, 1, 31), terms) == expected


def test_unknown_terms() -> None:
    with pytest.raises(ValueError, match="unknown payment terms"):
        due_date(date(2024, 1, 1), "net90")


def test_totals_are_exact(invoice: Invoice) -> None:
    assert invoice.net() == Money.of("345.55")
    assert invoice.tax() == Money.of("65.65")
    assert invoice.gross() == Money.of("411.20")


def test_render(invoice: Invoice) -> None:
    text = invoice.render()
    assert text.startswith(f"INVOICE 2024-0001  (billing {MANIFEST['version']})")
    assert "Due: 2024-03-01" in text
    assert "Consulting" in text
    assert "Total: €411.20" in text
