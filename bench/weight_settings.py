"""Settings for bench/weight.py: the bench settings with static files as production
serves them (collected, the project's own CSS and JS minified, hashed names, gzip
and, with the Brotli package, brotli copies made by WhiteNoise's storage,
far-future cache headers)."""

from pathlib import Path

from lms.settings.bench import *  # noqa: F403
from lms.settings.bench import BASE_DIR, STORAGES

STORAGES["staticfiles"]["BACKEND"] = (
    "lms.staticfiles.MinifiedCompressedManifestStaticFilesStorage"
)
WHITENOISE_USE_FINDERS = False
STATIC_ROOT = Path(BASE_DIR) / "var" / "weight-static"
