"""Where generated files live inside the output folder (shared by the generator and the site)."""

LANGUAGES = ("ko", "en")
"""Language codes, the default first; each has its pages in `<code>/`."""

OFFLINE_ZIP = "backprop-derivation-offline.zip"
"""The copy of the site that opens from file://, served at `downloads/<OFFLINE_ZIP>` of the site root."""


def download_href(lang):
    """The zip's address relative to a language's home page (other languages live one folder down)."""
    return ("" if lang == LANGUAGES[0] else "../") + f"downloads/{OFFLINE_ZIP}"


MANAGED = tuple(f"{code}/{pattern}" for code in LANGUAGES for pattern in ("**/*.md", "**/figures/*.svg")) + ("data/*.json",)
"""Files the generator owns inside its output folder; others are left alone."""
