"""Settings for the Samen Landerd partner portal, read from the environment.

One module for every environment (cookiecutter-django / Open Forms style): the defaults
give the embedded first run (SQLite, a filesystem Celery broker); production and CI set
DATABASE_URL, CELERY_BROKER_URL and friends. They fail closed: DEBUG is off and there is
no secret key unless the environment gives them (scripts/run does, for development).
Every setting is read here, once, with its default; code reads `settings.X` and never
repeats a default.
"""

import tempfile
from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

# Fail closed: off unless the environment turns it on (scripts/run does, for development).
DEBUG = env.bool("DJANGO_DEBUG", default=False)
try:
    SECRET_KEY = env("DJANGO_SECRET_KEY")
except ImproperlyConfigured as missing:
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY is not set. Production sets a long random value of its own; "
        "for development, scripts/run and scripts/test set one for you."
    ) from missing
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "rules.apps.AutodiscoverRulesConfig",
    "simple_history",
    "django_celery_beat",
    "axes",
    "csp",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI's files, served from our own static files
    "landerd_portal",  # its template tags ({% load portal %})
    "partners",
    "themes",
    "programme",
    "learning_history",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy and Permissions-Policy on every response, errors included.
    "csp.middleware.CSPMiddleware",
    "landerd_portal.security.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After the messages: a session past its idle or absolute time-out ends here, with a
    # message on the login page (landerd_portal/sessions.py).
    "landerd_portal.sessions.SessionTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "landerd_portal.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "landerd_portal.context_processors.navigation",
            ],
        },
    },
]

WSGI_APPLICATION = "landerd_portal.wsgi.application"

# --- Database -------------------------------------------------------------------------
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Web, worker and beat share the embedded database: WAL and immediate transactions
    # keep them from tripping over each other's locks.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts -------------------------------------------------------------------------
AUTH_USER_MODEL = "partners.User"
AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses a locked-out sign-in before any password is checked.
    "landerd_portal.auth.LoginThrottleBackend",
    "rules.permissions.ObjectPermissionBackend",
    "landerd_portal.auth.PortalModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"

# Failed-login throttling (django-axes): after 5 failures for one e-mail address from one
# IP address, that combination waits 15 minutes. Counting per pair means nobody can lock
# a colleague out from elsewhere, and a guesser cannot just switch addresses. One address
# is also stopped after AXES_ADDRESS_FAILURE_LIMIT failures over all accounts together (a
# password tried on many accounts); higher, because an office shares one address. Both
# counts are kept by landerd_portal.auth.PortalAxesHandler.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_ADDRESS_FAILURE_LIMIT = env.int("AXES_ADDRESS_FAILURE_LIMIT", default=30)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_HANDLER = "landerd_portal.auth.PortalAxesHandler"
# Behind reverse proxies every request comes from the nearest one: the number of proxies
# in front of the portal that append to X-Forwarded-For (0: none, the header is ignored).
# The client's address is taken from that header only when this is set
# (landerd_portal.auth.client_ip_address).
TRUSTED_PROXIES = env.int("DJANGO_TRUSTED_PROXIES", default=0)
AXES_CLIENT_IP_CALLABLE = "landerd_portal.auth.client_ip_address"
# The login form posts the e-mail address as "username" (Django's AuthenticationForm);
# axes would otherwise look for a field named after USERNAME_FIELD ("email").
AXES_USERNAME_FORM_FIELD = "username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_COOLOFF_MESSAGE = _(
    "Te veel mislukte pogingen om in te loggen. Probeer het over een kwartier opnieuw."
)
AXES_VERBOSE = False

