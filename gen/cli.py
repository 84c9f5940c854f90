"""Command line: generate docs/, check it is fresh, build or serve the site."""

import argparse
import sys
from pathlib import Path

from gen import verifycache
from gen.errors import GenError, UsageError
from gen.progress import QUIET, Progress

ROOT = Path(__file__).resolve().parent.parent

DESCRIPTION = """\
Generate the backpropagation derivation pages (Korean and English) from one sympy computation.

  python -m gen                      regenerate docs/ (only files whose content changed)
  python -m gen --check              exit 1 if docs/ is stale: which files, how many lines, then the diff
                                     (first 200 lines; --full-diff for all of it)
  python -m gen --examples F --out D generate everything, the note's examples from file F, into folder D
  python -m gen --derivation two-layer --examples F --out D
                                     generate only that derivation, from examples file F, into folder D
  python -m gen build [--offline]    regenerate docs/, then build the site into site/
                                     (--builder zensical: with Zensical instead of mkdocs)
  python -m gen --check build        build the site from docs/ as it is, only if it is fresh (writes no docs/)
  python -m gen serve                regenerate docs/, preview both languages, regenerate on every change
  python -m gen --no-cache           verify every derivation again (by default a derivation whose code,
                                     examples and sympy/numpy are as when last verified is not)

Options go before or after the subcommand. --out cannot be used with build or serve (they read docs/).
Exit status: 0 success, 1 docs/ stale (--check), 2 bad examples file,
3 an equation failed verification, 4 the site could not be built."""


DIFF_LINES = 200
"""`--check` shows at most this many diff lines unless --full-diff."""


def _global_options(p, default):
    """Options accepted before or after the subcommand (after it, they default to 'not given')."""
    d = (lambda value: value) if default else (lambda _: argparse.SUPPRESS)
    p.add_argument("--derivation", default=d(None), metavar="NAME",
                   help="generate only this derivation (note, two-layer, …); files of the others are left alone")
    p.add_argument("--examples", type=Path, default=d(None), metavar="FILE",
                   help="worked examples (YAML) of --derivation, or of the note without it "
                        "(default: the derivation's own gen/derivations/<name>/examples.yml)")
    p.add_argument("--out", type=Path, default=d(None), metavar="DIR",
                   help="output folder (default: docs/); holds ko/, en/ and data/. "
                        "Not with build or serve, which read docs/ (mkdocs.yml names it)")
    p.add_argument("--check", action="store_true", default=d(False),
                   help="write nothing to the output folder; exit 1 with a summary and a diff if it is stale "
                        "(with build: build the site only if docs/ is fresh)")
    p.add_argument("--full-diff", action="store_true", default=d(False),
                   help=f"with --check, show the whole diff (default: the first {DIFF_LINES} lines)")
    p.add_argument("--no-cache", action="store_true", default=d(False),
                   help="verify every derivation, using no verified results kept by earlier runs "
                        f"(they are kept in {verifycache.FOLDER}/, or ${verifycache.ENV})")
    p.add_argument("-q", "--quiet", action="store_true", default=d(False), help="print nothing on success")


