"""site_url per language, from an argument or the SITE_URL environment variable."""

import os


def base_url(site_url: str | None = None) -> str | None:
    """The site's root URL with a trailing slash, or None when not set anywhere."""
    url = site_url if site_url is not None else os.environ.get("SITE_URL", "")
    url = url.strip()
    if not url:
        return None
    return url if url.endswith("/") else url + "/"


def language_url(base: str | None, path: str) -> str | None:
    """URL of one language's root: the site root plus its path (e.g. "en/")."""
    return None if base is None else base + path
