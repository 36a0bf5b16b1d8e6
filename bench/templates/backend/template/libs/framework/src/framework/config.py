"""Build a pydantic model from `PREFIX_FIELD` environment variables."""

from __future__ import annotations

import os
from collections.abc import Mapping

from pydantic import BaseModel, ValidationError


class ConfigError(ValueError):
    """The environment does not describe a valid configuration."""


def env_values(prefix: str, fields: list[str], environ: Mapping[str, str]) -> dict[str, str]:
    """The variables named `PREFIX_FIELD` (upper case) for the given fields, when set."""
    values: dict[str, str] = {}
    for name in fields:
        key = f"{prefix}_{name}".upper()
        if key in environ:
            values[name] = environ[key]
    return values


def from_env[M: BaseModel](
    model: type[M], prefix: str, environ: Mapping[str, str] | None = None
) -> M:
    """An instance of `model` from the environment; fields not set keep their defaults."""
    source = os.environ if environ is None else environ
    values = env_values(prefix, list(model.model_fields), source)
    try:
        return model.model_validate(values)
    except ValidationError as error:
        problems = "; ".join(
            f"{prefix}_{'.'.join(str(p) for p in e['loc'])}: {e['msg']}".upper()
            for e in error.errors()
        )
        raise ConfigError(problems) from None
