from decimal import Decimal

import pytest
from pydantic import ValidationError

from orders.db import order_total
from orders.models import OrderIn, OrderLine


def test_sku_is_normalised() -> None:
    assert OrderLine(sku=" abc ", quantity=1, unit_price=Decimal("1.00")).sku == "ABC"


def test_price_must_be_positive() -> None:
    with pytest.raises(ValidationError):
        OrderLine(sku="A", quantity=1, unit_price=Decimal("0"))


def test_order_total_uses_exact_money() -> None:
    order = OrderIn(
        customer="ada",
        currency="usd",
        lines=[
            OrderLine(sku="A", quantity=3, unit_price=Decimal("0.10")),
            OrderLine(sku="B", quantity=1, unit_price=Decimal("0.20")),
        ],
    )
    assert str(order_total(order)) == "0.50 USD"
