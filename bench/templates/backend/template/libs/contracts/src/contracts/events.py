"""Versioned events: a pydantic model each, sent as JSON with their kind and version."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import ClassVar

from pydantic import BaseModel, ConfigDict, Field


class UnknownEventError(ValueError):
    """The payload names an event kind or version no model describes."""


def _now() -> datetime:
    return datetime.now(UTC)


class Event(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    kind: ClassVar[str] = "event"
    version: ClassVar[int] = 1
    occurred_at: datetime = Field(default_factory=_now)


class ProductPriced(Event):
    kind: ClassVar[str] = "catalog.product-priced"
    sku: str = Field(min_length=1)
    price_cents: int = Field(ge=0)
    currency: str = Field(default="EUR", min_length=3, max_length=3)


class UserRegistered(Event):
    kind: ClassVar[str] = "accounts.user-registered"
    user_id: int
    email: str


class EmailRequested(Event):
    kind: ClassVar[str] = "notifications.email-requested"
    version: ClassVar[int] = 2
    to: str
    template: str
    context: dict[str, str] = Field(default_factory=dict)


REGISTRY: dict[tuple[str, int], type[Event]] = {
    (cls.kind, cls.version): cls for cls in (ProductPriced, UserRegistered, EmailRequested)
}


def encode(event: Event) -> dict[str, object]:
    return {"kind": event.kind, "version": event.version, "data": event.model_dump(mode="json")}


def decode(payload: dict[str, object]) -> Event:
    key = (str(payload.get("kind")), int(str(payload.get("version", 0))))
    model = REGISTRY.get(key)
    if model is None:
        raise UnknownEventError(f"no event {key[0]!r} version {key[1]}")
    return model.model_validate(payload.get("data", {}))
