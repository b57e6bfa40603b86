import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")

django_application = get_wsgi_application()

from portal.fastpath import FastPageApp  # noqa: E402 - needs the settings loaded above
from portal.warm_up import warm_up  # noqa: E402
from portal.wsgi_environ import RequestOnlyEnviron  # noqa: E402

warm_up()  # in the app server's main process (portal/serve.py): once for all workers

# Cached pages for signed-in people are answered before Django's request cycle (portal/fastpath.py);
# neither sees the server process's environment (portal/wsgi_environ.py).
application = RequestOnlyEnviron(FastPageApp(django_application))
