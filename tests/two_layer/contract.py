"""The engine's contract for one derivation (gen/spec.py), run here so the tests need no CLI:
compute → verify → context → per language (extra, files) → pages from templates → data."""

import jinja2
import yaml

from gen.derivations.two_layer import derivation

LANGUAGES = ("ko", "en")
GLOSSARY = __import__("pathlib").Path(__file__).resolve().parents[2] / "gen" / "glossary.yml"


def environment(folder):
    """Jinja as gen/render.py builds it: a missing value is an error."""
    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(folder)), undefined=jinja2.StrictUndefined,
                              autoescape=False, keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True)


def terms(lang):
    return {k: v[lang] for k, v in yaml.safe_load(GLOSSARY.read_text(encoding="utf-8")).items()}


def generate(examples=None, verified=None):
    """Relative path → text of every file the derivation produces."""
    d = derivation()
    if verified is None:
        verified = d.verify(d.compute(examples or d.default_examples))
    ctx = d.context(verified)
    env = environment(d.templates)
    out = {}
    for lang in LANGUAGES:
        extra, files = d.language(verified, lang)
        for page in d.pages:
            out[f"{lang}/{page}"] = env.get_template(f"{lang}/{page}.j2").render(**ctx, **extra, lang=lang,
                                                                                 term=terms(lang))
        out.update(files)
    out[d.data_file] = d.data(verified)
    return out
