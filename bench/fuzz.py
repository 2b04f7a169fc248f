"""Hostile requests against every public URL: `make bench-fuzz`. Passes with zero 5xx answers.

A site of its own on PostgreSQL (localret_fuzz, dropped at the end), served by gunicorn with
the production settings and the page cache on. At least 5,000 requests (bounded in time too),
reproducible from the seed: random and hostile query strings on every URL of the sitemap and
the members' open data, mangled paths, and form posts (with and without a valid CSRF token) to
the access request form and to pages that take no post at all.
"""

import argparse
import http.cookiejar
import random
import re
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPOSITORY))

from bench.harness import LOOPBACK, Gunicorn, fetch, shared_cache, site_at_scale  # noqa: E402

APP_PORT = 8115
ACCESS_REQUEST = "/qui-som/transparencia/dret-d-acces/"
EXTRA_URLS = [
    "/cerca/",
    "/qui-som/municipis-adherits/?format=csv",
    "/qui-som/municipis-adherits/?format=json",
    "/sitemap.xml",
    "/robots.txt",
]
HOSTILE = [
    "",
    "'",
    '"',
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "%00",
    "\x00",
    "../../../../etc/passwd",
    "-1",
    "0",
    "99999999999999999999999",
    "1e308",
    "NaN",
    "%s%n%x",
    "{{7*7}}",
    "\u202e\ufeff",
    "\U0001f600",
    "ñ" * 300,
    "a" * 4000,
    "2026-02-30",
    "[]",
    "null",
]
PARAMETERS = [
    "q",
    "page",
    "comarca",
    "provincia",
    "tipus",
    "lletra",
    "any",
    "data",
    "format",
    "ordre",
]
FORM_FIELDS = ["name", "email", "subject", "information", "privacy", "website", "phone"]


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=6_000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--max-seconds", type=int, default=600)
    parser.add_argument("--seed", type=int, default=2026)
    return parser.parse_args()


def public_urls(base_url):
    status, body = fetch(base_url + "/sitemap.xml", timeout=30)
    locations = re.findall(r"<loc>([^<]+)</loc>", body.decode()) if status == 200 else []
    paths = {urllib.parse.urlsplit(location).path for location in locations}
    # Every page type, but not all 10,000 member pages.
    members = sorted(path for path in paths if path.count("/") > 3)[:50]
    return sorted({*(path for path in paths if path.count("/") <= 3), *members, *EXTRA_URLS})


def hostile_query(generator):
    pairs = [
        (generator.choice(PARAMETERS), generator.choice(HOSTILE))
        for _ in range(generator.randint(1, 4))
    ]
    if generator.random() < 0.2:
        # Raw: malformed percent-escapes such as %ZZ or %00 reach the server as they are.
        return urllib.parse.quote("&".join(f"{name}={value}" for name, value in pairs), "=&%")
    return urllib.parse.urlencode(pairs)


def hostile_path(generator, path):
    return generator.choice(
        [
            path + "x/",
            path + "%00/",
            path + "..%2F..%2F",
            path + "a" * 600 + "/",
            path + "%C3%28/",
            path.rstrip("/"),
            path + "index.php",
            path.upper(),
            path + "export.xml",
            "//" + path.lstrip("/"),
        ]
    )


def form_post(base_url, generator, with_token):
    """A post to the access request form; with a token, as a browser that loaded the form."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    fields = {name: generator.choice(HOSTILE) for name in generator.sample(FORM_FIELDS, k=4)}
    headers = {"Host": LOOPBACK, "Content-Type": "application/x-www-form-urlencoded"}
    if with_token:
        page = urllib.request.Request(  # noqa: S310 (http:// on loopback only)
            base_url + ACCESS_REQUEST, headers={"Host": LOOPBACK}
        )
        with opener.open(page, timeout=30) as response:
            token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', response.read())
        fields["csrfmiddlewaretoken"] = token[1].decode() if token else ""
        headers["Referer"] = base_url + ACCESS_REQUEST
    data = urllib.parse.urlencode(fields).encode()
    request = urllib.request.Request(  # noqa: S310 (http:// on loopback only)
        base_url + ACCESS_REQUEST, data=data, headers=headers
    )
    try:
        with opener.open(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def one_request(base_url, urls, generator):
    """(what was asked, status) of one random hostile request."""
    kind = generator.random()
    path = generator.choice(urls)
    if kind < 0.6:
        target = f"{path}?{hostile_query(generator)}"
        return target, fetch(base_url + target, timeout=30)[0]
    if kind < 0.8:
        target = hostile_path(generator, path)
        return target, fetch(base_url + urllib.parse.quote(target, safe="/%"), timeout=30)[0]
    if kind < 0.9:
        return f"POST {ACCESS_REQUEST}", form_post(base_url, generator, generator.random() < 0.7)
    data = urllib.parse.urlencode({generator.choice(PARAMETERS): generator.choice(HOSTILE)})
    return f"POST {path}", fetch(base_url + path, timeout=30, data=data.encode())[0]


def main():
    arguments = parse_arguments()
    with site_at_scale("localret_fuzz", entities=1_000, people=30, items=100) as (
        environment,
        scale,
    ):
        print(scale, flush=True)
        cache_environment, cache_name = shared_cache()
        with Gunicorn(APP_PORT, {**environment, **cache_environment}) as server:
            urls = public_urls(server.url)
            print(f"{len(urls)} public URLs; page cache in {cache_name}", flush=True)
            statuses = Counter()
            server_errors = []
            deadline = time.monotonic() + arguments.max_seconds
            lock = threading.Lock()

            def client(number):
                generator = random.Random(arguments.seed + number)
                for _ in range(arguments.requests // arguments.clients):
                    if time.monotonic() > deadline:
                        return
                    target, status = one_request(server.url, urls, generator)
                    with lock:
                        statuses[status] += 1
                        if status >= 500:
                            server_errors.append((status, target[:200]))

            threads = [
                threading.Thread(target=client, args=(number,))
                for number in range(arguments.clients)
            ]
            started = time.monotonic()
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            elapsed = time.monotonic() - started
    total = sum(statuses.values())
    print(f"{total:,} requests in {elapsed:.0f} s; answers: {dict(sorted(statuses.items()))}")
    for status, target in server_errors[:20]:
        print(f"  {status} {target}")
    passed = total >= 5_000 and not server_errors
    print("PASSED" if passed else "FAILED")
    sys.exit(0 if passed else 1)


if __name__ == "__main__":
    main()
