"""Settings for the cadre records and reporting system.

Everything that differs between machines comes from the environment
(README, "Configuration (environment)"): DATABASE_URL (SQLite file by
default), SECRET_KEY, DEBUG, ALLOWED_HOSTS, HTTPS, RATING_COVERAGE_MIN, ... The defaults are the
safe ones: DEBUG off, and no start without SECRET_KEY except the embedded
demo (`make run` sets CADRE_EMBEDDED=1) or DEBUG=1, which keep a local key file.
"""
import os
import warnings
from datetime import timedelta
from pathlib import Path

import dj_database_url

from config.env import env_int, env_share, resolve_secret_key

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = os.environ.get("DEBUG", "0") == "1"
# The embedded demo: `make run` on one machine, SQLite, the local key file.
EMBEDDED = os.environ.get("CADRE_EMBEDDED", "0") == "1"
SECRET_KEY = resolve_secret_key(os.environ, BASE_DIR / ".secret_key", local_run=DEBUG or EMBEDDED)
ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]

INSTALLED_APPS = [
    "config.apps.CadreAdminConfig",  # django.contrib.admin, for system administrators only
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "accounts",
    "cadre",
    "planning",
    "reports",
    "documents",
    "jobs",
    "api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Content-Security-Policy and no-store: see the "Browser security headers" block below.
    "csp.middleware.CSPMiddleware",
    "config.middleware.NoStoreMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "cadre.audit.AuditMiddleware",  # every write of the request is attributed to its user
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "cadre.context_processors.demo_banner",
                "cadre.context_processors.committee",
                "cadre.context_processors.admin_link",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=60,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Many readers while an import writes: wait instead of failing at once.
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # The report queries are short aggregates; PostgreSQL's JIT compilation
    # costs more than it saves there (docs/performance.md).
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")

AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt")]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["config.formats"]

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT") or BASE_DIR / "media")
MEDIA_URL = "media/"
# Background jobs (jobs/: imports, the units' reports as one ZIP, exchange-workbook exports, demo data)
# run on a Celery worker when CELERY_BROKER_URL is set (e.g. redis://127.0.0.1:6379/0), else in a thread of
# the web process while a progress bar polls; IMPORT_IN_BACKGROUND=0 runs them inside the request (tests).
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_TASK_IGNORE_RESULT = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1  # jobs are long: a worker takes the next one only when free
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
IMPORT_IN_BACKGROUND = os.environ.get("IMPORT_IN_BACKGROUND", "1") == "1"
# Finished jobs and their results (ZIP, XLSX) are deleted after this many hours (cleanup_imports).
JOB_KEEP_HOURS = int(os.environ.get("JOB_KEEP_HOURS", 24))
# Limits of an imported workbook, checked before it is parsed: the file's size, the
# total size of its unpacked parts (a "zip bomb" is small packed), the rows of a sheet.
IMPORT_MAX_BYTES = int(os.environ.get("IMPORT_MAX_BYTES", 20 * 1024 * 1024))
IMPORT_MAX_UNPACKED_BYTES = int(os.environ.get("IMPORT_MAX_UNPACKED_BYTES", 500 * 1024 * 1024))
IMPORT_MAX_ROWS = int(os.environ.get("IMPORT_MAX_ROWS", 300_000))
# Uploaded workbooks not committed or cancelled are deleted after this many hours.
IMPORT_KEEP_HOURS = int(os.environ.get("IMPORT_KEEP_HOURS", 24))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Report, comparison and dashboard figures are kept between requests (cadre/figure_cache.py) under
# keys holding the data versions of their scope, so they are never stale. REDIS_URL (e.g.
# redis://127.0.0.1:6379/0) shares them between the server's processes; without it each process keeps
# its own in memory. FIGURE_CACHE=0 computes every figure again (nothing kept).
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL,
                          "KEY_PREFIX": "cadre"}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "cadre",
                          "OPTIONS": {"MAX_ENTRIES": 2000}}}
FIGURE_CACHE = os.environ.get("FIGURE_CACHE", "1") == "1"
# How long kept figures live unread (figures of an old version are never read again; this frees them).
FIGURE_CACHE_SECONDS = env_int("FIGURE_CACHE_SECONDS", 24 * 3600)

