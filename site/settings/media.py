"""Where uploads live in production (README, "Media"; docs/architecture.md, "Running it for real").

With ``AWS_STORAGE_BUCKET_NAME`` set, uploads and their renditions go to an S3-compatible bucket
(AWS, or a city cloud's object storage through ``AWS_S3_ENDPOINT_URL``) with django-storages, and
visitors load them from the bucket (or ``AWS_S3_CUSTOM_DOMAIN``, a CDN in front of it): every
web host sees the same files. Otherwise they are files under MEDIA_ROOT, served by the
application under /media/ (``SERVE_MEDIA``), or by the proxy in front with the rule in the README.
"""

from urllib.parse import urlsplit


def _flag(environ, name, default):
    value = environ.get(name)
    return default if value is None else value.strip().lower() in {"1", "true", "yes", "on"}


def _origin(url):
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


def media_settings(environ):
    """{"storage": STORAGES["default"], "url": MEDIA_URL, "serve": SERVE_MEDIA, "origin": the
    origin images are loaded from when it is not the site itself (for the CSP), or ""}."""
    bucket = environ.get("AWS_STORAGE_BUCKET_NAME", "").strip()
    if not bucket:
        return {
            "storage": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "url": "/media/",
            "serve": _flag(environ, "SERVE_MEDIA", True),
            "origin": "",
        }
    from botocore.config import Config

    endpoint = environ.get("AWS_S3_ENDPOINT_URL", "").strip()
    domain = environ.get("AWS_S3_CUSTOM_DOMAIN", "").strip()
    protocol = environ.get("AWS_S3_URL_PROTOCOL", "https:").strip()
    options = {
        "bucket_name": bucket,
        "region_name": environ.get("AWS_S3_REGION_NAME") or None,
        "endpoint_url": endpoint or None,
        "custom_domain": domain or None,
        "url_protocol": protocol,
        "location": environ.get("AWS_LOCATION", "").strip(),
        # Public images: plain addresses a browser and a CDN can cache, not signed ones that
        # change on every page; the bucket (or its policy) allows reading.
        "querystring_auth": _flag(environ, "AWS_QUERYSTRING_AUTH", False),
        "default_acl": environ.get("AWS_DEFAULT_ACL") or None,
        "file_overwrite": False,
        "object_parameters": {"CacheControl": "public, max-age=31536000"},
        # A bucket that does not answer fails an upload in seconds, not after boto3's default of
        # a minute per try, five tries.
        "client_config": Config(
            connect_timeout=5, read_timeout=30, retries={"max_attempts": 3, "mode": "standard"}
        ),
    }
    # The access key and secret are read by boto3 from AWS_ACCESS_KEY_ID and
    # AWS_SECRET_ACCESS_KEY (or the host's role): never written in settings.
    if domain:
        origin = f"{protocol}//{domain.split('/')[0]}"
    elif endpoint:
        origin = _origin(endpoint)
    else:
        region = options["region_name"]
        origin = (
            f"https://{bucket}.s3.{region}.amazonaws.com" if region else "https://*.amazonaws.com"
        )
    return {
        "storage": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options},
        "url": environ.get("MEDIA_URL", "/media/"),
        "serve": False,
        "origin": environ.get("MEDIA_ORIGIN", origin),
    }
