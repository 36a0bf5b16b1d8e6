"""Exact money amounts: a Decimal and a currency, never a float."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal

_CENT = Decimal("0.01")


@dataclass(frozen=True, order=True)
class Money:
    """An amount of one currency, rounded to cents (banker's rounding)."""

    amount: Decimal
    currency: str = "EUR"

    def __post_init__(self) -> None:
        quantized = Decimal(self.amount).quantize(_CENT, rounding=ROUND_HALF_EVEN)
        object.__setattr__(self, "amount", quantized)
        object.__setattr__(self, "currency", self.currency.upper())

    @classmethod
    def of(cls, amount: str | int | Decimal, currency: str = "EUR") -> Money:
        return cls(Decimal(str(amount)), currency)

    def _same_currency(self, other: Money) -> None:
        if self.currency != other.currency:
            raise ValueError(f"currency mismatch: {self.currency} vs {other.currency}")

    def __add__(self, other: Money) -> Money:
        self._same_currency(other)
        return Money(self.amount + other.amount, self.currency)

    def __sub__(self, other: Money) -> Money:
        self._same_currency(other)
        return Money(self.amount - other.amount, self.currency)

    def times(self, factor: int | str | Decimal) -> Money:
        return Money(self.amount * Decimal(str(factor)), self.currency)

    def allocate(self, parts: int) -> list[Money]:
        """Split into `parts` amounts that add up exactly to this one."""
        if parts < 1:
            raise ValueError("parts must be at least 1")
        cents = int(self.amount / _CENT)
        base, extra = divmod(cents, parts)
        return [
            Money(Decimal(base + (1 if i < extra else 0)) * _CENT, self.currency)
            for i in range(parts)
        ]

    def __str__(self) -> str:
        return f"{self.amount:.2f} {self.currency}"


def total(amounts: list[Money], currency: str = "EUR") -> Money:
    """Sum of `amounts` (zero in `currency` when there are none)."""
    result = Money(Decimal(0), currency)
    for amount in amounts:
        result = result + amount
    return result
