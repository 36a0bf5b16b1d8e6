"""Typed settings read from environment variables with a prefix."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


class SettingsError(ValueError):
    """A setting is missing or cannot be converted."""


def _to_bool(name: str, raw: str) -> bool:
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise SettingsError(f"{name}: expected a boolean, got {raw!r}")


def _to_int(name: str, raw: str) -> int:
    try:
        return int(raw)
    except ValueError:
        raise SettingsError(f"{name}: expected an integer, got {raw!r}") from None


@dataclass
class Settings:
    """Reads `PREFIX_NAME` variables from `environ` (default: os.environ)."""

    prefix: str
    environ: Mapping[str, str] = field(default_factory=lambda: os.environ)

    def _key(self, name: str) -> str:
        return f"{self.prefix}_{name}".upper()

    def get(self, name: str, default: str | None = None) -> str:
        key = self._key(name)
        value = self.environ.get(key, default)
        if value is None:
            raise SettingsError(f"{key} is not set")
        return value

    def get_int(self, name: str, default: int | None = None) -> int:
        key = self._key(name)
        if key not in self.environ:
            if default is None:
                raise SettingsError(f"{key} is not set")
            return default
        return _to_int(key, self.environ[key])

    def get_bool(self, name: str, default: bool = False) -> bool:
        key = self._key(name)
        if key not in self.environ:
            return default
        return _to_bool(key, self.environ[key])
