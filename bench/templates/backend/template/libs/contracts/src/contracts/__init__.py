"""The events the services publish and consume."""

from contracts.events import (
    EmailRequested,
    Event,
    ProductPriced,
    UnknownEventError,
    UserRegistered,
    decode,
    encode,
)

__all__ = [
    "EmailRequested",
    "Event",
    "ProductPriced",
    "UnknownEventError",
    "UserRegistered",
    "decode",
    "encode",
]
