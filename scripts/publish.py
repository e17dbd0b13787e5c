"""`make publish`: from the repository to static hosting, safely.

    publish.py --remote URL [--branch gh-pages]   push the built site as one commit to that branch
    publish.py --dest FOLDER                      write FOLDER and FOLDER.tar.gz (any static host)
    publish.py --clinic clinics/x.yml ...         the clinic's branded copy, at the clinic's address

First the translation checks and a strict build of every language, into a fresh temporary folder;
any finding stops here, and nothing is published. Another engine can make the build
(`--build-command "zensical build --site-dir {site}"`, with SITE_URL set): the checks still run
first, `translations finish-site` then writes what the hooks would have (search and sitemaps per
language, moved pages, host files) and audits every page, and the last look below refuses a page
where a statistic or clinic marker was not filled in. There is no way to publish without the checks.

Only a complete, verified build replaces the previous publication: the branch moves by one commit
(a fast-forward, so a publication made meanwhile by someone else is never overwritten), or the
folder and archive are swapped in whole.
"""

from __future__ import annotations

import argparse
import glob
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from mammogram_callbacks.core.findings import DataError
from mammogram_callbacks.data.clinic import ClinicProfile, load_profile
from mammogram_callbacks.project import Project
from mammogram_callbacks.publish.sitemap import sitemap_entries

REPO = Path(__file__).resolve().parent.parent

# ---- Classes -----------------------------------------------------------------------------------


class PublishError(Exception):
    """Publishing stopped; the previous publication is as it was."""


class Interrupted(BaseException):
    """A signal stopped the publish (BaseException: nothing catches it on the way out)."""


# ---- Functions ---------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    args = _arguments().parse_args(argv)
    root = Path(args.root).resolve()
    # A publish stopped by a signal unwinds like an error: its temporary folders are removed and the
    # previous publication is put back. One killed outright (SIGKILL) leaves them: the next run
    # removes what it left (remove_leftovers).
    signal.signal(signal.SIGTERM, _interrupted)
    signal.signal(signal.SIGHUP, _interrupted)
    remove_leftovers(Path(tempfile.gettempdir()), "publish-")
    try:
        if args.dest:
            check_destination(Path(args.dest).resolve())
        clinic = clinic_copy(root, Path(args.clinic)) if args.clinic else None
        if clinic:
            # The build reads both: the profile (mkdocs.yml's extra.clinic_profile) and the address.
            os.environ["PE_CLINIC"], os.environ["SITE_URL"] = str(Path(args.clinic).resolve()), clinic[1]
            print(f"publish: {clinic[0].name}'s copy ({', '.join(clinic[0].languages)}) for {clinic[1]}")
            path = urlsplit(clinic[1]).path
            if path.strip("/"):
                print(
                    f"publish: under a path ({path}): links, the sitemap, _headers, _redirects, the "
                    "feed and the handouts carry it; on nginx, serve it as deploy/README.md says "
                    "('Under a path')"
                )
        else:
            os.environ.pop("PE_CLINIC", None)  # only --clinic makes a branded copy
        with tempfile.TemporaryDirectory(prefix=f"publish-{os.getpid()}-") as work:
            site = Path(work) / "site"
            check_translations(root, allow_overdue=args.allow_overdue)
            if args.build_command:
                build_with(args.build_command, root, site)
            else:
                build_site(root, site)
            verify_site(root, site, clinic[0].languages if clinic else None)
            if args.dest:
                publish_to_folder(site, Path(args.dest))
                print(
                    f"publish: wrote {Path(args.dest).resolve()} "
                    f"and {archive_path(Path(args.dest).resolve())}"
                )
            else:
                commit = publish_to_branch(site, args.remote, args.branch, publication_message(root))
                print(f"publish: {redact(args.remote)} {args.branch} is at {commit}")
    except PublishError as error:
        print(
            f"publish: {error}\npublish: nothing was published; the previous publication is unchanged.",
            file=sys.stderr,
        )
        return 1
    except Interrupted as stop:
        print(f"publish: stopped ({stop}); nothing was published", file=sys.stderr)
        return 130
    return 0


