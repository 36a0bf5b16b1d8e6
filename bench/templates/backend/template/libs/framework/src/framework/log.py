"""Structured logging with structlog: JSON lines in production, key=value in tests."""

from __future__ import annotations

from typing import Any

import structlog


def configure_logging(service: str, json: bool = True) -> None:
    """Route every service's log through one processor chain, tagged with its name."""
    renderer: Any = (
        structlog.processors.JSONRenderer() if json else structlog.dev.ConsoleRenderer(colors=False)
    )
    structlog.configure(
        processors=[
            structlog.contextvars.merge_contextvars,
            structlog.processors.add_log_level,
            structlog.processors.TimeStamper(fmt="iso", utc=True),
            renderer,
        ],
        cache_logger_on_first_use=False,
    )
    structlog.contextvars.bind_contextvars(service=service)


def get_logger(name: str) -> Any:
    return structlog.get_logger(name)
