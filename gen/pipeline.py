"""compute → verify → context → render, for each derivation: every output file's text, before anything
is written.  Nothing here knows any one derivation.

Every derivation says which equations it has before any page is rendered, so a page may link to another
derivation's equations (`xref`) by name, with the number that derivation gives it."""

import hashlib
from pathlib import Path

from gen import pagecache, verifycache
from gen.background import Background
from gen.errors import GenError, VerificationError
from gen.paths import LANGUAGES, download_href
from gen.render import render_pages


def verify_all(derivations, examples=None, memo=None, cache=None, report=None):
    """Derivation name → its verified results.  Raises InputError or VerificationError.

    `report(name, how)`, if given, is told as each derivation is done how its results came: "verified",
    "reused (kept from an earlier run)" (the cache) or "reused (unchanged in this session)" (the memo).

    `memo` (a dict kept by a long-running caller such as `serve`) holds each derivation's last verified
    results with the fingerprint of what they were computed from; while that is unchanged (only
    templates edited, say), they are used again instead of verifying again.

    `cache` (a gen.verifycache.VerifyCache, kept on disk by the command line) holds what earlier runs
    counted, under a key of everything a verification depends on; a derivation found there is accepted
    from its entry instead of being verified, and one verified here is kept there."""
    examples = examples or {}
    report = report or (lambda name, how: None)
    verified, pending = {}, []
    for d in derivations:
        source = examples.get(d.name, d.default_examples)
        key = _fingerprint(d, source) if memo is not None else None
        if key is not None and memo.get(d.name, (None,))[0] == key:
            verified[d.name] = memo[d.name][1]
            report(d.name, "reused (unchanged in this session)")
            continue
        kept = verifycache.key(d, source) if cache is not None and d.accept else None
        pending.append((d, source, key, kept, cache.get(d.name, kept) if kept else None))
    # Each derivation is computed here; all but the last to verify are verified meanwhile in processes of
    # their own, which send back what they counted.
    last = max((n for n, (*_, cached) in enumerate(pending) if cached is None), default=None)
    errors, running = {}, []
    for n, (d, source, key, kept, cached) in enumerate(pending):
        try:
            computed = d.compute(source)
        except GenError as err:
            errors[n] = err
            continue
        job = Background(_counted, d, computed) if d.accept and cached is None and n != last else None
        running.append((n, d, key, kept, cached, computed, job))
    for n, d, key, kept, cached, computed, job in reversed(running):
        try:
            if cached is not None:
                verified[d.name] = d.accept(computed, cached)
            else:
                verified[d.name] = d.accept(computed, job.result()) if job else _checked(d, computed)
                if kept is not None:
                    cache.put(d.name, kept, verified[d.name].counts)
            report(d.name, "reused (kept from an earlier run)" if cached is not None else "verified")
        except GenError as err:
            errors[n] = err
            continue
        if key is not None:
            memo[d.name] = (key, verified[d.name], {})  # the last: what its pages are rendered from
    if errors:
        raise errors[min(errors)]  # the first derivation's error, as when they ran one after another
    return {d.name: verified[d.name] for d in derivations}


def _checked(derivation, computed):
    """One derivation verified; a failed equation is named with its derivation."""
    try:
        return derivation.verify(computed)
    except VerificationError as err:  # two derivations may number an equation alike
        if err.derivation:
            raise
        raise VerificationError(err.label, err.detail, derivation.name) from None


def _counted(derivation, computed):
    """In a worker: verify, and send back only what was counted."""
    return _checked(derivation, computed).counts


def _fingerprint(derivation, source):
    """A hash of the files a derivation's numbers come from: its examples file and every file of its folder
    but the templates (code is loaded once per process, so within one process this covers every change)."""
    digest = hashlib.sha256()
    files = [p for p in sorted(derivation.folder.rglob("*"))
             if p.is_file() and "templates" not in p.relative_to(derivation.folder).parts and p.suffix != ".pyc"]
    for path in [Path(source), *files]:
        digest.update(str(path).encode("utf-8") + b"\0")
        digest.update(path.read_bytes() if path.is_file() else b"(missing)")
    return digest.hexdigest()


def site_context(derivations):
    """What every page may know of the whole site: the derivations, their pages and their named equations."""
    return {"derivations": [{"name": d.name, "pages": list(d.pages), "templates": d.templates, "thumbnail": d.thumbnail}
                            for d in derivations],
            "equations": {d.name: d.equations() for d in derivations if d.equations}}


def render_derivation(derivation, verified, site, memo=None):
    """Every file of one derivation: its pages in each language, its figures, its data.

    With a `memo` (see `verify_all`), what the pages are rendered from (the context, each language's words
    and figures) is kept with the verified results it was made from, and used again while they are the same
    (a template edited in `serve`: only the pages are rendered again)."""
    kept = memo.get(derivation.name) if memo is not None else None
    made = kept[2] if kept is not None and kept[1] is verified else {}
    if not made:
        made["context"] = derivation.context(verified)
        made["languages"] = {lang: derivation.language(verified, lang) if derivation.language else ({}, {})
                             for lang in LANGUAGES}
    context, languages = made["context"], made["languages"]
    outputs = {}
    for lang in LANGUAGES:
        words, files = languages[lang]
        outputs.update(render_pages(derivation, lang, {**context, **words, "site": site,
                                                       "download": download_href(lang)}))
        outputs.update(files)
    outputs[derivation.data_file] = derivation.data(verified)
    return outputs


def generate(derivations, examples=None, only=None, memo=None, cache=None, report=None):
    """All generated files: relative path → text, for every derivation (or those named in `only`).

    `examples` maps a derivation's name to another examples file; `memo`, `cache` and `report` are as for
    `verify_all`. With a `cache`, a derivation none of whose inputs changed (`gen.pagecache.key`) gives the
    files an earlier run rendered, and is neither computed nor verified again."""
    chosen = [d for d in derivations if only is None or d.name in only]
    report = report or (lambda name, how: None)
    site = site_context(derivations)
    pages = pagecache.PageCache(cache.folder) if cache is not None else None
    files, todo = {}, []
    for d in chosen:
        page_key = pagecache.key(d, (examples or {}).get(d.name, d.default_examples), site) \
            if pages is not None and d.accept else None
        files[d.name] = pages.get(d.name, page_key) if page_key else None
        if files[d.name] is not None:
            report(d.name, "reused (pages kept from an earlier run)")
        else:
            todo.append((d, page_key))
    verified = verify_all([d for d, _ in todo], examples, memo, cache, report)
    for d, page_key in todo:
        files[d.name] = render_derivation(d, verified[d.name], site, memo)
        if page_key:
            pages.put(d.name, page_key, files[d.name])
    return {path: text for d in chosen for path, text in files[d.name].items()}
