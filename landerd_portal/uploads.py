"""Uploaded files written so that the row and the file are both kept, or neither.

A full disk or a read-only media folder must not end in a 500 with everything typed lost
and a half-written file left behind. :func:`store_upload` writes a file into a model's file
field; when the storage fails it removes whatever it wrote (FileSystemStorage leaves an
empty file when the disk fills up mid-write) and raises a ``ValidationError`` for the form
field, so the form comes back with the user's input and the reason. :func:`undo_uploads`
removes the files a change wrote when anything after them fails, so that a rolled-back
row leaves no orphan file.
"""

import logging
from contextlib import contextmanager

from django.core.exceptions import ValidationError

from .logs import log_event

logger = logging.getLogger(__name__)


def store_upload(field_file, filename, content, *, written, form_field, message, user=None):
    """Save ``content`` as ``filename`` in ``field_file`` (not yet the row), or refuse.

    ``written`` collects (storage, name) of every file saved, for :func:`undo_uploads`.
    """
    storage = field_file.storage
    field = field_file.field
    wanted = field.generate_filename(field_file.instance, filename)
    # The name the storage is about to use: on failure it does not say which it chose.
    expected = storage.get_available_name(wanted, max_length=field.max_length)
    try:
        name = storage.save(expected, content, max_length=field.max_length)
    except OSError as error:
        _remove(storage, expected)
        log_event(
            "upload_failed",
            user=user,
            level=logging.ERROR,
            field=form_field,
            file=expected,
            error=f"{type(error).__name__}: {error}",
        )
        raise ValidationError({form_field: message}, code="storage_failed") from error
    written.append((storage, name))
    field_file.name = name
    field_file._committed = True


@contextmanager
def undo_uploads():
    """Yield a list for :func:`store_upload`; remove its files if the block raises."""
    written = []
    try:
        yield written
    except BaseException:
        for storage, name in written:
            _remove(storage, name)
        raise


def _remove(storage, name):
    try:
        if storage.exists(name):
            storage.delete(name)
    except OSError:
        logger.warning("Could not remove the unfinished upload %s", name)