# --- Cache and sessions ---------------------------------------------------------------
# One cache shared by every web process and the worker: sessions, and the rendered parts of
# the busiest pages (landerd_portal/fragments.py), which a change to the data makes stale at
# once. Production and CI set CACHE_URL to Redis; the embedded first run keeps the cache in
# a folder under var/. A Redis that does not answer is skipped, never fatal: pages are then
# rendered from the database, and sessions read from it (cached_db writes through). While
# it is away the portal tries it again once per CACHE_RETRY_SECONDS, logs one warning per
# outage (not a traceback per call) and empties it when it is back (landerd_portal/cache.py).
CACHE_URL = env("CACHE_URL", default="")
CACHE_RETRY_SECONDS = env.float("CACHE_RETRY_SECONDS", default=5.0)
if CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    CACHES = {
        "default": {
            "BACKEND": "landerd_portal.cache.PortalRedisCache",
            "LOCATION": CACHE_URL,
            # Keys of this portal only, should the Redis database be shared by mistake.
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", default="landerd"),
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                # Nothing unsigned is unpickled (whoever reaches Redis could run code).
                "SERIALIZER": "landerd_portal.cache.SignedPickleSerializer",
                "SOCKET_CONNECT_TIMEOUT": env.float("CACHE_CONNECT_TIMEOUT", default=0.5),
                "SOCKET_TIMEOUT": env.float("CACHE_SOCKET_TIMEOUT", default=0.5),
            },
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        }
    }
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# A session ends after SESSION_IDLE_TIMEOUT_SECONDS without a request and, whatever the
# user does, SESSION_MAX_AGE_SECONDS after signing in (landerd_portal/sessions.py; the
# last request's time is stored at most once per SESSION_ACTIVITY_RESOLUTION_SECONDS).
# Changing a user's password, role, organisation or active flag ends their sessions at
# once (partners.User.get_session_auth_hash).
SESSION_IDLE_TIMEOUT_SECONDS = env.int("SESSION_IDLE_TIMEOUT_SECONDS", default=2 * 60 * 60)
SESSION_MAX_AGE_SECONDS = env.int("SESSION_MAX_AGE_SECONDS", default=12 * 60 * 60)
SESSION_ACTIVITY_RESOLUTION_SECONDS = 60
SESSION_COOKIE_AGE = SESSION_MAX_AGE_SECONDS
# The longest a cached page part lives; a change to the data replaces it at once, this only
# bounds what no signal reports (a date passing, a bulk update outside the services).
FRAGMENT_CACHE_SECONDS = env.int("FRAGMENT_CACHE_SECONDS", default=300)
# Small tables every page reads (the phases, the activity filters' choices) are kept per
# version of what they show this long, also when page parts are not cached (0 above).
LOOKUP_CACHE_SECONDS = env.int("LOOKUP_CACHE_SECONDS", default=3600)

# --- REST API (/api/v1/, landerd_portal/api.py) ------------------------------------------
# A personal API key (partners.authentication) or the browser's session (with CSRF); the
# permissions are the apps' rules (landerd_portal.api.RulesPermission), as on the web.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "partners.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.IsAuthenticated",
        "landerd_portal.api.RulesPermission",
    ],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "landerd_portal.api.PortalPagination",
    "DEFAULT_SCHEMA_CLASS": "landerd_portal.api_schema.PortalAutoSchema",
    "EXCEPTION_HANDLER": "landerd_portal.api.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "DATE_INPUT_FORMATS": ["iso-8601"],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Samen Landerd – API van het partnerportaal",
    "DESCRIPTION": (
        "Activiteiten, thema's, dorpskernen, organisaties, de DIN en gepubliceerde "
        "faserapportages. Log in met een persoonlijke API-sleutel (kop `Authorization: "
        "Bearer <sleutel>`, te maken op /accounts/api-sleutels/) of met je sessie in de "
        "browser. Een sleutel mag precies wat zijn gebruiker mag."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "ENUM_NAME_OVERRIDES": {},
    "AUTHENTICATION_WHITELIST": [
        "partners.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
}

# --- Language and time ----------------------------------------------------------------
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

# --- Static and media -----------------------------------------------------------------
STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env.path("STATIC_ROOT", default=str(VAR_DIR / "static"))
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(VAR_DIR / "media"))
# Nothing in MEDIA_ROOT has a public address (there is no /media/ route): each file is
# served by the view of the page that links to it, after that page's permission check
# (landerd_portal/media.py). Who then sends the bytes: "django" streams them (embedded,
# development), "nginx" hands them over with X-Accel-Redirect to the internal location
# MEDIA_ACCEL_PREFIX, "signed-url" redirects to a short-lived signed URL of an object store.
MEDIA_DELIVERY = env("MEDIA_DELIVERY", default="django")
if MEDIA_DELIVERY not in ("django", "nginx", "signed-url"):
    raise ImproperlyConfigured("MEDIA_DELIVERY must be django, nginx or signed-url.")
