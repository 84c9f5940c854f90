"""Pages from templates: one set of Jinja templates per language, one shared context."""

from pathlib import Path

import jinja2
import yaml

from gen.paths import LANGUAGES

TEMPLATES = Path(__file__).parent / "templates"
GLOSSARY = Path(__file__).parent / "glossary.yml"
PAGES = ("index.md", "derivation.md", "shapes.md", "examples.md", "errata.md", "verification.md")


def environment():
    """Jinja with every missing value an error, never an empty string."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def glossary(lang):
    """The shared terms in one language: key → term."""
    terms = yaml.safe_load(GLOSSARY.read_text(encoding="utf-8"))
    return {key: entry[lang] for key, entry in terms.items()}


def render_pages(context, per_language):
    """`<lang>/<page>` → Markdown text, for every language and page.

    `per_language[lang]` adds what only differs in the words (the figures' labels)."""
    env = environment()
    out = {}
    for lang in LANGUAGES:
        for page in PAGES:
            template = env.get_template(f"{lang}/{page}.j2")
            out[f"{lang}/{page}"] = template.render(**context, **per_language[lang], lang=lang,
                                                    term=glossary(lang))
    return out
