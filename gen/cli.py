"""Command line: generate docs/, check it is fresh, build or serve the site."""

import argparse
import sys
from pathlib import Path

from gen.errors import GenError

ROOT = Path(__file__).resolve().parent.parent

DESCRIPTION = """\
Generate the backpropagation derivation pages (Korean and English) from one sympy computation.

  python -m gen                      regenerate docs/ (only files whose content changed)
  python -m gen --check              exit 1 with a unified diff if docs/ is stale
  python -m gen --examples F --out D generate everything from examples file F into folder D
  python -m gen build [--offline]    regenerate docs/, then build the site into site/
  python -m gen serve [--lang en]    regenerate docs/, then preview one language live

Exit status: 0 success, 1 docs/ stale (--check), 2 bad examples file,
3 an equation failed verification, 4 the site could not be built."""


def parser():
    """The argument parser (its --help is the manual)."""
    p = argparse.ArgumentParser(prog="python -m gen", description=DESCRIPTION,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--examples", type=Path, default=None, metavar="FILE",
                   help="worked examples (YAML; default: gen/examples.yml)")
    p.add_argument("--out", type=Path, default=None, metavar="DIR",
                   help="output folder (default: docs/); holds ko/, en/ and data/")
    p.add_argument("--check", action="store_true",
                   help="write nothing; exit 1 with a unified diff if the output is stale")
    p.add_argument("-q", "--quiet", action="store_true", help="print nothing on success")
    sub = p.add_subparsers(dest="command", metavar="{build,serve}")
    build = sub.add_parser("build", help="regenerate docs/ and build the site into site/")
    build.add_argument("--offline", action="store_true",
                       help="build the variant that opens from file:// into site/ "
                            "(the normal build already carries it as a zip)")
    build.add_argument("--site-url", default=None, metavar="URL",
                       help="the deployed address, e.g. https://user.github.io/repo/ (default: $SITE_URL)")
    serve = sub.add_parser("serve", help="regenerate docs/ and preview the site live")
    serve.add_argument("--lang", choices=("ko", "en"), default="ko", help="language to preview")
    serve.add_argument("--dev-addr", default="127.0.0.1:8000", help="address to serve on")
    return p


def regenerate(examples, out, check, quiet):
    """Generate and write (or compare); return the exit status."""
    from gen.pipeline import DEFAULT_EXAMPLES, generate
    from gen.write import stale_diff, write_outputs

    outputs = generate(examples or DEFAULT_EXAMPLES)
    if check:
        diff = stale_diff(out, outputs)
        if diff:
            sys.stdout.write(diff)
            print(f"\n{out} is stale: run `python -m gen` to regenerate it.", file=sys.stderr)
            return 1
        if not quiet:
            print(f"{out} is up to date ({len(outputs)} files).")
        return 0
    written, removed = write_outputs(out, outputs)
    if not quiet:
        print(f"{out}: {len(written)} written, {len(removed)} removed, "
              f"{len(outputs) - len(written)} unchanged.")
    return 0


def run(args):
    """Dispatch one command; GenError propagates to `main`."""
    out = args.out or ROOT / "docs"
    status = regenerate(args.examples, out, args.check and args.command is None, args.quiet)
    if status or args.command is None:
        return status
    from gen import site
    if args.command == "build":
        built = site.build(ROOT, offline=args.offline, site_url=args.site_url)
        if not args.quiet:
            print(f"site built into {built}; look at it with `python -m http.server -d {built.name}`"
                  f" (opening {built.name}/index.html from disk breaks navigation; "
                  f"`python -m gen build --offline` makes a copy that opens from disk)")
        return 0
    site.serve(ROOT, lang=args.lang, dev_addr=args.dev_addr)
    return 0


def main(argv=None):
    """Entry point: one line on stderr and a non-zero status on error, no traceback."""
    args = parser().parse_args(argv)
    try:
        return run(args)
    except GenError as err:
        print(f"error: {err}", file=sys.stderr)
        return err.exit_code
    except KeyboardInterrupt:
        return 130
