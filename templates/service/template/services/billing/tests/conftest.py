from datetime import date
from decimal import Decimal

import pytest

from billing.invoice import Invoice, Line
from framework import Money


@pytest.fixture
def invoice() -> Invoice:
    return Invoice(
        number="2024-0001",
        customer="Ada Lovelace",
        issued=date(2024, 1, 31),
        tax_rate=Decimal("0.19"),
        lines=[
            Line("Consulting", 3, Money.of("100.00")),
            Line("Travel", 1, Money.of("45.55")),
        ],
    )
