"""Pages from templates: one set of Jinja templates per derivation and language, one shared context."""

import functools
import posixpath
from functools import partial
from pathlib import Path

import jinja2
import yaml

from gen.equations import ref
from gen.numwords import words
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
    env.filters["words"] = words  # English count in prose: 3 → three
    env.filters["ref"] = ref  # `{{ tag["dL_dW2"]|ref }}` → [(6)](#eq-6)
    return env


def glossary(lang):
    """The shared terms in one language: key → term (the file is read each time, parsed once per content)."""
    return {key: entry[lang] for key, entry in _terms(GLOSSARY.read_text(encoding="utf-8")).items()}


@functools.lru_cache(maxsize=4)
def _terms(text):
    return yaml.safe_load(text)


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
                **{"data_link": relative(derivation.data_file, page), **context}, lang=lang, term=term,
                term_en=glossary("en"), xref=partial(xref, equations, page),
                catalog=catalog(context["site"], lang, page)))
            for page in derivation.pages}


def catalog(site, lang, page):
    """Every derivation, in site order, as its `about.md.j2` says it, with its graph drawn small and a link to each
    of its pages (linked from `page`)."""
    out, term = [], glossary(lang)
    for other in site["derivations"]:
        about = Path(other["templates"]) / lang / "about.md.j2"
        if not about.is_file():
            continue
        shown = [p for p in other["pages"] if p != "index.md"]  # `index.md` at the root is this home page itself
        text = environment(other["templates"]).get_template(f"{lang}/about.md.j2").render(
            link=relative(shown[0], page), term=term, lang=lang)
        links = [{"href": relative(p, page), "kind": posixpath.basename(p)[:-3]} for p in shown]
        out.append({"name": other["name"], "text": text.rstrip("\n"), "links": links,
                    "thumbnail": relative(other["thumbnail"], page) if other.get("thumbnail") else None})
    return out


def relative(target, page):
    """A link from `page` to `target`, both relative to a language's root (the site copies `data/` into
    every language's root): `../data/two-layer.json` from `two-layer/examples.md`."""
    return posixpath.relpath(target, posixpath.dirname(page) or ".")