def parser():
    """The argument parser (its --help is the manual)."""
    p = argparse.ArgumentParser(prog="python -m gen", description=DESCRIPTION,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    _global_options(p, default=True)
    sub = p.add_subparsers(dest="command", metavar="{build,serve}")
    build = sub.add_parser("build", help="regenerate docs/ and build the site into site/")
    _global_options(build, default=False)
    build.add_argument("--offline", action="store_true",
                       help="build the variant that opens from file:// into site/ "
                            "(the normal build already carries it as a zip)")
    build.add_argument("--site-url", default=None, metavar="URL",
                       help="the deployed address, e.g. https://user.github.io/repo/ (default: $SITE_URL)")
    build.add_argument("--builder", choices=("mkdocs", "zensical"), default="mkdocs",
                       help="what turns docs/ into HTML before the generator's passes (default: mkdocs; "
                            "zensical needs pip install '.[zensical]')")
    serve = sub.add_parser("serve", help="regenerate docs/, preview both languages, regenerate on every change")
    _global_options(serve, default=False)
    serve.add_argument("--lang", choices=("ko", "en"), default="ko", help="language the printed address opens")
    serve.add_argument("--dev-addr", default="127.0.0.1:8000", help="address to serve on")
    return p


def usage_problems(args):
    """Combinations that cannot mean what they say (UsageError)."""
    if args.command and args.out is not None:
        raise UsageError(f"--out cannot be used with {args.command}: the site is built from docs/ "
                         "(mkdocs.yml names it); run `python -m gen --out DIR` to generate into DIR")
    if args.command == "serve" and args.check:
        raise UsageError("--check cannot be used with serve, which regenerates docs/ on every change")
    if args.full_diff and not args.check:
        raise UsageError("--full-diff only means something with --check")


def selected(name):
    """Every derivation, and the names of those to write: all, or the one named (UsageError if unknown)."""
    from gen.derivations import discover, named

    derivations = discover()
    if name is None:
        return derivations, None
    try:
        return derivations, {named(name, derivations).name}
    except KeyError as err:
        raise UsageError(err.args[0]) from None


def regenerate(args, out, check, memo=None, progress=QUIET, changed=None):
    """Generate and write (or compare); return the exit status. `memo`: see `gen.pipeline.verify_all`;
    `progress` is told of each derivation as it is verified or reused; the list `changed`, if given, gets
    the files written or removed (relative to `out`)."""
    from gen.pipeline import generate
    from gen.write import stale_report, write_outputs

    derivations, only = selected(args.derivation)
    # Without --derivation, --examples belongs to the site's first derivation (the note).
    examples = {(args.derivation or derivations[0].name): args.examples} if args.examples else {}
    cache = None if args.no_cache else verifycache.VerifyCache(verifycache.folder(ROOT))
    outputs = generate(derivations, examples, only, memo=memo, cache=cache,
                       report=lambda name, how: progress.step(f"{name}: {how}"))
    quiet, partial = args.quiet, args.derivation is not None
    if check:
        report = stale_report(out, outputs, remove_stale=not partial)
        if report.files:
            sys.stdout.write(report.text(None if args.full_diff else DIFF_LINES))
            print(f"\n{out} is stale: run `python -m gen` to regenerate it.", file=sys.stderr)
            return 1
        if not quiet:
            print(f"{out} is up to date ({len(outputs)} files).")
        return 0
    written, removed = write_outputs(out, outputs, remove_stale=not partial)
    if changed is not None:
        changed.extend([*written, *removed])
    summary = f"{out}: {len(written)} written, {len(removed)} removed, {len(outputs) - len(written)} unchanged"
    if progress.enabled:
        progress.done(summary)
    elif not quiet:
        print(f"{summary}.")
    return 0


def run(args, memo):
    """Dispatch one command; GenError propagates to `main`."""
    usage_problems(args)
    out = args.out or ROOT / "docs"
    # A build says what it is doing, stage by stage, on stderr (-q: nothing).
    progress = Progress(enabled=args.command == "build" and not args.quiet)
    with progress.stage(f"{'checking' if args.check else 'generating'} {out.name}/: verifying the derivations"):
        status = regenerate(args, out, args.check, memo, progress)
    if status or args.command is None:
        return status
    from gen import site
    if args.command == "build":
        built = site.build(ROOT, offline=args.offline, site_url=args.site_url, builder=args.builder,
                           progress=progress)
        if not args.quiet:
            print(f"site built into {built}; look at it with `python -m http.server -d {built.name}`"
                  f" (opening {built.name}/index.html from disk breaks navigation; "
                  f"`python -m gen build --offline` makes a copy that opens from disk)")
        return 0
    quiet = argparse.Namespace(**{**vars(args), "quiet": True})

    def changes():  # the memo holds what the first generation verified: a template edit re-renders only
        changed = []
        regenerate(quiet, out, False, memo, changed=changed)
        return changed

    site.serve(ROOT, lang=args.lang, dev_addr=args.dev_addr, regenerate=changes,
               watch=[ROOT / "gen"] + ([args.examples] if args.examples else []))
    return 0


def main(argv=None, memo=None):
    """Entry point: one line on stderr and a non-zero status on error, no traceback.

    `memo`: verified results kept by a caller that runs several commands in one process (see
    `gen.pipeline.verify_all`); each run of the command line starts with none."""
    args = parser().parse_args(argv)
    try:
        return run(args, {} if memo is None else memo)
    except GenError as err:
        for line in str(err).splitlines():
            print(f"error: {line}", file=sys.stderr)
        return err.exit_code
    except KeyboardInterrupt:
        return 130
