"""Shared code of every service: settings from the environment, logging, code generation."""

from framework.config import ConfigError, from_env
from framework.log import configure_logging, get_logger

__all__ = ["ConfigError", "configure_logging", "from_env", "get_logger"]
__version__ = "0.1.0"