MEDIA_ACCEL_PREFIX = "/" + env("MEDIA_ACCEL_PREFIX", default="/protected-media/").strip("/") + "/"
MEDIA_SIGNED_URL_SECONDS = env.int("MEDIA_SIGNED_URL_SECONDS", default=60)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Activity photos older than this are flagged for review (AVG: keep no longer than
# needed): the filter "ouder dan de bewaartermijn" in the admin and a count on its index.
PHOTO_RETENTION_DAYS = env.int("PHOTO_RETENTION_DAYS", default=2 * 365)

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- E-mail ---------------------------------------------------------------------------
EMAIL_BACKEND = env(
    "DJANGO_EMAIL_BACKEND",
    default="django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Samen Landerd <noreply@samenlanderd.nl>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Where the portal is reached, for links in e-mails sent outside a request (Celery tasks).
PORTAL_URL = env("PORTAL_URL", default="http://localhost:8000").rstrip("/")
# The domain in the UIDs of calendar events (the public agenda, partner meetings): fixed
# per programme, not the host's name, so that a calendar keeps recognising its events when
# the portal moves to another address.
CALENDAR_UID_DOMAIN = env("CALENDAR_UID_DOMAIN", default="samenlanderd.nl")

# --- Celery ---------------------------------------------------------------------------
# The embedded default is kombu's filesystem transport: no server needed for a first run.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="filesystem://")
# The hard time limit of a task; the report sweeper counts a build as stuck after it.
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=15 * 60)
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=14 * 60)
# Short time-outs: a web request that hands work to a broker that is down must answer at
# once (the work waits in the outbox, landerd_portal/outbox.py), not after retries.
CELERY_BROKER_CONNECTION_TIMEOUT = env.float("CELERY_BROKER_CONNECTION_TIMEOUT", default=2.0)
CELERY_BROKER_SOCKET_TIMEOUT = env.float("CELERY_BROKER_SOCKET_TIMEOUT", default=5.0)
if CELERY_BROKER_URL.startswith("filesystem"):
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(VAR_DIR / "celery" / "queue"),
        "data_folder_out": str(VAR_DIR / "celery" / "queue"),
        "processed_folder": str(VAR_DIR / "celery" / "processed"),
        "store_processed": False,
    }
else:
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        # A task a worker took but never acknowledged (the worker died) goes back to the
        # queue after this long: a little above the hard time limit, so a task that is
        # still running is never handed out twice (kombu's default is an hour).
        "visibility_timeout": env.int(
            "CELERY_BROKER_VISIBILITY_TIMEOUT", default=CELERY_TASK_TIME_LIMIT + 60
        ),
        "socket_connect_timeout": CELERY_BROKER_CONNECTION_TIMEOUT,
        "socket_timeout": CELERY_BROKER_SOCKET_TIMEOUT,
    }
for _folder in CELERY_BROKER_TRANSPORT_OPTIONS.values():
    if isinstance(_folder, str):
        Path(_folder).mkdir(parents=True, exist_ok=True)
