"""Gunicorn settings for Kedja, read automatically when gunicorn starts in this folder.

Threaded workers: one process per CPU core (the Python work in a request holds the GIL), several
threads each, so a request waiting on the database or hashing a password (Argon2 releases the GIL)
does not hold up the others. Sizing is explained in the README ("Sizing the web process").
"""

import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
worker_class = "gthread"
workers = int(os.environ.get("WEB_CONCURRENCY", os.cpu_count() or 2))
threads = int(os.environ.get("GUNICORN_THREADS", "8"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "120"))
# Restart each process now and then so a slow leak cannot grow without bound.
max_requests = 2000
max_requests_jitter = 200
# No client address or user agent: the grievance channel promises reporters that none is kept.
access_log_format = '%(t)s "%(r)s" %(s)s %(b)s %(M)sms'
accesslog = "-" if os.environ.get("GUNICORN_ACCESS_LOG", "").lower() in {"1", "true", "yes", "on"} else None
