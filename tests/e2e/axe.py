"""Run axe-core (from the pinned axe-playwright-python package) against a Playwright page."""

from importlib.resources import as_file, files

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_SCRIPT = files("axe_playwright_python") / "axe.min.js"


def axe_violations(page):
    """The WCAG 2.1 A and AA violations axe-core finds in the page as it stands."""
    with as_file(AXE_SCRIPT) as script_path:
        page.add_script_tag(path=script_path)
    results = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    return results["violations"]


def describe_violations(violations):
    """One readable block per violation: rule, impact, help, link and the offending elements."""
    lines = []
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']}"
            f" <{violation['helpUrl']}>"
        )
        for node in violation["nodes"]:
            target = " ".join(str(selector) for selector in node["target"])
            lines.append(f"    {target}: {node['failureSummary']}".replace("\n", " "))
    return "\n".join(lines)


def assert_no_axe_violations(page):
    """Fail with a readable list when axe-core finds any WCAG 2.1 A/AA violation in the page."""
    violations = axe_violations(page)
    assert not violations, (
        f"axe-core found {len(violations)} violation(s) on {page.url}:\n"
        + describe_violations(violations)
    )
