"""scripts/publish.py when a publish is stopped: a push stopped after the branch moved is reported
as published, and what a killed publish leaves behind is cleared (or put back) by the next one."""

from __future__ import annotations

import importlib.util
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from tests.support.paths import REPO


def load_publish():
    spec = importlib.util.spec_from_file_location("publish_script", REPO / "scripts" / "publish.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


publish = load_publish()


def dead_pid() -> int:
    """The id of a process that has ended."""
    process = subprocess.Popen(["true"])
    process.wait()
    return process.pid


def fake_site(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True)
    (folder / "index.html").write_text(text, encoding="utf-8")
    (folder / "_headers").write_text("/*\n", encoding="utf-8")
    return folder


def git(*args, cwd=None) -> str:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True).stdout.strip()


def test_a_killed_publishs_folders_are_removed_and_a_publication_moved_aside_is_put_back(tmp_path):
    dest = tmp_path / "www" / "site"
    gone = dead_pid()
    # Killed between moving the old publication aside and moving the new one in: no site/ at all.
    fake_site(tmp_path / "www" / f".site.old-{gone}-", "readers' publication")
    fake_site(tmp_path / "www" / f".site.new-{gone}-abc123", "half-copied")
    (tmp_path / "www" / f".site.new-{gone}-abc123.tar.gz").write_bytes(b"half an archive")
    alive = fake_site(tmp_path / "www" / f".site.new-{os.getpid()}-inuse", "another publish, running")
    unrelated = fake_site(tmp_path / "www" / ".site.new-notes", "not a publish's")

    publish.restore_interrupted_swap(dest)
    assert (dest / "index.html").read_text(encoding="utf-8") == "readers' publication"
    publish.publish_to_folder(fake_site(tmp_path / "build", "new publication"), dest)

    assert (dest / "index.html").read_text(encoding="utf-8") == "new publication"
    left = sorted(p.name for p in (tmp_path / "www").iterdir())
    assert left == sorted(["site", "site.tar.gz", alive.name, unrelated.name])


def test_a_publish_killed_during_its_swap_leaves_the_readers_publication_in_place(tmp_path):
    dest = fake_site(tmp_path / "www" / "site", "readers' publication")
    new = fake_site(tmp_path / "build", "new publication")
    original_rename = Path.rename

    def killed_while_swapping(self, target):
        if self.name == "site" and ".old-" in Path(target).name:
            original_rename(self, target)
            raise publish.Interrupted("SIGTERM")
        return original_rename(self, target)

    Path.rename = killed_while_swapping
    try:
        with pytest.raises(publish.Interrupted):
            publish.publish_to_folder(new, dest)
    finally:
        Path.rename = original_rename
    assert (dest / "index.html").read_text(encoding="utf-8") == "readers' publication"
    assert sorted(p.name for p in dest.parent.iterdir()) == ["site"]


@pytest.mark.parametrize("moved", [True, False])
def test_a_push_stopped_by_a_signal_is_a_publication_only_if_the_branch_moved(tmp_path, moved):
    remote = tmp_path / "remote.git"
    git("init", "--quiet", "--bare", str(remote))
    # The remote takes its time after the branch has moved (post-receive), or before (pre-receive):
    # the publish is stopped in that time.
    hook = remote / "hooks" / ("post-receive" if moved else "pre-receive")
    # (A pre-receive hook then refuses, so the branch never moves in that case.)
    hook.write_text(
        f"#!/bin/sh\ntouch {tmp_path / 'pushing'}\nsleep 20\nexit {0 if moved else 1}\n", encoding="utf-8"
    )
    hook.chmod(0o755)
    site = fake_site(tmp_path / "site", "new publication")
    program = textwrap.dedent(
        f"""
        import signal, sys
        sys.path.insert(0, {str(REPO / "hooks")!r})
        from tests.unit.test_publish_interrupted import load_publish
        publish = load_publish()
        signal.signal(signal.SIGTERM, publish._interrupted)
        try:
            commit = publish.publish_to_branch(publish.Path({str(site)!r}), {str(remote)!r}, "gh-pages", "m")
        except (publish.PublishError, publish.Interrupted) as error:
            print("failed:", error)
            sys.exit(1)
        print("published", commit)
        """
    )
    process = subprocess.Popen(
        [sys.executable, "-c", program], cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    for _ in range(300):
        if (tmp_path / "pushing").exists():
            break
        time.sleep(0.05)
    assert (tmp_path / "pushing").exists()
    process.send_signal(signal.SIGTERM)
    output, _ = process.communicate(timeout=60)
    branch = subprocess.run(
        ["git", "--git-dir", str(remote), "rev-parse", "--verify", "--quiet", "refs/heads/gh-pages"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    if moved:
        assert process.returncode == 0, output
        assert "the push was stopped (SIGTERM), but gh-pages is at the new commit" in output
        assert f"published {branch}" in output
    else:
        assert process.returncode == 1, output
        assert "failed: SIGTERM" in output
        assert branch == ""
