"""mkdocs hooks (listed in mkdocs.yml): thin forwarders into gen.site.

- on_config: site_url from SITE_URL; every page must exist in every language.
- on_files: serve the shared data file.
- on_env: share compiled templates between the build's mkdocs runs.
- on_page_content: figures' drawn text out of the search index, tab labels apart; drop the offline
  download link from the offline copy itself.
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
from gen.site import content, layout, parity, templatecache, urls


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
    data = sorted((Path(config.docs_dir).parent / "data").glob("*.json"))
    if not data:
        raise PluginError(f"no data files in {Path(config.docs_dir).parent / 'data'} (the generator writes them)")
    for path in data:
        files.append(File.generated(config, f"data/{path.name}", abs_src_path=str(path)))
    return files


def on_env(env, config, files):
    env.bytecode_cache = templatecache.SHARED
    return env


def on_page_content(html, page, config, files):
    html = content.searchable(html)
    if _offline(config):
        html = content.drop_offline_download(html)
    return html


def _offline(config) -> bool:
    plugin = config.plugins.get("material/offline")
    return bool(plugin and plugin.config.enabled)
