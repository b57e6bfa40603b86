"""What Django's error reports (the e-mails to ADMINS, a technical 500 page) may show of settings.

Django hides settings whose names contain KEY, SECRET, PASS, TOKEN and the like. Connection strings
carry passwords under other names: a cache's `LOCATION` (`redis://:password@host`), a search
backend's `URLS`, any `*_URL` or `DSN`. Anyone can set off an error report (a request with a wrong
`Host` header is mailed to the administrators), so those are hidden too.
"""

import re

from django.views.debug import SafeExceptionReporterFilter


class PortalExceptionReporterFilter(SafeExceptionReporterFilter):
    hidden_settings = re.compile(
        "API|TOKEN|KEY|SECRET|PASS|SIGNATURE|HTTP_COOKIE|LOCATION|URL|DSN", flags=re.IGNORECASE
    )
