"""Uploaded and generated files, handed over only after the linking page's own check.

Nothing in ``MEDIA_ROOT`` has a public address: there is no ``/media/`` route, in
development neither. Every file is served by a view of the object it belongs to (a photo
by ``themes.view_activity`` on its activity, an agenda attachment by its meeting's rule, a
report version by the report's), and that view, once its permission check passed, calls
:func:`serve_file`. How the bytes then travel is one setting, ``MEDIA_DELIVERY``:

- ``"django"`` streams the file from the storage through Django (``FileResponse``): the
  embedded default, development and tests;
- ``"nginx"`` answers with an empty response carrying ``X-Accel-Redirect:
  <MEDIA_ACCEL_PREFIX><storage name>``; nginx sends the file from an ``internal``
  location that no browser can request itself (README, "Files");
- ``"signed-url"`` redirects to a short-lived signed URL of an object store whose
  storage signs URLs (django-storages' S3 storage: ``url(name, expire=…)``).

Files are read through the storage API (``FieldFile.storage``), never through paths, so
another storage can take over. Every answer is ``Cache-Control: private`` and
``nosniff``, with the Content-Type of the stored bytes (not of the uploaded name):
images are shown inline, everything else is a download under a readable name.
"""

import inspect
import mimetypes
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

DELIVERIES = ("django", "nginx", "signed-url")

# The first bytes of the types the portal stores and shows: photos are re-encoded to JPEG,
# reports are PDF; attachments are checked on upload (their declared type is kept).
SIGNATURES = (
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"%PDF-", "application/pdf"),
)
HEAD_BYTES = 16
# Shown in the browser: raster images only (an SVG could carry script); the rest downloads.
INLINE_TYPES = frozenset({"image/jpeg", "image/png", "image/gif", "image/webp"})
# A file shown in the browser's own tab runs no script and loads nothing else.
FILE_CSP = "default-src 'none'; img-src 'self'; sandbox"


def sniff_content_type(head: bytes) -> str | None:
    """The type the first bytes of a file show, for the types the portal stores."""
    for signature, content_type in SIGNATURES:
        if head.startswith(signature):
            return content_type
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    return None


def serve_file(request, field_file, *, filename, content_type=None, cache_control="private"):
    """The response that hands ``field_file`` over; call it after the permission check.

    ``filename`` is the readable name the user sees (Content-Disposition), whatever the
    storage name; ``content_type`` is the type recorded when the file was stored, used
    when the bytes themselves do not tell (a CSV, an office document).
    """
    name = field_file.name if field_file else ""
    if not name:
        raise Http404(_("Dit bestand bestaat niet (meer)."))
    storage = field_file.storage
    delivery = settings.MEDIA_DELIVERY
    if delivery == "signed-url":
        return _signed_url_response(storage, name, filename, content_type, cache_control)
    try:
        handle = storage.open(name, "rb")
    except FileNotFoundError as missing:
        raise Http404(_("Dit bestand bestaat niet (meer).")) from missing
    head = handle.read(HEAD_BYTES)
    content_type = _real_type(head, content_type, name)
    if delivery == "nginx":
        handle.close()
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = settings.MEDIA_ACCEL_PREFIX + quote(name)
    else:
        handle.seek(0)
        response = FileResponse(handle, content_type=content_type)
    response["Content-Disposition"] = _disposition(content_type, filename)
    response["Cache-Control"] = cache_control
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = FILE_CSP
    return response


def _real_type(head, declared, name):
    return (
        sniff_content_type(head)
        or declared
        or mimetypes.guess_type(name)[0]
        or "application/octet-stream"
    )


def _disposition(content_type, filename):
    return content_disposition_header(content_type not in INLINE_TYPES, filename)


def _signed_url_response(storage, name, filename, content_type, cache_control):
    """Redirect to a signed URL that lives ``MEDIA_SIGNED_URL_SECONDS``; the object store
    then sends the file with the same type and name (S3: ``ResponseContent…``)."""
    accepted = inspect.signature(storage.url).parameters
    if "expire" not in accepted:
        raise ImproperlyConfigured(
            f"MEDIA_DELIVERY=signed-url needs a storage that signs URLs "
            f"(url(name, expire=…)); {type(storage).__name__} does not."
        )
    content_type = content_type or mimetypes.guess_type(name)[0] or "application/octet-stream"
    options = {"expire": settings.MEDIA_SIGNED_URL_SECONDS}
    if "parameters" in accepted:
        options["parameters"] = {
            "ResponseContentType": content_type,
            "ResponseContentDisposition": _disposition(content_type, filename),
            "ResponseCacheControl": cache_control,
        }
    response = HttpResponseRedirect(storage.url(name, **options))
    # The signed URL expires: the redirect itself is never reused.
    response["Cache-Control"] = "private, no-store"
    return response
