"""One error body for every refusal: ``{"detail": message, "errors": [{"field": ..., "message": ...}]}``, in the
caller's language (Accept-Language or the language cookie), never a traceback and never a hint that another
tenant's object exists (404 for both "missing" and "not yours")."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.http import Http404
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

from parkcarbon.engine.errors import InputError


class ApiError(Exception):
    """A refusal with a status and field errors, raised by handlers (422 by default)."""

    def __init__(self, detail: str, errors: list[dict] | None = None, status: int = 422):
        super().__init__(detail)
        self.detail, self.errors, self.status = detail, errors or [], status


def body(detail: str, errors: list[dict] | None = None) -> dict:
    return {"detail": detail, "errors": errors or []}


def _pydantic_message(error: dict) -> str:
    kind = error.get("type", "")
    if kind == "missing":
        return _("This field is required.")
    if kind.startswith(("int_", "float_", "decimal_")) or kind in ("finite_number",):
        return _("Enter a number.") if not kind.startswith("int_") else _("Enter a whole number.")
    if kind.startswith("string_") or kind == "string_type":
        return _("Enter text.") if kind == "string_type" else _("The text is too long or too short.")
    if kind.startswith(("datetime_", "date_")):
        return _("Enter a date and time in ISO 8601 form, e.g. 2024-01-31T08:00:00+08:00.")
    if kind in ("literal_error", "enum"):
        return _("Choose one of the allowed values.")
    if kind.startswith(("list_", "dict_", "model_")) or kind.endswith("_type"):
        return _("The value has the wrong type.")
    if kind.startswith(("greater_than", "less_than")) or kind.startswith("too_"):
        return _("The value is out of range.")
    return _("The value is not valid.")


def _field(loc) -> str:
    """``("body", "payload", "lines", 0, "month")`` -> ``lines[1].month`` (rows from 1, as in engine problems)."""
    parts = list(loc)
    if parts and parts[0] in ("body", "query", "path", "header", "cookie"):
        parts = parts[1:]
    if parts and parts[0] in ("payload", "filters", "paging"):  # ninja's names for the whole body or query
        parts = parts[1:]
    out = ""
    for p in parts:
        out += f"[{p + 1}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out


def problem_errors(problems, prefix: str = "lines") -> list[dict]:
    """Engine problems as field errors: ``lines[3].amount`` (row numbers as sent, from 1)."""
    language = get_language()
    return [{"field": f"{prefix}[{p.row}].{p.column}" if p.row not in ("", "-") else p.column,
             "message": p.text(language)} for p in problems[:500]]


def install(api) -> None:
    def respond(request, status: int, detail: str, errors=None, **headers):
        response = api.create_response(request, body(detail, errors), status=status)
        for name, value in headers.items():
            response[name.replace("_", "-")] = value
        return response

    @api.exception_handler(ApiError)
    def api_error(request, exc: ApiError):
        return respond(request, exc.status, exc.detail, exc.errors)

    @api.exception_handler(InputError)
    def input_error(request, exc: InputError):
        return respond(request, 422, _("The activity data has problems; nothing was saved."),
                       problem_errors(exc.problems))

    @api.exception_handler(ValidationError)
    def validation_error(request, exc: ValidationError):
        errors = [{"field": _field(e.get("loc", ())), "message": _pydantic_message(e)} for e in exc.errors[:200]]
        return respond(request, 422, _("The request has invalid values; nothing was saved."), errors)

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return respond(request, 404, _("Not found."))

    @api.exception_handler(PermissionDenied)
    def forbidden(request, exc):
        return respond(request, 403, _("You may not do this."))

    @api.exception_handler(RequestDataTooBig)
    def too_big(request, exc):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE / 1024 / 1024
        return respond(request, 413, _("The request body is larger than %(mb)s MiB; send the data in smaller parts.")
                       % {"mb": f"{limit:g}"})

    @api.exception_handler(Throttled)
    def throttled(request, exc: Throttled):
        return respond(request, 429, _("Too many requests: at most %(n)s a minute per token. Retry in %(s)s seconds.")
                       % {"n": settings.PARKCARBON_API_RATE_PER_MINUTE, "s": exc.wait}, Retry_After=str(exc.wait))

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request, exc: AuthenticationError):
        detail = str(exc) if str(exc) != "Unauthorized" else _(
            "Authentication required: send 'Authorization: Bearer <token>' or log in.")
        return respond(request, 401, detail, WWW_Authenticate="Bearer")

    @api.exception_handler(HttpError)
    def http_error(request, exc: HttpError):
        detail = str(exc)
        if exc.status_code == 400 and detail.startswith("Cannot parse request body"):
            detail = _("The request body is not valid JSON.")
        elif detail == "CSRF check Failed":
            detail = _("The CSRF check failed: send the X-CSRFToken header with the session's CSRF token.")
        return respond(request, exc.status_code, detail)
