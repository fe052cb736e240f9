"""Settings for bench/activities.py: production settings (DEBUG off) with one change.

Static files are collected without the manifest: CompressedManifestStaticFilesStorage
refuses to post-process the vendored Bootstrap bundle, whose source-map comment points
at a file that is not vendored. Static files are not what this benchmark measures.
"""

from landerd_portal.settings import *  # noqa: F403

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