CELERY_RESULT_BACKEND = env(
    "CELERY_RESULT_BACKEND", default=f"file://{VAR_DIR / 'celery' / 'results'}"
)
if CELERY_RESULT_BACKEND.startswith("file://"):
    Path(CELERY_RESULT_BACKEND.removeprefix("file://")).mkdir(parents=True, exist_ok=True)
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# The result backend's Redis (if any) with short time-outs and no endless retry either.
CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = CELERY_BROKER_CONNECTION_TIMEOUT
CELERY_REDIS_SOCKET_TIMEOUT = CELERY_BROKER_SOCKET_TIMEOUT
CELERY_RESULT_BACKEND_ALWAYS_RETRY = False
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# One retry policy for every task that meets a passing fault (database, broker, mail
# server): exponential back-off from TASK_RETRY_BACKOFF_SECONDS up to the maximum.
TASK_MAX_RETRIES = env.int("TASK_MAX_RETRIES", default=5)
TASK_RETRY_BACKOFF_SECONDS = env.int("TASK_RETRY_BACKOFF_SECONDS", default=30)
TASK_RETRY_BACKOFF_MAX_SECONDS = env.int("TASK_RETRY_BACKOFF_MAX_SECONDS", default=30 * 60)
# The outbox (landerd_portal/outbox.py): beat leaves a message this many seconds to the
# web process that stored it before sending it itself, and sends at most this many a run.
OUTBOX_HANDOVER_GRACE_SECONDS = env.int("OUTBOX_HANDOVER_GRACE_SECONDS", default=30)
OUTBOX_BATCH_SIZE = env.int("OUTBOX_BATCH_SIZE", default=500)
# Periodic tasks; django_celery_beat's DatabaseScheduler copies these into its tables.
CELERY_BEAT_SCHEDULE = {
    "themes-kartrekker-digest": {
        # Early on the first of each month: last month's activities to each kartrekker.
        "task": "themes.tasks.send_kartrekker_digests",
        "schedule": crontab(minute=0, hour=7, day_of_month=1),
    },
    "outbox-send-unsent": {
        # Every minute: the background work the broker could not take at once (the outbox).
        "task": "landerd_portal.send_outbox",
        "schedule": crontab(minute="*"),
    },
    "kept-uploads-sweep": {
        # Hourly: files kept for a form that came back with an error and was abandoned.
        "task": "landerd_portal.sweep_kept_uploads",
        "schedule": crontab(minute=17),
    },
    "programme-phase-report-sweep": {
        # Every few minutes: builds a lost worker left queued or building past the limit.
        "task": "programme.sweep_stuck_phase_reports",
        "schedule": crontab(minute="*/3"),
    },
    "programme-phase-report-monthly-draft": {
        # Night of the first of each month: a draft of the current phase so far.
        "task": "programme.build_current_phase_draft",
        "schedule": crontab(minute=30, hour=2, day_of_month=1),
    },
    "programme-phase-report-phase-end": {
        # Daily: the full report of a phase that ended in the past week, once.
        "task": "programme.build_ended_phase_reports",
        "schedule": crontab(minute=45, hour=2),
    },
}

# --- Phase reports ----------------------------------------------------------------------
# Downloads are named e.g. samen-landerd-fase-1-2019-v3.pdf.
REPORT_FILE_PREFIX = env("REPORT_FILE_PREFIX", default="samen-landerd")
# Activities per separately rendered part of the annex (render in parts, keep memory flat).
REPORT_ANNEX_CHUNK_SIZE = env.int("REPORT_ANNEX_CHUNK_SIZE", default=250)
# A build that has not finished this long after it started (or was handed to the broker)
# is stuck: its worker died. The sweeper then queues it again, at most
# REPORT_BUILD_MAX_REQUEUES times, and otherwise marks it failed; it no longer blocks a new
# build. A little above the hard time limit, after which a worker stops any task.
REPORT_BUILD_STUCK_AFTER_SECONDS = env.int(
    "REPORT_BUILD_STUCK_AFTER_SECONDS", default=CELERY_TASK_TIME_LIMIT + 60
)
REPORT_BUILD_MAX_REQUEUES = env.int("REPORT_BUILD_MAX_REQUEUES", default=2)
# Builds render in a folder named after the version under this one; whatever a killed
# worker leaves there is removed by the next build of that version or by the sweeper.
REPORT_WORK_DIR = Path(
    env("REPORT_WORK_DIR", default=str(Path(tempfile.gettempdir()) / "landerd-rapportages"))
)
# Beat builds the full report of a phase that ended at most this many days ago, once.
REPORT_PHASE_END_DAYS = env.int("REPORT_PHASE_END_DAYS", default=7)

