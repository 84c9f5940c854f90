"""Pages from templates: one set of Jinja templates per derivation and language, one shared context."""

import posixpath
from functools import partial
from pathlib import Path

import jinja2
import yaml

from gen.equations import ref
from gen.particles import josa, particles_after_math

GLOSSARY = Path(__file__).parent / "glossary.yml"


def environment(folder):
    """Jinja over one derivation's templates, with every missing value an error, never an empty string."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(folder)),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["josa"] = josa  # Korean particle after any word, number or inline math
    env.filters["ref"] = ref  # `{{ tag["dL_dW2"]|ref }}` → [(6)](#eq-6)
    return env


def glossary(lang):
    """The shared terms in one language: key → term."""
    terms = yaml.safe_load(GLOSSARY.read_text(encoding="utf-8"))
    return {key: entry[lang] for key, entry in terms.items()}


def xref(equations, page, derivation, name):
    """A link from `page` to the equation `name` of `derivation`, e.g. `[(S1)](../derivation.md#eq-S1)`."""
    try:
        label, target = equations[derivation][name]
    except KeyError:
        raise KeyError(f"no equation {name!r} in derivation {derivation!r} to link to") from None
    here = posixpath.dirname(page)
    return ref(label, "" if target == page else posixpath.relpath(target, here or "."))


def render_pages(derivation, lang, context):
    """`<lang>/<page>` → Markdown text for every page of one derivation in one language."""
    env = environment(derivation.templates)
    term = glossary(lang)
    equations = context["site"]["equations"]
    finish = particles_after_math if lang == "ko" else str
    return {f"{lang}/{page}": finish(env.get_template(f"{lang}/{page}.j2").render(
                **context, lang=lang, term=term, term_en=glossary("en"), xref=partial(xref, equations, page)))
            for page in derivation.pages}
