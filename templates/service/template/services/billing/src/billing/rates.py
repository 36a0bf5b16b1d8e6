"""Tax rates per country, from YAML."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

import yaml


class RatesError(ValueError):
    pass


def _rate(country: str, raw: object) -> Decimal:
    try:
        rate = Decimal(str(raw))
    except InvalidOperation:
        raise RatesError(f"{country}: not a number: {raw!r}") from None
    if not Decimal(0) <= rate < Decimal(1):
        raise RatesError(f"{country}: rate must be in [0, 1): {rate}")
    return rate


def load_rates(text: str) -> dict[str, Decimal]:
    """Parse `{country: rate}` (e.g. `DE: 0.19`) into exact decimals."""
    data = yaml.safe_load(text) or {}
    if not isinstance(data, dict):
        raise RatesError("expected a mapping of country codes to rates")
    return {str(country).upper(): _rate(str(country), raw) for country, raw in data.items()}
