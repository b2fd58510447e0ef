import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.production")

application = get_wsgi_application()

# Load the URLconf and plotly's validators once per worker, before any request.
from django.urls import get_resolver  # noqa: E402

from reporting.charts import warm_up  # noqa: E402

get_resolver().url_patterns  # noqa: B018
warm_up()
