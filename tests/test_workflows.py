"""The deploy: zizmor (a GitHub Actions security linter) finds nothing in the workflows, and the hosted build installs
exactly the versions of requirements.lock, each checked against its hashes."""

import json
import re
import shutil
import subprocess
import tomllib

import pytest
from packaging.requirements import Requirement

from genrun import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
LOCK = ROOT / "requirements.lock"


def findings(folder):
    """zizmor's findings (offline: no GitHub API) as (audit, where) pairs."""
    zizmor = shutil.which("zizmor")
    assert zizmor, "zizmor is in the test extra"
    result = subprocess.run([zizmor, "--offline", "--format", "json", str(folder)], capture_output=True, text=True)
    assert result.returncode in (0, 10, 11, 12, 13, 14), result.stderr  # 0: none; 1x: findings of some severity
    return [(f["ident"], f["locations"][0]["concrete"]["feature"]) for f in json.loads(result.stdout)]


def test_zizmor_finds_nothing_in_the_workflows():
    assert findings(WORKFLOWS) == []


def test_zizmor_would_find_unpinned_actions_broad_permissions_and_kept_credentials(tmp_path):
    """The check can fail: the same workflow with its actions at tags, the deploy's permissions granted to every job
    and the checkout's credentials left in the workspace."""
    text = (WORKFLOWS / "pages.yml").read_text("utf-8")
    text = re.sub(r"@[0-9a-f]{40} # (v\d+)\.\S+", r"@\1", text)
    text = re.sub(r"\n    permissions:\n(      .*\n)+", "\n", text)  # no job's own permissions …
    text = text.replace("permissions: {}", "permissions:\n  contents: read\n  pages: write\n  id-token: write")  # … all for all
    text = text.replace("          persist-credentials: false\n", "")
    folder = tmp_path / ".github" / "workflows"
    folder.mkdir(parents=True)
    (folder / "pages.yml").write_text(text, encoding="utf-8")
    assert {audit for audit, _ in findings(folder)} == {"unpinned-uses", "excessive-permissions", "artipacked"}


def locked():
    """Package name → (version, hashes) of requirements.lock."""
    entries = {}
    for block in re.split(r"\n(?=\S)", LOCK.read_text("utf-8")):
        if block.startswith("#") or not block.strip():
            continue
        head = re.match(r"([A-Za-z0-9_.-]+)==(\S+)", block)
        assert head, f"requirements.lock: not pinned: {block.splitlines()[0]}"
        entries[head[1].lower().replace("_", "-")] = (head[2], re.findall(r"--hash=sha256:([0-9a-f]{64})", block))
    return entries


def test_the_lock_pins_every_dependency_with_hashes_within_the_projects_ranges():
    entries = locked()
    assert entries and all(hashes for _, hashes in entries.values())
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    for spec in map(Requirement, project["dependencies"]):
        name = spec.name.lower().replace("_", "-")
        assert name in entries, f"{name} is not in requirements.lock"
        assert spec.specifier.contains(entries[name][0]), f"requirements.lock: {name} {entries[name][0]} not in {spec}"


def test_the_hosted_build_installs_the_lock_with_hashes():
    steps = (WORKFLOWS / "pages.yml").read_text("utf-8")
    assert "pip install --require-hashes -r requirements.lock" in steps
    assert re.search(r"pip install --no-deps \.\n", steps)  # the project itself, nothing beyond the lock


@pytest.mark.parametrize("action", re.findall(r"uses: (\S+)", (WORKFLOWS / "pages.yml").read_text("utf-8")))
def test_every_action_is_pinned_to_a_commit(action):
    assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", action)
