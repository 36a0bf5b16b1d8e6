from decimal import Decimal

import pytest

from billing.rates import RatesError, load_rates


def test_load_rates() -> None:
    assert load_rates("de: 0.19\nFR: '0.20'\n") == {"DE": Decimal("0.19"), "FR": Decimal("0.20")}


def test_empty_document() -> None:
    assert load_rates("") == {}


@pytest.mark.parametrize("text", ["- 0.19", "DE: abc", "DE: 1.5"])
def test_bad_rates(text: str) -> None:
    with pytest.raises(RatesError):
        load_rates(text)
