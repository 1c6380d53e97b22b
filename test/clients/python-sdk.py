# Sends an error with Debian's python3-sentry-sdk, as an application would.
# Usage: /usr/bin/python3 python-sdk.py DSN ENVIRONMENT RELEASE MESSAGE
import sys

import sentry_sdk

dsn, environment, release, message = sys.argv[1:5]
sentry_sdk.init(dsn=dsn, environment=environment, release=release, traces_sample_rate=0)
sentry_sdk.set_user({"id": "py-user"})
try:
    raise ValueError(message)
except ValueError:
    sentry_sdk.capture_exception()
sentry_sdk.flush(timeout=10)