def clinic_copy(root: Path, profile_path: Path) -> tuple[ClinicProfile, str]:
    """The clinic's profile, checked, and the address its copy is published at (SITE_URL, else the
    profile's site_url). Its canonical links, sitemap and embed snippets name that address: the
    public site's is refused."""
    try:
        project = Project(root)
        profile = load_profile(
            profile_path.resolve(), [lang.code for lang in project.languages], project.default.code, root
        )
    except (DataError, OSError) as error:
        raise PublishError(str(error)) from None
    address = os.environ.get("SITE_URL") or profile.site_url
    public = project.public_site_url
    if not address or address.rstrip("/") == public.rstrip("/"):
        raise PublishError(
            f"{profile.path}: a clinic's copy needs the address it is published at, for its canonical "
            f"links, sitemap and embed snippets (not the public site's {public}): add "
            f"site_url: https://www.clinic.example/patient-education/ to the profile, or set SITE_URL"
        )
    if not address.startswith(("https://", "http://")):
        raise PublishError(f"SITE_URL {address!r} is not a web address (expected https://...)")
    return profile, address if address.endswith("/") else address + "/"


def check_translations(root: Path, allow_overdue: bool = False) -> None:
    """The translators' checks (the same the build runs), first: they fail in a second.

    A page past its review date is published only when asked for explicitly (`--allow-overdue`,
    `make publish ALLOW_OVERDUE=1`): readers then see a notice that the page is due for review.
    """
    command = [sys.executable, "-m", "mammogram_callbacks.cli", "check", "--root", str(root)]
    if not allow_overdue:
        command.append("--fail-overdue")
    result = subprocess.run(command, check=False, env=_tool_env(root))
    if result.returncode != 0:
        hint = (
            ""
            if allow_overdue
            else (
                " (a page past its review date is refused: review it, or publish it "
                "anyway with ALLOW_OVERDUE=1 / --allow-overdue)"
            )
        )
        raise PublishError(f"the translation checks found problems (listed above){hint}")


