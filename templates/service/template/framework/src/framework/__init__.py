"""Shared code used by every service of the project."""

from framework.money import Money
from framework.settings import Settings, SettingsError

__all__ = ["Money", "Settings", "SettingsError"]
__version__ = "0.1.0"
