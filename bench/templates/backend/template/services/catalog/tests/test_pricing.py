import pytest

from catalog.pricing import load_rules, price

RULES = """
rounding_cents: 5
discounts:
  sale: 20
  clearance: 50
"""


def test_rules_are_merged_over_the_defaults() -> None:
    rules = load_rules(RULES)
    assert rules.currency == "EUR"
    assert rules.rounding_cents == 5
    assert dict(rules.discounts) == {"sale": 20, "clearance": 50}


def test_the_largest_discount_applies_then_rounding() -> None:
    rules = load_rules(RULES)
    assert price(1999, [], rules) == 1995
    assert price(1999, ["sale"], rules) == 1595
    assert price(1999, ["sale", "clearance", "new"], rules) == 995


def test_unknown_keys_are_refused() -> None:
    with pytest.raises(ValueError, match="colour"):
        load_rules("colour: red")
