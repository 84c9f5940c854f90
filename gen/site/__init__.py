"""The bilingual MkDocs Material site: one build per language, MathJax served locally."""

from gen.site.build import build, serve

__all__ = ["build", "serve"]