def build_site(root: Path, site: Path) -> None:
    """Every language, every check, strict, into `site` (which must not exist yet)."""
    # Not --quiet: it silences warnings before MkDocs counts them, and --strict then passes.
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "--strict",
        "--config-file",
        str(root / "mkdocs.yml"),
        "--site-dir",
        str(site),
    ]
    result = subprocess.run(
        command,
        cwd=root,
        check=False,
        env=_tool_env(root),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    # The build's progress is noise here; its warnings and errors are what the publisher needs.
    for line in result.stdout.splitlines():
        if not line.startswith("INFO"):
            print(line, file=sys.stderr)
    if result.returncode != 0 or not (site / "index.html").exists():
        raise PublishError("the strict build failed (see the messages above)")


def build_with(command: str, root: Path, site: Path) -> None:
    """Build with another engine (`{site}` in the command is the folder to build into), then run the
    post-build steps the MkDocs hooks would have run."""
    site_url = os.environ.get("SITE_URL", "")
    if not site_url.startswith(("https://", "http://")):
        raise PublishError("--build-command needs SITE_URL, the address the site is published at")
    if "{site}" not in command:
        raise PublishError("--build-command must name the output folder as {site}")
    arguments = [part.replace("{site}", str(site)) for part in shlex.split(command)]
    result = subprocess.run(arguments, cwd=root, check=False, env=_tool_env(root))
    if result.returncode != 0 or not (site / "index.html").exists():
        raise PublishError(f"the build command failed: {command}")
    finish = [sys.executable, "-m", "mammogram_callbacks.cli", "finish-site", str(site)]
    finish += ["--site-url", site_url, "--root", str(root)]
    if subprocess.run(finish, cwd=root, check=False, env=_tool_env(root)).returncode != 0:
        raise PublishError("the finished site has problems (listed above)")


def verify_site(root: Path, site: Path, languages: tuple[str, ...] | None = None) -> None:
    """What every publication must carry, whatever the hooks did: a last look before it goes out.

    `languages`: those a clinic's copy builds (all of the site's, otherwise). A language left out
    has no pages, embed pages, handouts, feed, redirect stubs or server rules at all."""
    # First: a page that shows "[[stat:...]]" instead of a figure is the worst a build can publish.
    unfilled = unfilled_markers(site)
    if unfilled:
        raise PublishError(
            f"{unfilled[0]}: a marker was not filled in (is the page filling in the build? "
            f"hooks/content_hook.py, or mammogram_callbacks.markdown_extension)"
            + (f", and {len(unfilled) - 1} more" if unfilled[1:] else "")
        )
    try:
        project = Project(root)
    except DataError as error:
        raise PublishError(str(error)) from None
    built = [lang for lang in project.languages if languages is None or lang.code in languages]
    left_out = [lang.code for lang in project.languages if lang not in built]
    roots = ["" if lang.default else f"{lang.code}/" for lang in built]
    wanted = ["robots.txt", "_headers", "_redirects", "_nginx.conf", "sitemap.xml"]
    wanted += [f"{lang_root}{page}" for lang_root in roots for page in ("index.html", "404.html")]
    missing = [path for path in wanted if not (site / path).is_file()]
    if missing:
        raise PublishError(
            f"the build is missing {', '.join(missing)}: is hooks/publish_hook.py in mkdocs.yml?"
        )
    entries = sitemap_entries((site / "sitemap.xml").read_text(encoding="utf-8"))
    expected = len(project.source_pages()) * len(built)
    if len(entries) != expected:
        raise PublishError(
            f"sitemap.xml lists {len(entries)} pages; expected {expected} "
            f"({len(project.source_pages())} pages in {len(built)} languages)"
        )
    leaks = [
        f"{folder}{code}/"
        for code in left_out
        for folder in ("", "embed/", "handouts/", "feed/")
        if (site / folder / code).exists()
    ]
    for host_file in ("_headers", "_redirects", "_nginx.conf", "sitemap.xml"):
        text = (site / host_file).read_text(encoding="utf-8")
        leaks += [f"{host_file} ({code})" for code in left_out if re.search(rf"/{re.escape(code)}/", text)]
    if leaks:
        raise PublishError(
            f"the build has files or rules for languages the copy leaves out: {', '.join(leaks)}"
        )


def unfilled_markers(site: Path) -> list[str]:
    """`file:line: marker` for every statistic, citation, clinic or block marker left in a page."""
    found = []
    for page in sorted(site.rglob("*.html")):
        for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), 1):
            for match in _UNFILLED.finditer(line):
                found.append(f"{page.relative_to(site).as_posix()}:{number}: {match[0]}")
    return found


def publish_to_folder(site: Path, dest: Path) -> None:
    """Replace `dest` and `dest`.tar.gz with the new build, each swapped in only when complete."""
    dest = dest.resolve()
    check_destination(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    restore_interrupted_swap(dest)
    remove_leftovers(dest.parent, f".{dest.name}.new-")
    remove_leftovers(dest.parent, f".{dest.name}.old-")
    staging = Path(tempfile.mkdtemp(prefix=f".{dest.name}.new-{os.getpid()}-", dir=dest.parent))
    staging.chmod(0o777 & ~_umask())  # mkdtemp makes it private; the web server must read it
    archive = archive_path(dest)
    archive_staging = staging.with_name(staging.name + ".tar.gz")
    previous = None
    try:
        shutil.copytree(site, staging, dirs_exist_ok=True)
        write_archive(staging, archive_staging, dest.name)
        if dest.exists():
            previous = dest.with_name(f".{dest.name}.old-{os.getpid()}-")
            dest.rename(previous)
        staging.rename(dest)
        archive_staging.replace(archive)
    except (OSError, Interrupted) as error:
        if previous is not None and previous.exists() and not dest.exists():
            previous.rename(dest)  # put the previous publication back
        elif previous is not None and previous.exists():
            # The new folder is in place but its archive is not: keep folder and archive together.
            shutil.rmtree(dest, ignore_errors=True)
            previous.rename(dest)
        previous = None
        if isinstance(error, Interrupted):
            raise
        raise PublishError(f"could not write {dest}: {error}") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        archive_staging.unlink(missing_ok=True)
    if previous is not None:
        shutil.rmtree(previous, ignore_errors=True)


def restore_interrupted_swap(dest: Path) -> None:
    """A publish killed between moving the old folder aside and the new one in leaves no `dest`:
    put the old one back before anything else (it is the publication readers had)."""
    if dest.exists():
        return
    olds = [
        p
        for p in dest.parent.glob(f".{glob.escape(dest.name)}.old-*-")
        if p.is_dir()
        and (owner := re.match(r"\.old-(\d+)-$", p.name[len(dest.name) + 1 :]))
        and not _running(int(owner[1]))
    ]
    if olds:
        newest = max(olds, key=lambda p: p.stat().st_mtime)
        newest.rename(dest)
        print(f"publish: put back {dest}, which a stopped publish had moved aside", file=sys.stderr)


def remove_leftovers(folder: Path, prefix: str) -> None:
    """Remove what a killed publish left in `folder` (names `<prefix><pid>-...`): only a publish that
    is no longer running, so two publishes at once never remove each other's work."""
    for path in folder.glob(f"{glob.escape(prefix)}*"):
        owner = re.match(r"(\d+)-", path.name.removeprefix(prefix))
        if owner is None or _running(int(owner[1])):
            continue  # not a publish's (named by its process id), or its publish still runs
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)


