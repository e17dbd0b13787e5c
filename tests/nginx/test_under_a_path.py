"""A clinic's branded copy of some languages, published for an address under a path and served as
deploy/README.md says: the shipped server block behind the clinic's own server, which passes
/patient-education/ on with deploy/nginx-under-a-path.conf. Every file answers under the path with
the headers `_headers` lists for it there; not-found pages, moved pages and folders work there too."""

from __future__ import annotations

from mammogram_callbacks.publish.headers import headers_for_path, parse_headers_file

from tests.support.publishing import HOST_FILES, NOT_FOUND_TITLES, fetch


def test_every_file_answers_under_the_path_with_the_headers_the_headers_file_lists(clinic_under_a_path):
    copy = clinic_under_a_path
    rules = parse_headers_file((copy.dest / "_headers").read_text(encoding="utf-8"))
    files = [p.relative_to(copy.dest).as_posix() for p in copy.dest.rglob("*") if p.is_file()]
    checked = 0
    for path in files:
        if path in HOST_FILES or path.endswith(".gz"):
            continue
        status, headers, _ = fetch(copy.site_url + path)
        assert status == 200, path
        expected = headers_for_path(rules, f"{copy.path}{path}")
        assert expected, f"no rule of _headers covers {copy.path}{path}"
        assert {name: headers.get(name) for name in expected} == expected, path
        checked += 1
    assert checked > 100
    # Only the profile's languages, and the host files stay private under the path too.
    assert not any(name.split("/")[0] in ("ar", "zh", "vi", "so", "hmn") for name in files)
    for host_file in ("_headers", "_nginx.conf", "_redirects"):
        assert fetch(copy.site_url + host_file)[0] == 404, host_file


def test_the_feed_and_the_handouts_answer_under_the_path(clinic_under_a_path):
    copy = clinic_under_a_path
    status, headers, body = fetch(copy.site_url + "feed/es/index.json")
    assert status == 200 and headers["Access-Control-Allow-Origin"] == "*"
    assert headers["Content-Type"].startswith("application/json")
    assert f'"url": "{copy.site_url}es/callback.html"' in body.decode()
    status, headers, body = fetch(copy.site_url + "handouts/es/callback.pdf")
    assert status == 200 and headers["Content-Type"] == "application/pdf" and body.startswith(b"%PDF-")


def test_not_found_pages_moved_pages_and_folders_stay_under_the_path(clinic_under_a_path):
    copy = clinic_under_a_path
    status, _, body = fetch(copy.site_url + "es/no-such-page.html")
    assert status == 404 and NOT_FOUND_TITLES["es"] in body.decode()
    status, _, body = fetch(copy.site_url + "no-such-page.html")
    assert status == 404 and NOT_FOUND_TITLES["en"] in body.decode()
    # A moved page (data/redirects.yml: callback/ is now callback.md), in each language.
    for old, new in (
        ("callback/", "callback.html"),
        ("es/callback/", "es/callback.html"),
        ("es/callback", "es/callback.html"),
    ):
        status, headers, _ = fetch(copy.site_url + old)
        assert status == 301 and headers["Location"] in (f"{copy.path}{new}", copy.site_url + new), old
    # A folder without its final slash.
    status, headers, _ = fetch(copy.site_url.rstrip("/") + "/es")
    assert status == 301 and headers["Location"] in (f"{copy.path}es/", copy.site_url + "es/")
    # Outside the path, the clinic's own server answers (here: nothing).
    assert fetch(copy.site_url.replace(copy.path, "/es/callback.html"))[0] == 404