# The admin edits officials with many inline records.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 20000
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.TokenAuthentication",
        "api.authentication.LockoutAwareBasicAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    # JSON only: the browsable API's pages are in English and not part of the application.
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [
        "rest_framework.parsers.JSONParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.TokenOrUserRateThrottle"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.Pagination",
    "DEFAULT_SCHEMA_CLASS": "api.schema.AutoSchema",
    "EXCEPTION_HANDLER": "api.errors.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
# Requests per minute per API token (or per user without one): api/throttling.py.
API_THROTTLE_RATE = os.environ.get("API_THROTTLE_RATE", "120/min")
SPECTACULAR_SETTINGS = {
    "TITLE": "API hệ thống quản lý hồ sơ cán bộ và báo cáo",
    "DESCRIPTION": (
        "API cho phần mềm khác của Ban Tổ chức: cùng phạm vi, vai trò, nhật ký thay đổi và kiểm tra phiên bản "
        "như các trang web. Xác thực bằng khóa API (Authorization: Bearer cadre_…), tạo tại trang "
        "“Khóa API” của mỗi người dùng."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_GENERATE_CHOICE_DESCRIPTION": True,
    # Choice sets named once where several fields share them (organization and population kinds…).
    "ENUM_NAME_OVERRIDES": {
        "OrganizationKindEnum": "cadre.models.organizations.OrganizationKind",
        "CareerEventKindEnum": "cadre.models.records.CareerEventKind",
        "IndicatorKindEnum": "planning.models.definitions.IndicatorKind",
    },
}

# --- Browser security headers (Content-Security-Policy, caching) ---------------
# No inline scripts or styles anywhere: templates use static files, data-*
# attributes and classes; scripts change styles only through the CSSOM.
# The PDF's HTML (templates/documents/print.html) is never served to a browser.
# Responses without their own Cache-Control get `no-store` (config/middleware.py).
# X-Frame-Options DENY, X-Content-Type-Options nosniff, Referrer-Policy
# same-origin and Cross-Origin-Opener-Policy same-origin are Django's defaults.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}


# The share of a population that must be rated for a rating year to be the default one and for a
# rating figure to count as resting on enough ratings (docs/data-model.md, "Rating coverage").
RATING_COVERAGE_MIN = env_share("RATING_COVERAGE_MIN", "0.8")

# Password of the demo users created by generate_demo.
DEMO_PASSWORD = os.environ.get("DEMO_PASSWORD", "demo-2026")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}


# --- Deployment: static files, HTTPS, sessions, login protection (README, "Configuration") ---

# Static files from the application itself (WhiteNoise), also with DEBUG off
# and without a collectstatic step: files are found where runserver finds
# them. A production server may run `collectstatic` once; WhiteNoise then
# serves STATIC_ROOT.
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "whitenoise.middleware.WhiteNoiseMiddleware",
)
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
# Without collectstatic there is no STATIC_ROOT folder, which WhiteNoise would warn about on start.
warnings.filterwarnings("ignore", message="No directory at: ")

# HTTPS=1 behind TLS: redirect, HSTS for a year, cookies only over HTTPS.
HTTPS = os.environ.get("HTTPS", "0") == "1"
if HTTPS:
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
CSRF_TRUSTED_ORIGINS = [o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()]
# Behind a reverse proxy that terminates TLS: the header it sets to "https",
# e.g. PROXY_SSL_HEADER=HTTP_X_FORWARDED_PROTO.
if os.environ.get("PROXY_SSL_HEADER"):
    SECURE_PROXY_SSL_HEADER = (os.environ["PROXY_SSL_HEADER"], "https")

# Sessions end when the browser closes, or after SESSION_IDLE_MINUTES without
# a request; accounts.middleware.SessionRefreshMiddleware moves the expiry on
# at most once a minute (not a database write on every request).
SESSION_IDLE_MINUTES = env_int("SESSION_IDLE_MINUTES", 30)
SESSION_COOKIE_AGE = SESSION_IDLE_MINUTES * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.sessions.middleware.SessionMiddleware") + 1,
    "accounts.middleware.SessionRefreshMiddleware",
)

# Error pages in Vietnamese: templates/400.html, 403.html, 404.html, 500.html
# and 403_csrf.html (Django's CSRF failure view uses it).

# Login protection (django-axes): after LOGIN_FAILURE_LIMIT wrong passwords
# for one user name from one IP address, that pair is locked for
# LOGIN_COOLOFF_MINUTES (every further attempt starts the wait again), for the
# login page, the admin and the API's HTTP Basic alike. Locking the pair, not
# the user name alone, keeps a stranger from locking a colleague out; an admin
# unlocks in /admin/axes/accessattempt/ or with `manage.py axes_reset_username NAME`.
INSTALLED_APPS += ["accounts.apps.AxesConfig"]  # django-axes, with a Vietnamese name
# Vietnamese for what Django's and axes' catalogs lack (locale/vi/LC_MESSAGES/django.po).
LOCALE_PATHS = [BASE_DIR / "locale"]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
MIDDLEWARE.append("axes.middleware.AxesMiddleware")
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_COOLOFF_MINUTES", 30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
