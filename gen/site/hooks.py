"""mkdocs hooks (listed in mkdocs.yml): what only mkdocs needs, as thin forwarders into gen.site.

The generator does the rest for every builder (gen/site/build.py): the languages' parity and site_url
before a build, the data files and the pages' edits after it (gen/site/finish.py).

- on_config: the same site_url and parity for mkdocs run by hand (`mkdocs build`, `mkdocs serve`).
- on_files: the data files as mkdocs's own, so that its strict mode finds the pages' links to them.
- on_nav, on_env: hand the navigation, files and theme to `serve`'s preview (gen/site/preview.py), which
  rebuilds an edited page with them; share compiled templates between the build's mkdocs runs.
- on_page_content: what mkdocs's search indexes while it builds: figures' drawn text left out, tab
  labels apart, and no offline download link in the offline copy itself.
"""

import sys
from pathlib import Path

try:
    import gen.site  # noqa: F401
except ImportError:  # mkdocs run from a checkout without `pip install .`
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from gen.errors import SiteError
from gen.site import content, finish, layout, parity, preview, templatecache, urls


def on_config(config):
    lang = layout.language(config.theme["language"])
    if not config.site_url:
        config.site_url = urls.language_url(urls.base_url(), lang.path)
    codes = [alt["lang"] for alt in config.extra.get("alternate", [])]
    try:
        parity.check_parity(Path(config.docs_dir).parent, codes)
    except SiteError as err:
        raise PluginError(str(err)) from None
    return config


def on_files(files, config):
    try:
        data = finish.data_files(Path(config.docs_dir).parent)
    except SiteError as err:
        raise PluginError(str(err)) from None
    for path in data:
        files.append(File.generated(config, f"data/{path.name}", abs_src_path=str(path)))
    return files


def on_nav(nav, config, files):
    preview.keep(config, nav=nav)
    return nav


def on_env(env, config, files):
    env.bytecode_cache = templatecache.SHARED
    preview.keep(config, env=env, files=files)
    return env


def on_page_content(html, page, config, files):
    html = content.searchable(html)
    if _offline(config):
        html = content.drop_offline_download(html)
    return html


def _offline(config) -> bool:
    plugin = config.plugins.get("material/offline")
    return bool(plugin and plugin.config.enabled)
