"""Settings shared by every environment; dev, test and production override a few values."""

from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from lms.env import env_bool, env_list, env_str, env_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = env_str("SECRET_KEY", "insecure-development-key-change-me")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    # Local apps first so their templates override Wagtail's and Django's.
    "lms",
    "lms.security",
    "lms.privacy",
    "skills",
    "courses",
    # Sub-apps of courses: their models keep the "courses" label.
    "courses.records",
    "courses.h5p",
    "courses.scorm",
    # Its own tables, under the "training" label.
    "courses.training",
    # Communities of practice, under the "community" label.
    "courses.community",
    # Mentoring between colleagues of a network, under the "mentoring" label.
    "courses.mentoring",
    "reporting",
    # Pilots and the local digital plan: its own tables, under the "plan" label.
    "reporting.plan",
    # Sub-apps of reporting with their own tables: diagnosis above the core.
    "reporting.maturity",
    # Wagtail and third-party
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.simple_translation",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "csp",
    "django_tasks",
    "django_tasks_db",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # Static files through WhiteNoise under runserver too, as in production: it
    # allows every origin, which the sandboxed players' font requests need.
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before anything reads a cookie: the content host honours none.
    "lms.content_origin.ContentOriginMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "lms.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Platform admins and HR admins give their code (or enrol) before any page.
    "lms.security.middleware.SecondFactorMiddleware",
    "lms.security.middleware.SignInThrottleMiddleware",
    # Logs each file of people's personal data that an export view serves.
    "lms.privacy.middleware.ExportLogMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # After MessageMiddleware: answers for a view whose upload was cut off.
    "lms.uploads.UploadLimitMiddleware",
    # A 404, not a server error, for an id in a URL that the model's key cannot hold.
    "lms.url_inputs.ObjectIdMiddleware",
    "csp.middleware.CSPMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "lms.sites.CachedSiteMiddleware",
    # Reads the page tree's version once per request (courses.tree_cache).
    "courses.tree_cache.TreeVersionMiddleware",
    # Last, as django-axes asks, so it sees the final response of a sign-in.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "lms.urls"
WSGI_APPLICATION = "lms.wsgi.application"

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
                "csp.context_processors.nonce",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=60,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default: let the web process and the task worker share the
    # file without "database is locked" errors.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "lms.User"
AUTHENTICATION_BACKENDS = [
    # django-axes must come first so it can refuse a locked-out sign-in.
    "axes.backends.AxesStandaloneBackend",
    "lms.backends.EmailOrUsernameBackend",
    "lms.backends.RoleBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "courses:my-learning"
LOGOUT_REDIRECT_URL = "login"

# Sign-in lockout (docs/security.md, "Sign-in"): five failures on one account,
# from any address and whatever spelling of its name or e-mail, lock that account
# for 15 minutes. Failures during the lock do not extend it.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_USERNAME_CALLABLE = "lms.backends.lockout_username"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# Axes warns when addresses play no part in the lockout. Here they do, apart: the
# per-address throttle below, with a limit a town hall's shared address can live with.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]

# The client's address (lockout records, throttles): with N reverse proxies in
# front, the address the outermost one appended to X-Forwarded-For, never one the
# client wrote itself. 0: REMOTE_ADDR. See lms.security.client.client_ip.
TRUSTED_PROXY_COUNT = int(env_str("TRUSTED_PROXY_COUNT", "0"))
if TRUSTED_PROXY_COUNT:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
    AXES_IPWARE_PROXY_COUNT = TRUSTED_PROXY_COUNT - 1
else:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]
# A malformed entry the client put at the front must not discard the whole header.
IPWARE_STRICT = False
RATELIMIT_IP_META_KEY = "lms.security.client.client_ip"
# Per-address throttles on sign-in (password and code) and password-reset forms.
SIGN_IN_THROTTLE_RATE = env_str("SIGN_IN_THROTTLE_RATE", "20/10m")
PASSWORD_RESET_THROTTLE_RATE = env_str("PASSWORD_RESET_THROTTLE_RATE", "5/h")

# Second factor (TOTP, django-otp) for platform admins and HR admins; production
# requires it.
REQUIRE_SECOND_FACTOR = env_bool("REQUIRE_SECOND_FACTOR", False)
OTP_TOTP_ISSUER = "CivicSkills"

