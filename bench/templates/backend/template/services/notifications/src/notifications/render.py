"""E-mail templates (Jinja2, autoescaped) and their rendering into an Email, CSS inlined."""

from __future__ import annotations

from cssmin import cssmin
from jinja2 import DictLoader, Environment, StrictUndefined, select_autoescape

from notifications._generated import Email

TEMPLATES = {
    "welcome.subject": "Welcome, {{ name }}",
    "welcome.body": "<p>Hello {{ name }},</p><p>your account {{ email }} is ready.</p>",
    "price.subject": "{{ sku }} now costs {{ price }}",
    "price.body": "<p>The price of <b>{{ sku }}</b> changed to {{ price }}.</p>",
}

# The style every e-mail carries in its <style> block, minified once.
STYLE = """
p   { margin: 0 0 12px 0;  font-family: Helvetica, Arial, sans-serif; }
b   { color: #222222; }
"""
_STYLE_BLOCK = f"<style>{cssmin(STYLE)}</style>"

_env = Environment(
    loader=DictLoader(TEMPLATES),
    autoescape=select_autoescape(default=True),
    undefined=StrictUndefined,
)


def render(template: str, to: str, context: dict[str, str]) -> Email:
    subject = _env.get_template(f"{template}.subject").render(context)
    body = _STYLE_BLOCK + _env.get_template(f"{template}.body").render(context)
    return Email(to=to, subject=subject, body=body)
