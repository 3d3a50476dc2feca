"""gunicorn's settings for the web process (scripts/web); every value can come from the
environment (README, "Production")."""

import multiprocessing
import os

bind = f"{os.environ.get('HOST', '0.0.0.0')}:{os.environ.get('PORT', '8000')}"  # noqa: S104
# Two processes per core plus one, as gunicorn advises, at most eight by default.
workers = int(os.environ.get("WEB_CONCURRENCY", min(2 * multiprocessing.cpu_count() + 1, 8)))
threads = int(os.environ.get("WEB_THREADS", "1"))
timeout = int(os.environ.get("WEB_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# A worker is replaced after some twenty thousand requests (not all at once): memory that
# grows slowly stays bounded, and a busy site does not restart its workers every few seconds.
max_requests = int(os.environ.get("WEB_MAX_REQUESTS", "20000"))
max_requests_jitter = max_requests // 10
# The proxy in front that may set X-Forwarded-Proto / X-Forwarded-For (comma-separated
# addresses; "*" when only the proxy can reach this port, as in a container network).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# Heartbeat files in memory rather than on the container's disk.
if os.path.isdir("/dev/shm"):
    worker_tmp_dir = "/dev/shm"

# Access log on stdout, one JSON object per line, with the request id the application
# returned (core/request_log.py); no query strings (search words can be personal).
accesslog = os.environ.get("WEB_ACCESS_LOG", "-") or None
errorlog = "-"
access_log_format = (
    '{"time": "%(t)s", "logger": "gunicorn.access", "method": "%(m)s", "path": "%(U)s", '
    '"status": %(s)s, "bytes": "%(B)s", "duration_ms": %(M)s, '
    '"request_id": "%({x-request-id}o)s", "user_agent": "%(a)s"}'
)
