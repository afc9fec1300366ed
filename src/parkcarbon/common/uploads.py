"""Upload size limit enforced while the request body streams in, before anything is written to disk.

Django's own limits cover form fields (DATA_UPLOAD_MAX_MEMORY_SIZE) but not files: without this handler a hostile
multi-gigabyte upload would be spooled to a temporary file before any view could refuse it."""

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, StopUpload


class SizeLimitUploadHandler(FileUploadHandler):
    """First handler in FILE_UPLOAD_HANDLERS: stops storing once a request's files exceed the limit (at the first
    chunk when Content-Length already says so). The view then finds ``request.upload_refused`` and says so."""

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        self.limit = settings.PARKCARBON_UPLOAD_MAX_BYTES
        self.received = 0
        if content_length and content_length > self.limit + 64 * 1024:  # the whole body is larger: refuse at once
            self.received = self.limit

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > self.limit:
            self.request.upload_refused = True
            # connection_reset=True: Django must not "exhaust" the rest of the body (it reads it line by line, so a
            # body without newlines lands in memory whole). What is left is bounded by RequestSizeLimitMiddleware.
            raise StopUpload(connection_reset=True)
        return raw_data

    def file_complete(self, file_size):
        return None
