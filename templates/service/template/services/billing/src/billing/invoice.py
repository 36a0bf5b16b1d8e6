"""Invoices: lines, tax, due date and a plain-text rendering."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from babel.numbers import format_currency
from dateutil.relativedelta import relativedelta
from jinja2 import Environment, StrictUndefined

from billing._manifest import MANIFEST
from framework import Money
from framework.money import total

TERMS = {
    "net15": relativedelta(days=15),
    "net30": relativedelta(days=30),
    "eom": relativedelta(day=31),
    "next-eom": relativedelta(months=1, day=31),
}

TEMPLATE = """\
INVOICE {{ number }}  ({{ service }} {{ version }})
Customer: {{ customer }}
Issued: {{ issued.isoformat() }}  Due: {{ due.isoformat() }}
{% for line in lines %}
  {{ "%-20s"|format(line.description) }} {{ line.quantity }} x {{ money(line.unit_price) }}
{%- endfor %}

Net:   {{ money(net) }}
Tax:   {{ money(tax) }}
Total: {{ money(gross) }}
"""

_env = Environment(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=True)


def due_date(issued: date, terms: str) -> date:
    """The due date for payment `terms` (net15, net30, eom, next-eom)."""
    try:
        return issued + TERMS[terms]
    except KeyError:
        raise ValueError(f"unknown payment terms: {terms}") from None


@dataclass(frozen=True)
class Line:
    description: str
    quantity: int
    unit_price: Money

    @property
    def amount(self) -> Money:
        return self.unit_price.times(self.quantity)


@dataclass
class Invoice:
    number: str
    customer: str
    issued: date
    tax_rate: Decimal
    terms: str = "net30"
    currency: str = "EUR"
    lines: list[Line] = field(default_factory=list)

    def net(self) -> Money:
        return total([line.amount for line in self.lines], self.currency)

    def tax(self) -> Money:
        return self.net().times(self.tax_rate)

    def gross(self) -> Money:
        return self.net() + self.tax()

    def render(self, locale: str = "en_US") -> str:
        def money(value: Money) -> str:
            return format_currency(value.amount, value.currency, locale=locale)

        return _env.from_string(TEMPLATE).render(
            number=self.number,
            service=MANIFEST["name"],
            version=MANIFEST["version"],
            customer=self.customer,
            issued=self.issued,
            due=due_date(self.issued, self.terms),
            lines=self.lines,
            net=self.net(),
            tax=self.tax(),
            gross=self.gross(),
            money=money,
        )