# --- Security -------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"


def _inline_style_hash(template):
    """The CSP hash of the one inline <style> of a template that may not load files (500)."""
    import base64
    import hashlib
    import re

    text = (BASE_DIR / "templates" / template).read_text(encoding="utf-8")
    style = re.search(r"<style>(.*?)</style>", text, re.DOTALL)
    digest = hashlib.sha256(style.group(1).encode()).digest() if style else b""
    return f"'sha256-{base64.b64encode(digest).decode()}'"


# Content-Security-Policy (django-csp): only the portal's own files, no inline script or
# style, no plug-ins, no framing, forms post only here. Pages keep to it: htmx' indicator
# style is off (templates/base.html), charts are inline SVG without style attributes. The
# 500 page may not load a stylesheet (it is shown when anything may be broken), so its own
# inline style is allowed by hash.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", _inline_style_hash("500.html")],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}
# Permissions-Policy (landerd_portal.security): the portal uses none of these browser
# features, so no page (nor anything injected into one) may ask for them.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "encrypted-media",
        "fullscreen",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "picture-in-picture",
        "publickey-credentials-get",
        "screen-wake-lock",
        "usb",
        "xr-spatial-tracking",
    )
}
if not DEBUG:
    SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    # Behind a TLS-terminating proxy the scheme arrives in this header.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=True)

# /healthz: each check (database, broker, cache) connects and waits at most
# HEALTH_CHECK_TIMEOUT seconds, and the answer comes within HEALTH_CHECK_DEADLINE whatever
# hangs (a check still running then counts as failed).
HEALTH_CHECK_TIMEOUT = env.float("HEALTH_CHECK_TIMEOUT", default=1.0)
HEALTH_CHECK_DEADLINE = env.float("HEALTH_CHECK_DEADLINE", default=2.0)

# One line per record with time, level and logger; what to watch is in the README ("Logs
# and what to watch"). The portal's own lines come from landerd_portal.logs: one warning
# per outage of the cache or the broker, and event=… user=… object=… lines.
# DJANGO_LOG_LEVEL applies to every line, Django's and the packages' included: scripts/run
# sets WARNING unless VERBOSE=1.
LOG_LEVEL = env("DJANGO_LOG_LEVEL", default="INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "filters": {"logged_as_refusal": {"()": "landerd_portal.logs.LoggedAsRefusal"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain", "level": LOG_LEVEL}
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        # Django's own console handler (with DEBUG) would print its lines a second time.
        "django": {"handlers": [], "level": LOG_LEVEL},
        # A 403 is logged once, as the portal's event=refused, without a traceback.
        "django.request": {"filters": ["logged_as_refusal"]},
        # runserver's line per request, in the same format and through the same filter.
        "django.server": {
            "handlers": ["console"],
            "filters": ["logged_as_refusal"],
            "propagate": False,
        },
        # kombu warns that the filesystem transport's URL (filesystem://) has no host name.
        "kombu.connection": {"level": "ERROR"},
        # WeasyPrint logs every rendering step at INFO; phase reports render dozens of parts.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        # A traceback per ignored cache call; landerd_portal.cache logs once per outage.
        "django_redis": {"level": "CRITICAL"},
    },
}
