"""The shared framework package, as the billing service uses it."""

from decimal import Decimal

import pytest

from framework import Money, Settings, SettingsError


def test_money_rounds_half_even() -> None:
    assert Money(Decimal("0.125")).amount == Decimal("0.12")
    assert Money(Decimal("0.135")).amount == Decimal("0.14")


def test_allocate_keeps_every_cent() -> None:
    parts = Money.of("100.00").allocate(3)
    assert [str(p) for p in parts] == ["33.34 EUR", "33.33 EUR", "33.33 EUR"]
    assert sum(p.amount for p in parts) == Decimal("100.00")


def test_currencies_do_not_mix() -> None:
    with pytest.raises(ValueError, match="currency mismatch"):
        Money.of(1, "EUR") + Money.of(1, "USD")


def test_settings() -> None:
    settings = Settings("billing", {"BILLING_RETRIES": "3", "BILLING_DRY_RUN": "yes"})
    assert settings.get_int("retries") == 3
    assert settings.get_bool("dry_run") is True
    assert settings.get("region", "eu") == "eu"
    with pytest.raises(SettingsError, match="BILLING_TOKEN is not set"):
        settings.get("token")
    with pytest.raises(SettingsError, match="expected an integer"):
        Settings("billing", {"BILLING_RETRIES": "many"}).get_int("retries")
