"""The published output served by nginx and loaded in Chromium with its Content-Security-Policy
enforced: no page breaks the policy, and only an allowed origin may frame the embed pages."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from mammogram_callbacks.publish.headers import EMBED_FOLDER, PERMISSIONS_POLICY

from tests.support.project import LANGUAGES, PAGES, lang_root
from tests.support.web import wait_for_search_index

# ---- Chromium, with the policy enforced --------------------------------------------------------------

# Runs before any script of the page (Playwright injects it through DevTools, outside the policy).
LISTEN_FOR_VIOLATIONS = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', e =>
  window.__violations.push(\
`${e.effectiveDirective} blocked ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`));
"""


def every_published_page(dest: Path) -> list[str]:
    return sorted(
        p.relative_to(dest).as_posix()
        for p in dest.rglob("*.html")
        if not p.relative_to(dest).as_posix().startswith(EMBED_FOLDER)
    )


def test_every_page_loads_with_the_csp_enforced_and_no_violation(publication, nginx, browser):
    context = browser.new_context()
    context.add_init_script(LISTEN_FOR_VIOLATIONS)
    page = context.new_page()
    console: list[str] = []
    page.on("console", lambda m: console.append(f"{page.url}: {m.text}"))
    pages = every_published_page(publication.dest)
    assert len(pages) >= len(LANGUAGES) * (len(PAGES) + 2)  # pages, not-found and moved pages
    for path in pages:
        response = page.goto(nginx + path, wait_until="networkidle")
        headers = response.all_headers()
        assert "script-src 'self'" in headers["content-security-policy"], path
        assert headers["permissions-policy"] == PERMISSIONS_POLICY, path
        assert headers["cross-origin-opener-policy"] == "same-origin", path
        assert headers["cross-origin-resource-policy"] == "same-origin", path
        assert page.evaluate("window.__violations") == [], path
    # Search runs in a worker, which loads its scripts and the language's index under the policy.
    for code, word in (("en", "biopsy"), ("es", "biopsia"), ("zh", "活检")):
        page.goto(f"{nginx}{lang_root(code)}index.html", wait_until="networkidle")
        page.click(".md-search__input")
        wait_for_search_index(page)
        page.keyboard.type(word, delay=20)
        page.keyboard.press("End")  # Material searches on keyup, which typing Chinese does not send
        page.wait_for_selector(".md-search-result__item", timeout=10_000)
        assert page.evaluate("window.__violations") == [], code
    # The tooltips are placed with the element's style (CSSOM, which the policy allows; a style
    # attribute written as text it would not).
    page.goto(f"{nginx}callback.html", wait_until="networkidle")
    page.hover("article p abbr[title]")
    page.wait_for_selector("#pe-tooltip", state="visible")
    page.hover("article .footnote-ref")
    page.wait_for_selector("#pe-tooltip a", state="visible")  # a note's tooltip: its source's link
    assert page.evaluate("window.__violations") == []
    csp_messages = [m for m in console if "Content Security Policy" in m]
    assert csp_messages == []
    # Chromium knows every feature the Permissions-Policy names (an unknown one is a console error).
    assert [m for m in console if "Permissions-Policy" in m or "Cross-Origin" in m] == []
    # And the policy is really enforced: an inline script is refused and reported.
    page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = 'window.__ran = 1';"
        " document.body.append(s); }"
    )
    page.wait_for_function("window.__violations.length > 0")
    assert page.evaluate("window.__ran") is None
    assert page.evaluate("window.__violations")[0].startswith("script-src-elem blocked inline")
    context.close()


def test_embed_pages_can_be_framed_by_an_allowed_origin_and_main_pages_cannot(publication, nginx, browser):
    frames = {
        "embed": f"{nginx}{EMBED_FOLDER}callback.html",
        "page": f"{nginx}callback.html",
        "spanish": f"{nginx}es/callback.html",
    }
    host_page = "".join(f'<iframe id="{name}" src="{url}"></iframe>' for name, url in frames.items())

    for folder in publication.host_dirs:
        (folder / "host.html").write_text(
            f"<!doctype html><title>A clinic</title>{host_page}", encoding="utf-8"
        )

    def framed(host: str) -> dict[str, bool]:
        page = browser.new_page()
        refused: list[str] = []
        page.on("console", lambda m: refused.append(m.text) if "frame-ancestors" in m.text else None)
        page.goto(f"{host}/host.html", wait_until="networkidle")
        shown = {}
        for name in frames.keys():
            frame = page.frame_locator(f"#{name}")
            try:
                shown[name] = frame.locator("h1, #pe-embedded").first.is_visible(timeout=2_000)
            except Exception:
                shown[name] = False
        page.close()
        assert len(refused) == sum(not ok for ok in shown.values()), refused
        return shown

    assert framed(publication.embed_host) == {"embed": True, "page": False, "spanish": False}
    # The snippet clinics paste loads embed.js from this site, from the clinic's own origin:
    # Cross-Origin-Resource-Policy lets it (cross-origin for embed.js, same-origin elsewhere).
    snippet = f'<script src="{nginx}assets/javascripts/embed.js" data-page="callback"></script>'
    (publication.host_dirs[0] / "snippet.html").write_text(
        f"<!doctype html><title>A clinic</title><div id='snippet'>{snippet}</div>", encoding="utf-8"
    )
    page = browser.new_page()
    blocked: list[str] = []
    page.on("requestfailed", lambda request: blocked.append(request.url))
    page.goto(f"{publication.embed_host}/snippet.html", wait_until="networkidle")
    made = page.locator("#snippet iframe")
    assert made.count() == 1 and made.get_attribute("src").endswith(f"{EMBED_FOLDER}en/callback.html")
    assert not [url for url in blocked if url.endswith("embed.js")], blocked
    page.close()
    assert framed(publication.other_host) == {"embed": False, "page": False, "spanish": False}
    assert urlsplit(publication.embed_host).port != urlsplit(nginx).port  # a different origin
