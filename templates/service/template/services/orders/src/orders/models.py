"""The API's request and response bodies."""

from __future__ import annotations

from decimal import Decimal

from pydantic import BaseModel, Field, field_validator


class OrderLine(BaseModel):
    sku: str = Field(min_length=1, max_length=32)
    quantity: int = Field(gt=0, le=1000)
    unit_price: Decimal = Field(gt=0, max_digits=12, decimal_places=2)

    @field_validator("sku")
    @classmethod
    def sku_is_upper(cls, value: str) -> str:
        return value.strip().upper()


class OrderIn(BaseModel):
    customer: str = Field(min_length=1)
    currency: str = Field(default="EUR", min_length=3, max_length=3)
    lines: list[OrderLine] = Field(min_length=1)


class OrderOut(BaseModel):
    id: int
    customer: str
    total: str
    lines: list[OrderLine]
