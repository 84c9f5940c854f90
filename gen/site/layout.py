"""Where each language lives: its mkdocs config, its docs folder, its URL path."""

from dataclasses import dataclass
from pathlib import Path

from gen import paths


@dataclass(frozen=True)
class Language:
    """One language build of the site."""

    code: str
    """Language code, also the docs folder name (docs/<code>)."""
    config: str
    """mkdocs config file, relative to the project root."""
    path: str
    """URL path below the site root: "" for the default language."""


# The default language first (its build empties site/, so it must run first): mkdocs.yml at the
# root; every other language mkdocs.<code>.yml under <code>/.
LANGUAGES = tuple(Language(code, "mkdocs.yml", "") if n == 0 else Language(code, f"mkdocs.{code}.yml", f"{code}/")
                  for n, code in enumerate(paths.LANGUAGES))

OFFLINE_ZIP = paths.OFFLINE_ZIP


def language(code: str) -> Language:
    """The Language with this code."""
    for lang in LANGUAGES:
        if lang.code == code:
            return lang
    known = ", ".join(lang.code for lang in LANGUAGES)
    raise KeyError(f"unknown language {code!r} (known: {known})")


def page_files(docs_dir: Path) -> set[str]:
    """Markdown pages of one language, as paths relative to its docs folder."""
    return {p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*.md")}
