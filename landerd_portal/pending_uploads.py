"""Files chosen in a form that came back with an error, kept until the form is sent again.

A browser forgets a chosen file when the page comes back: without this, a photo or an
attachment is gone after any mistake elsewhere in the form, while everything typed stays.
So the view keeps each file that passed its checks (a photo re-encoded first, like every
photo) in the default storage, through the storage API, under a private prefix::

    tijdelijk/<user id>/<random token>

No model and no migration: which files a form holds travels in the form itself, as a
hidden field signed with the secret key, naming the user and the tokens. A signature of
another user, a changed or an expired one opens nothing; a token of someone else's file
cannot even be named, because the storage name is built from the signed-in user's id.
The thumbnail is served by :class:`KeptFileView` on the same terms (no ``/media/`` route).

On the next successful submit the view hands the kept files to the service as if they were
uploaded now (so every rule of that service applies again: consent for photos, the
document type for attachments) and then removes them. Kept files of a form that was
abandoned are removed by :func:`sweep`, which beat runs every hour
(``landerd_portal.sweep_kept_uploads``; or ``manage.py sweep_kept_uploads``).
"""

import datetime
import logging
import re
import secrets
from dataclasses import dataclass

from django import forms
from django.core import signing
from django.core.files import File
from django.core.files.storage import default_storage
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views import View

from .media import serve_file
from .view_base import PortalPermissionMixin

logger = logging.getLogger(__name__)

PREFIX = "tijdelijk"
# Kept files older than this are removed; a signature older than this opens nothing.
MAX_AGE = datetime.timedelta(hours=24)
SALT = "landerd_portal.pending_uploads"
TOKEN_RE = re.compile(r"[A-Za-z0-9_-]{32}")
MAX_KEPT_PER_FIELD = 20


def _storage_name(user_id, token):
    return f"{PREFIX}/{int(user_id)}/{token}"


@dataclass(frozen=True)
class KeptFile:
    """One kept file: its token, the name it was chosen under, and whose it is."""

    token: str
    name: str
    user_id: int

    @property
    def storage_name(self):
        return _storage_name(self.user_id, self.token)

    def get_absolute_url(self):
        return reverse("kept_file", kwargs={"token": self.token})

    def open(self):
        """The kept bytes as a File under the name it was chosen with, for a service."""
        return File(default_storage.open(self.storage_name, "rb"), name=self.name)

    def delete(self):
        _remove(self.storage_name)


def keep(*, user, content, name) -> KeptFile:
    """Store ``content`` for ``user``; raises OSError (and leaves nothing) when storing fails."""
    token = secrets.token_urlsafe(24)
    kept = KeptFile(token=token, name=(name or "bestand").rsplit("/", 1)[-1][:200], user_id=user.pk)
    content.seek(0)
    try:
        default_storage.save(kept.storage_name, content)
    except OSError:
        # A full disk leaves an empty file behind (landerd_portal.uploads).
        _remove(kept.storage_name)
        raise
    return kept


def sign(files, *, user) -> str:
    if not files:
        return ""
    return signing.dumps(
        [[kept.token, kept.name] for kept in files], salt=f"{SALT}:{user.pk}", compress=True
    )


def unsign(value, *, user) -> list[KeptFile]:
    """The kept files a signed value names, if it is this user's, recent and still stored."""
    if not value or not getattr(user, "is_authenticated", False):
        return []
    try:
        entries = signing.loads(value, salt=f"{SALT}:{user.pk}", max_age=MAX_AGE)
    except (signing.BadSignature, ValueError, TypeError):
        return []
    found = []
    for entry in entries[:MAX_KEPT_PER_FIELD] if isinstance(entries, list) else []:
        if not (isinstance(entry, list) and len(entry) == 2 and TOKEN_RE.fullmatch(entry[0])):
            continue
        kept = KeptFile(token=entry[0], name=str(entry[1]), user_id=user.pk)
        if default_storage.exists(kept.storage_name):
            found.append(kept)
    return found