# Personal data (docs/privacy.md): people who left are anonymised this many years
# after their last trace, and older learning records lose the names they carry
# (``manage.py apply_retention``, daily).
LEARNING_RECORDS_RETENTION_YEARS = int(env_str("LEARNING_RECORDS_RETENTION_YEARS", "6"))

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("French")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "civicskills_language"
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    # npm packages the app serves itself (see package.json).
    ("vendor/h5p-standalone", BASE_DIR / "node_modules" / "h5p-standalone" / "dist"),
    ("vendor/scorm-again", BASE_DIR / "node_modules" / "scorm-again" / "dist"),
    ("vendor/plotly", BASE_DIR / "node_modules" / "plotly.js-cartesian-dist-min"),
]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Own CSS and JS minified, then hashed names and gzip/brotli copies (WhiteNoise).
    "staticfiles": {
        "BACKEND": "lms.staticfiles.MinifiedCompressedManifestStaticFilesStorage"
    },
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024
# The largest legitimate upload is an H5P or SCORM package (300 MB); people files
# (20 MB) and frameworks (2 MB) are smaller. Past this, an upload is cut off while
# it streams in, before anything is spooled to disk (lms/uploads.py).
MAX_UPLOAD_BYTES = int(env_str("MAX_UPLOAD_BYTES", str(300 * 1024 * 1024)))
FILE_UPLOAD_HANDLERS = [
    "lms.uploads.UploadLimitHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

REDIS_URL = env_str("REDIS_URL", "")
# "local" holds what is addressed by its content (a page tree version, a
# published revision, a learner's state): an entry never changes under its
# key, so each process may keep its own copy and skip a round trip to Redis.
# Without Redis it is the default cache itself (one store, cleared together).
_LOCMEM = "django.core.cache.backends.locmem.LocMemCache"
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
        },
        "local": {
            "BACKEND": _LOCMEM,
            "LOCATION": "content-addressed",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        },
    }
else:
    CACHES = {"default": {"BACKEND": _LOCMEM}, "local": {"BACKEND": _LOCMEM}}

# Sessions read from the cache (Redis in production), written through to the
# database: one query fewer on every signed-in page.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "CivicSkills <noreply@localhost>")

# Security headers. Every script and style is served by the app: no inline code,
# no other host.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Players (H5P, SCORM) opt in to same-origin framing view by view.
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
# Where SCORM and H5P content runs: an origin of its own, with no session (see
# lms/content_origin.py). Empty in development: http://localhost on the
# request's port, while the site is http://127.0.0.1. Required in production.
CONTENT_ORIGIN = env_url("CONTENT_ORIGIN", "") if env_str("CONTENT_ORIGIN", "") else ""
CONTENT_FRAME_SOURCE = CONTENT_ORIGIN or "http://localhost:*"
CONTENT_SECURITY_POLICY = {
    # The Wagtail admin still relies on a few inline scripts and styles.
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "media-src": ["'self'"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        # Lesson pages and the SCORM player frame the content origin.
        "frame-src": ["'self'", CONTENT_FRAME_SOURCE],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}

WAGTAIL_SITE_NAME = "CivicSkills"
# The site's public address: links that outlive a request (attestation PDFs,
# e-mails, xAPI identifiers) and Wagtail's own notifications. Required in production.
SITE_URL = env_url("SITE_URL", "http://127.0.0.1:8000")
WAGTAILADMIN_BASE_URL = SITE_URL
# One course in two languages is one course: a page and its translations
# (Wagtail's locales; authors translate with simple_translation, docs/courses.md).
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# One sign-in page, with the code step, for the site and the back office.
WAGTAILADMIN_LOGIN_URL = "login"
WAGTAIL_PASSWORD_RESET_ENABLED = True
# The back office calls no outside host: no Gravatar (it would send a hash of
# each user's e-mail address), no check for Wagtail releases.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "odt", "ods", "csv", "txt", "vtt"]
# Wagtail's uploader then refuses larger documents before sending them.
WAGTAILDOCS_MAX_UPLOAD_SIZE = MAX_UPLOAD_BYTES
# Documents always stream through Wagtail's view, which checks who may see each
# (courses.documents), even from remote storage: never a redirect to the file.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Wagtail's own view restrictions (on collections and pages) sign in here too.
WAGTAIL_FRONTEND_LOGIN_URL = "login"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
