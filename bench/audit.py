"""Lighthouse (mobile) on the main pages of a production server: `make audit`.

Builds a throwaway SQLite database, installs the site into it (migrations, static files as the
production storage serves them, seed_site) with the 947 municipalities of IDESCAT's export as
members when the shared reference data is there, and serves it with gunicorn and the production
settings (DEBUG off, plain HTTP on 127.0.0.1, so no SSL redirect). Lighthouse, pinned in
audit/package-lock.json, drives the system Chromium (CHROME_PATH) and downloads nothing. The
scores of each category are printed and written to audit/reports/scores.md, beside each page's
full report; the run fails if any is under the threshold.
"""

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPOSITORY))

from bench.harness import (  # noqa: E402
    IDESCAT_EXPORT,
    LOOPBACK,
    Gunicorn,
    fill_to_scale,
    install_site,
    production_environment,
)

LIGHTHOUSE = REPOSITORY / "audit" / "node_modules" / ".bin" / "lighthouse"
REPORTS = REPOSITORY / "audit" / "reports"
CHROMIUM = "/usr/bin/chromium"
PORT = 8106
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
PAGES = [
    ("home", "/"),
    ("qui-som", "/qui-som/"),
    ("members-listing", "/qui-som/municipis-adherits/"),
    ("statutes", "/qui-som/estatuts/"),
    ("transparency-index", "/qui-som/transparencia/"),
    ("services", "/serveis/"),
    ("news", "/actualitat/"),
    ("agenda", "/agenda/"),
    ("contact", "/contacte/"),
    ("how-to-join", "/qui-som/municipis-adherits/com-adherir-se/"),
]


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=PORT)
    parser.add_argument("--threshold", type=float, default=0.95)
    return parser.parse_args()


def prepare_site(environment):
    """The site as production would serve it, with every municipality."""
    install_site(environment)
    if IDESCAT_EXPORT.exists():
        print(fill_to_scale(environment, entities=947, people=0, items=0))
    else:
        print(f"{IDESCAT_EXPORT} is missing: the members listing holds the seeded members only.")


def port_in_use(port):
    with socket.socket() as probe:
        return probe.connect_ex((LOOPBACK, port)) == 0


def lighthouse(url, report_base):
    """Run Lighthouse on one URL; its report's scores by category (0 to 1)."""
    subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--form-factor=mobile",
            f"--only-categories={','.join(CATEGORIES)}",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
            "--output=json",
            "--output=html",
            f"--output-path={report_base}",
        ],
        env={**os.environ, "CHROME_PATH": CHROMIUM},
        check=True,
        timeout=300,
    )
    report = json.loads(Path(f"{report_base}.report.json").read_text())
    return {category: report["categories"][category]["score"] for category in CATEGORIES}


def scores_table(results, lighthouse_version):
    lines = [
        f"Lighthouse {lighthouse_version}, mobile, on a production server (gunicorn, DEBUG off).",
        "",
        f"| page | URL | {' | '.join(CATEGORIES)} |",
        f"|---|---|{'---|' * len(CATEGORIES)}",
    ]
    for (name, path), scores in results:
        cells = " | ".join(
            "n/a" if scores[category] is None else f"{scores[category]:.2f}"
            for category in CATEGORIES
        )
        lines.append(f"| {name} | `{path}` | {cells} |")
    return "\n".join(lines) + "\n"


def main():
    arguments = parse_arguments()
    if not LIGHTHOUSE.exists():
        sys.exit(f"{LIGHTHOUSE} is missing: run `npm ci` in audit/ (make audit does).")
    if not Path(CHROMIUM).exists():
        sys.exit(f"Chromium is not installed at {CHROMIUM} (apt-get install chromium).")
    if port_in_use(arguments.port):
        # Another server there would answer the health check and be audited instead.
        sys.exit(f"Port {arguments.port} is in use: stop what listens there or pass --port.")
    version = subprocess.run(
        [str(LIGHTHOUSE), "--version"], check=True, capture_output=True, text=True
    ).stdout.strip()

    shutil.rmtree(REPORTS, ignore_errors=True)
    REPORTS.mkdir(parents=True)
    with tempfile.TemporaryDirectory(prefix="localret-audit-") as folder:
        # Canonical links, the sitemap and robots.txt name SITE_BASE_URL: make it this server.
        environment = production_environment(
            f"sqlite:///{Path(folder) / 'audit.sqlite3'}",
            SITE_BASE_URL=f"http://{LOOPBACK}:{arguments.port}",
        )
        prepare_site(environment)
        with Gunicorn(arguments.port, environment) as server:
            results = [
                ((name, path), lighthouse(f"{server.url}{path}", REPORTS / name))
                for name, path in PAGES
            ]

    table = scores_table(results, version)
    (REPORTS / "scores.md").write_text(table)
    print(table)
    failing = [
        f"{name} {category} {scores[category]:.2f}"
        for (name, _path), scores in results
        for category in CATEGORIES
        if scores[category] is None or scores[category] < arguments.threshold
    ]
    if failing:
        sys.exit(f"Under {arguments.threshold}: {', '.join(failing)}")
    print(f"Every category of every page scores {arguments.threshold} or more.")


if __name__ == "__main__":
    main()
