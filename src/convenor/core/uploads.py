"""Checks an uploaded file's size and type before anything is stored."""

from __future__ import annotations

from pathlib import PurePath

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from .errors import InvalidInput

# Extension -> the magic bytes a real file of that type starts with (None: plain text).
ALLOWED_TYPES: dict[str, tuple[str, list[bytes] | None]] = {
    ".pdf": ("application/pdf", [b"%PDF-"]),
    ".docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        [b"PK\x03\x04"],
    ),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", [b"PK\x03\x04"]),
    ".pptx": (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        [b"PK\x03\x04"],
    ),
    ".odt": ("application/vnd.oasis.opendocument.text", [b"PK\x03\x04"]),
    ".doc": ("application/msword", [b"\xd0\xcf\x11\xe0"]),
    ".txt": ("text/plain", None),
    ".md": ("text/markdown", None),
    ".csv": ("text/csv", None),
}


def check_upload(upload: UploadedFile, *, field: str = "file", max_bytes: int | None = None) -> str:
    """Validate an upload; return its content type. Raises InvalidInput with a clear message."""
    limit = max_bytes or settings.DOCUMENT_MAX_BYTES
    name = upload.name or ""
    suffix = PurePath(name).suffix.lower()
    if suffix not in ALLOWED_TYPES:
        allowed = ", ".join(sorted(ALLOWED_TYPES))
        raise InvalidInput(
            _("Files of this type are not accepted. Allowed: %(allowed)s.") % {"allowed": allowed},
            field=field,
            code="file_type",
        )
    if upload.size is None or upload.size == 0:
        raise InvalidInput(_("The file is empty."), field=field, code="file_empty")
    if upload.size > limit:
        raise InvalidInput(
            _("The file is too large (%(size)d MB; at most %(limit)d MB).")
            % {"size": upload.size // (1024 * 1024), "limit": limit // (1024 * 1024)},
            field=field,
            code="file_size",
        )
    content_type, magics = ALLOWED_TYPES[suffix]
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    if magics is None:
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as exc:
            # A cut in the middle of a multi-byte character at the end is fine.
            if exc.start < len(head) - 4:
                raise InvalidInput(
                    _("The file is not valid UTF-8 text."), field=field, code="file_encoding"
                ) from exc
    elif not any(head.startswith(m) for m in magics):
        raise InvalidInput(
            _("The file's content does not match its type (%(suffix)s).") % {"suffix": suffix},
            field=field,
            code="file_type",
        )
    return content_type
