"""Turns a domain error into form errors (the one place for forms)."""

from __future__ import annotations

from django import forms

from .errors import DomainError


def form_add_error(form: forms.BaseForm, error: DomainError) -> None:
    field = error.field if error.field and error.field in form.fields else None
    form.add_error(field, error.detail)
