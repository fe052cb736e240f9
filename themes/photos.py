"""Photos of activities: checked by their content, stored without their metadata.

A file's name and its declared type say nothing about what it is, so Pillow decodes it.
What is stored is a fresh JPEG drawn from the pixels alone: no EXIF, no GPS position, no
camera serial number survives.
"""

import io
import uuid

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_PHOTO_BYTES = 10 * 1024 * 1024
# More pixels than any phone camera makes; a larger image is a decompression bomb.
MAX_PHOTO_PIXELS = 60_000_000
# Stored photos are at most this wide or high: plenty for a report, quick on a phone.
STORED_MAX_SIDE = 2400
ACCEPTED_FORMATS = {"JPEG", "MPO", "PNG", "GIF", "WEBP", "BMP", "TIFF"}

_READ_ERRORS = (
    UnidentifiedImageError,
    OSError,
    SyntaxError,
    ValueError,
    Image.DecompressionBombError,
)


def check_photo(uploaded):
    """Raise a ValidationError unless ``uploaded`` is an image we accept."""
    if uploaded.size > MAX_PHOTO_BYTES:
        raise ValidationError(
            _("De foto %(name)s is groter dan 10 MB. Kies een kleinere foto."),
            code="photo_too_large",
            params={"name": uploaded.name},
        )
    try:
        uploaded.seek(0)
        with Image.open(uploaded) as image:
            image_format = image.format
            width, height = image.size
            image.verify()
    except _READ_ERRORS as error:
        raise ValidationError(
            _("%(name)s is geen foto. Kies een afbeelding (bijvoorbeeld JPEG of PNG)."),
            code="not_an_image",
            params={"name": uploaded.name},
        ) from error
    finally:
        uploaded.seek(0)
    if image_format not in ACCEPTED_FORMATS:
        raise ValidationError(
            _("%(name)s is geen foto. Kies een afbeelding (bijvoorbeeld JPEG of PNG)."),
            code="not_an_image",
            params={"name": uploaded.name},
        )
    if width * height > MAX_PHOTO_PIXELS:
        raise ValidationError(
            _("De foto %(name)s heeft te veel pixels. Kies een kleinere foto."),
            code="photo_too_large",
            params={"name": uploaded.name},
        )


def reencode_photo(uploaded):
    """A new JPEG of the uploaded image's pixels only, as a ContentFile with a random name."""
    check_photo(uploaded)
    try:
        with Image.open(uploaded) as source:
            source.load()
            # Turn the pixels the way the camera meant before the orientation tag goes.
            image = ImageOps.exif_transpose(source)
            image.thumbnail((STORED_MAX_SIDE, STORED_MAX_SIDE))
            rgba = image.convert("RGBA")
            # A brand-new image carries no `info` (EXIF, XMP, comments) from the upload.
            clean = Image.new("RGB", rgba.size, (255, 255, 255))
            clean.paste(rgba, mask=rgba.getchannel("A"))
    except _READ_ERRORS as error:
        raise ValidationError(
            _("%(name)s is geen foto. Kies een afbeelding (bijvoorbeeld JPEG of PNG)."),
            code="not_an_image",
            params={"name": uploaded.name},
        ) from error
    finally:
        uploaded.seek(0)
    output = io.BytesIO()
    clean.save(output, format="JPEG", quality=85, optimize=True)
    return ContentFile(output.getvalue(), name=f"{uuid.uuid4().hex}.jpg")