def check_destination(dest: Path) -> None:
    """Refuse a folder that holds something else: publishing replaces the folder whole."""
    if dest.exists() and not is_publication(dest):
        raise PublishError(
            f"{dest} exists and is not a previous publication (it has no _headers and "
            f"index.html); choose an empty or new folder"
        )


def is_publication(folder: Path) -> bool:
    return folder.is_dir() and (
        not any(folder.iterdir()) or ((folder / "_headers").is_file() and (folder / "index.html").is_file())
    )


def archive_path(dest: Path) -> Path:
    return dest.with_name(dest.name + ".tar.gz")


def write_archive(folder: Path, archive: Path, name: str) -> None:
    """`folder` as `name`/ in a .tar.gz, owned by nobody in particular (the host's user unpacks it)."""

    def anonymous(info: tarfile.TarInfo) -> tarfile.TarInfo:
        info.uid = info.gid = 0
        info.uname = info.gname = ""
        return info

    with tarfile.open(archive, "w:gz") as tar:
        tar.add(folder, arcname=name, filter=anonymous)


def publish_to_branch(site: Path, remote: str, branch: str, message: str) -> str:
    """Commit `site` on top of the branch's current commit and push it; returns the commit id.

    The commit is made in a throwaway repository, so the project's own checkout, branches and index
    are never touched. An unchanged site makes no commit.
    """
    if not re.fullmatch(r"[A-Za-z0-9._/-]+", branch) or branch.startswith("-"):
        raise PublishError(f"invalid branch name {branch!r}")
    (site / ".nojekyll").touch()  # GitHub Pages: serve the files as they are, no Jekyll
    with tempfile.TemporaryDirectory(prefix=f"publish-{os.getpid()}-git-") as git_dir:

        def git(*args: str, **kwargs) -> str:
            return _git(["--git-dir", git_dir, "--work-tree", str(site), *args], **kwargs)

        _git(["init", "--quiet", "--bare", git_dir])
        parent = remote_branch_commit(remote, branch)
        if parent:
            git("fetch", "--quiet", "--depth=1", remote, f"refs/heads/{branch}")
        git("add", "--all", "--force", ".")
        tree = git("write-tree")
        if parent and git("rev-parse", f"{parent}^{{tree}}") == tree:
            print(f"publish: the site is unchanged; {branch} stays at {parent}")
            return parent
        commit = git(
            "commit-tree", tree, *(["-p", parent] if parent else []), "-m", message, env=_identity_env()
        )
        try:
            git("push", "--quiet", remote, f"{commit}:refs/heads/{branch}")
        except (PublishError, Interrupted) as stopped:
            # The push may have moved the branch before it was stopped (or before the connection
            # broke): then the site is published, and saying otherwise would be wrong.
            try:
                moved = remote_branch_commit(remote, branch) == commit
            except PublishError:
                moved = False
            if not moved:
                raise
            print(
                f"publish: the push was stopped ({stopped}), but {branch} is at the new commit",
                file=sys.stderr,
            )
        return commit


