from urllib.parse import urlsplit

from lms.env import env_bool, env_str, env_url

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = env_str("SECRET_KEY", required=True)
SITE_URL = env_url("SITE_URL", required=True)
WAGTAILADMIN_BASE_URL = SITE_URL
# SCORM and H5P run on a host name of their own, which carries no session: a
# separate registrable domain (e.g. civicskills-content.example, not a
# subdomain of the site's). See docs/scorm.md.
CONTENT_ORIGIN = env_url("CONTENT_ORIGIN", required=True)
CONTENT_FRAME_SOURCE = CONTENT_ORIGIN
CONTENT_SECURITY_POLICY["DIRECTIVES"]["frame-src"] = ["'self'", CONTENT_ORIGIN]  # noqa: F405
ALLOWED_HOSTS = [*ALLOWED_HOSTS, urlsplit(CONTENT_ORIGIN).hostname]  # noqa: F405
SECURE_SSL_REDIRECT = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
# Platform admins and HR admins enrol a second factor before anything else.
REQUIRE_SECOND_FACTOR = env_bool("REQUIRE_SECOND_FACTOR", True)