class KeptUploads:
    """The files a form's file field keeps between submits, and the form fields for them.

    Adds a hidden field ``kept_<field>`` (the signed list) and a checkbox group
    ``drop_kept_<field>`` ("niet meer gebruiken"), shown only while files are kept.
    ``thumbnails`` shows each as a picture (photos) rather than by its name.
    """

    def __init__(self, form, field_name, *, user, label, thumbnails=False):
        self.form = form
        self.user = user
        self.hidden_name = f"kept_{field_name}"
        self.drop_name = f"drop_kept_{field_name}"
        self.label = label
        self.thumbnails = thumbnails
        posted = form.data.get(form.add_prefix(self.hidden_name)) if form.is_bound else ""
        self.files = unsign(posted, user=user)
        dropping = (
            set(form.data.getlist(form.add_prefix(self.drop_name)))
            if form.is_bound and hasattr(form.data, "getlist")
            else set()
        )
        self.dropped = [kept for kept in self.files if kept.token in dropping]
        form.fields[self.hidden_name] = forms.CharField(required=False, widget=forms.HiddenInput)
        self._set_drop_field()

    @property
    def in_use(self) -> list[KeptFile]:
        return [kept for kept in self.files if kept not in self.dropped]

    def _set_drop_field(self):
        if not self.files:
            self.form.fields.pop(self.drop_name, None)
            return
        field = forms.MultipleChoiceField(
            label=self.label,
            required=False,
            choices=[(kept.token, kept.name) for kept in self.files],
            widget=forms.CheckboxSelectMultiple,
        )
        field.kept_files = {kept.token: kept for kept in self.files}
        field.thumbnails = self.thumbnails
        self.form.fields[self.drop_name] = field

    def keep_new(self, contents):
        """Keep ``contents`` (Files with their chosen names) besides those kept already.

        All or nothing: on OSError the ones kept in this call are removed again.
        """
        added = []
        try:
            for content in contents:
                added.append(keep(user=self.user, content=content, name=content.name))
        except OSError:
            for kept in added:
                kept.delete()
            raise
        self.files = self.files + added

    def refresh(self):
        """After the form came back: forget dropped files, and let the form carry the rest."""
        for kept in self.dropped:
            kept.delete()
        self.files = self.in_use
        self.dropped = []
        data = self.form.data.copy()
        data[self.form.add_prefix(self.hidden_name)] = sign(self.files, user=self.user)
        if hasattr(data, "setlist"):
            data.setlist(self.form.add_prefix(self.drop_name), [])
        else:
            data.pop(self.form.add_prefix(self.drop_name), None)
        self.form.data = data
        self._set_drop_field()

    def open_in_use(self) -> list[File]:
        return [kept.open() for kept in self.in_use]

    def discard(self):
        """Once the files went where they belong (or were dropped): remove the kept copies."""
        for kept in self.files:
            kept.delete()


def sweep(*, older_than=MAX_AGE, now=None) -> int:
    """Remove kept files older than ``older_than``; returns how many went."""
    limit = (now or timezone.now()) - older_than
    removed = 0
    try:
        folders, _files = default_storage.listdir(PREFIX)
    except (FileNotFoundError, NotADirectoryError):
        return 0
    for folder in folders:
        _subfolders, names = default_storage.listdir(f"{PREFIX}/{folder}")
        for name in names:
            path = f"{PREFIX}/{folder}/{name}"
            try:
                modified = default_storage.get_modified_time(path)
            except (FileNotFoundError, NotImplementedError):
                continue
            if modified < limit:
                _remove(path)
                removed += 1
    return removed


class KeptFileView(PortalPermissionMixin, View):
    """A kept file (a thumbnail on the form that came back), for its uploader only.

    The storage name is built from the signed-in user's id, so someone else's token
    names no file of theirs: 404, as for a token that never existed.
    """

    permission_required = ()

    def get(self, request, token):
        if not TOKEN_RE.fullmatch(token):
            raise Http404(_("Dit bestand bestaat niet (meer)."))
        name = _storage_name(request.user.pk, token)
        if not default_storage.exists(name):
            raise Http404(_("Dit bestand bestaat niet (meer)."))
        field_file = _StoredFile(name)
        return serve_file(request, field_file, filename=f"{token[:8]}.jpg")


class _StoredFile:
    """What serve_file needs of a FieldFile: a name and the storage holding it."""

    storage = default_storage

    def __init__(self, name):
        self.name = name

    def __bool__(self):
        return bool(self.name)


def _remove(name):
    try:
        if default_storage.exists(name):
            default_storage.delete(name)
    except OSError:
        logger.warning("Could not remove the kept upload %s", name)