def remote_branch_commit(remote: str, branch: str) -> str | None:
    """The commit the remote's branch is at, or None when the branch does not exist yet."""
    output = _git(["ls-remote", "--heads", remote, f"refs/heads/{branch}"])
    for line in output.splitlines():
        commit, ref = line.split("\t", 1)
        if ref == f"refs/heads/{branch}":
            return commit
    return None


def publication_message(root: Path) -> str:
    """The commit message: which source was published."""
    try:
        head = _git(["-C", str(root), "rev-parse", "HEAD"])
        dirty = _git(["-C", str(root), "status", "--porcelain", "--untracked-files=no"])
    except PublishError:
        return "Publish the site (from a folder that is not a git checkout)"
    return f"Publish the site from {head}" + (" with uncommitted changes" if dirty else "")


def redact(url: str) -> str:
    """A remote URL without its password or token, for messages (CI logs are often public)."""
    return re.sub(r"(://)[^/@]+@", r"\1***@", url)


# ---- Helper functions --------------------------------------------------------------------------


def _arguments() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    target = parser.add_mutually_exclusive_group(required=True)
    target.add_argument("--remote", help="git remote URL (or a path) to push the site to")
    target.add_argument("--dest", help="folder to write the site to; FOLDER.tar.gz is written beside it")
    parser.add_argument("--branch", default="gh-pages", help="branch to push to (default: gh-pages)")
    parser.add_argument("--root", default=str(REPO), help="the project folder (where mkdocs.yml is)")
    parser.add_argument(
        "--build-command",
        help="build with this command instead of MkDocs ({site} is the output folder; needs SITE_URL)",
    )
    parser.add_argument(
        "--clinic",
        help="a clinic profile (clinics/x.yml): publish its branded copy, its languages only, at its address",
    )
    parser.add_argument(
        "--allow-overdue",
        action="store_true",
        help="publish pages past their review date (readers see a notice)",
    )
    return parser


def _git(args: list[str], env: dict | None = None) -> str:
    result = subprocess.run(
        ["git", *args], capture_output=True, text=True, check=False, env={**os.environ, **(env or {})}
    )
    if result.returncode != 0:
        shown = " ".join(redact(arg) for arg in args[:3])
        raise PublishError(f"git {shown} ... failed: {redact(result.stderr.strip())}")
    return result.stdout.strip()


def _identity_env() -> dict[str, str]:
    """Who makes the commit: the user's git identity, or a neutral one on a machine without any."""
    env = {}
    for role in ("AUTHOR", "COMMITTER"):
        for key, setting, fallback in (
            ("NAME", "user.name", "Mammogram Callbacks publisher"),
            ("EMAIL", "user.email", "publisher@localhost"),
        ):
            if f"GIT_{role}_{key}" not in os.environ:
                found = subprocess.run(
                    ["git", "config", "--get", setting], capture_output=True, text=True, check=False
                ).stdout.strip()
                env[f"GIT_{role}_{key}"] = found or fallback
    return env


def _interrupted(number: int, frame) -> None:
    raise Interrupted(signal.Signals(number).name)


def _running(pid: int) -> bool:
    """Whether process `pid` is still running (this one included)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _tool_env(root: Path) -> dict[str, str]:
    # The project's hooks folder first, so the checks of the project being published run.
    path = os.pathsep.join(filter(None, [str(root / "hooks"), os.environ.get("PYTHONPATH")]))
    return {**os.environ, "PYTHONPATH": path, "NO_MKDOCS_2_WARNING": "1"}


# What the page filling replaces; left in a built page, the filling did not run.
_UNFILLED = re.compile(r"\[\[(?:stat|cite|clinic):[^\]]*\]\]|<!-- pe:[a-z-]+ -->")


if __name__ == "__main__":
    sys.exit(main())
