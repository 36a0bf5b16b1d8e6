"""Notifications service: e-mails rendered from templates, sent by Celery workers."""
