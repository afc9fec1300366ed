"""Request-level guards that must run before any view or middleware reads the request body."""

from django.conf import settings
from django.core.handlers.wsgi import LimitedStream
from django.shortcuts import render


class RequestSizeLimitMiddleware:
    """Refuse a body whose declared length exceeds ``PARKCARBON_REQUEST_MAX_BYTES`` with 413, unread.

    Django bounds form fields (DATA_UPLOAD_MAX_MEMORY_SIZE) and our upload handler bounds files, but when the
    multipart parser stops early it "exhausts" the rest of the input line by line: a body without newlines is
    then read into memory whole. Refusing on Content-Length first keeps memory flat whatever the body size.
    Must come before CsrfViewMiddleware (which reads POST)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.PARKCARBON_REQUEST_MAX_BYTES:
            stream = request.META.get("wsgi.input")
            if isinstance(stream, LimitedStream):  # Django's dev server drains the unread rest on close(), whole
                stream.limit = 0
            limit_mb = settings.PARKCARBON_UPLOAD_MAX_BYTES / 1024 / 1024
            return render(request, "413.html", {"limit_mb": f"{limit_mb:g}"}, status=413)
        return self.get_response(request)


class PermissionsPolicyMiddleware:
    """Adds the ``Permissions-Policy`` header (settings.PERMISSIONS_POLICY): no camera, microphone, location...
    Django has no built-in setting for it."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(
            f"{feature}=({' '.join(origins)})" for feature, origins in settings.PERMISSIONS_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        if self.header:
            response.headers.setdefault("Permissions-Policy", self.header)
        return response
