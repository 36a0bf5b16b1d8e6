"""Pricing rules: YAML merged over the defaults with OmegaConf, applied to base prices."""

from __future__ import annotations

from omegaconf import DictConfig, OmegaConf

DEFAULTS = {"currency": "EUR", "rounding_cents": 1, "discounts": {}}


def load_rules(text: str) -> DictConfig:
    """The rules in `text` (YAML) over the defaults; unknown keys are refused."""
    defaults = OmegaConf.create(DEFAULTS)
    OmegaConf.set_struct(defaults, False)
    merged = OmegaConf.merge(defaults, OmegaConf.create(text))
    unknown = set(merged) - set(DEFAULTS)
    if unknown:
        raise ValueError(f"unknown pricing keys: {', '.join(sorted(map(str, unknown)))}")
    if not isinstance(merged, DictConfig):
        raise TypeError("pricing rules must be a mapping")
    return merged


def price(base_cents: int, tags: list[str], rules: DictConfig) -> int:
    """The base price less the largest discount (percent) any of the tags has, rounded down."""
    percents = [int(rules.discounts.get(tag, 0)) for tag in tags]
    discounted = base_cents * (100 - max(percents, default=0)) // 100
    step = int(rules.rounding_cents)
    return discounted - discounted % step
