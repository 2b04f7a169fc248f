"""What search engines and link previews read: sitemap, robots.txt, and each page's head."""

import datetime
import json
import re
from html.parser import HTMLParser
from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page

from members.importer import import_members
from members.models import Member
from pages.models import OrganisationSettings
from tests.conftest import run_seed_site
from tests.factories import MemberFactory, StandardPageFactory
from transparency.models import TransparencySectionPage

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
MAX_QUERIES_PER_PAGE = 15
# Without SITE_BASE_URL (tests, development), public addresses take the request's own origin.
REQUEST_ORIGIN = "http://testserver"
PRODUCTION_BASE_URL = "https://www.localret.cat"


@pytest.fixture(autouse=True)
def empty_cache():
    """Whole pages may be cached: each test must see what it just changed."""
    cache.clear()
    yield
    cache.clear()


class HeadParser(HTMLParser):
    """The <meta>, <link> and JSON-LD of a document."""

    def __init__(self):
        super().__init__()
        self.meta = {}
        self.links = {}
        self.json_ld = []
        self._in_json_ld = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta":
            key = attrs.get("name") or attrs.get("property")
            if key:
                self.meta.setdefault(key, []).append(attrs.get("content"))
        elif tag == "link":
            self.links.setdefault(attrs.get("rel"), []).append(attrs.get("href"))
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._in_json_ld = True
            self.json_ld.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_json_ld = False

    def handle_data(self, data):
        if self._in_json_ld:
            self.json_ld[-1] += data


def head_of(response):
    parser = HeadParser()
    parser.feed(response.content.decode())
    parser.structured_data = [json.loads(text) for text in parser.json_ld]
    return parser


def of_type(head, schema_type):
    return [item for item in head.structured_data if item["@type"] == schema_type]


def sitemap_locations(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    tree = ElementTree.fromstring(response.content)  # noqa: S314 (the site's own sitemap)
    return [loc.text for loc in tree.findall("sm:url/sm:loc", SITEMAP_NS)]


def path_of(url):
    return urlsplit(url).path


def test_sitemap_lists_every_live_page_and_every_current_member(client, seeded_site):
    former = MemberFactory(
        name="Antic Membre",
        member_since=datetime.date(2000, 1, 1),
        left_on=datetime.date(2010, 1, 1),
    )
    never = MemberFactory(name="Mai Membre", member_since=None)
    draft = StandardPageFactory(parent=seeded_site.root_page, slug="esborrany", live=False)

    paths = {path_of(url) for url in sitemap_locations(client)}

    live_pages = Page.objects.live().public().descendant_of(seeded_site.root_page, inclusive=True)
    assert {page.url for page in live_pages} <= paths
    members_url = "/qui-som/municipis-adherits/"
    current_slugs = Member.objects.current().values_list("slug", flat=True)
    assert {f"{members_url}{slug}/" for slug in current_slugs} <= paths
    assert Member.objects.current().count() > 0
    assert f"{members_url}{former.slug}/" not in paths
    assert f"{members_url}{never.slug}/" not in paths
    assert f"/{draft.slug}/" not in paths
    assert "/cerca/" not in paths


def test_every_sitemap_url_answers(client, seeded_site):
    for url in sitemap_locations(client):
        assert client.get(path_of(url)).status_code == 200, url


def test_robots_txt_keeps_admin_and_search_out_and_points_to_the_sitemap(client, seeded_site):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Disallow: /cerca/" in lines
    assert f"Sitemap: {REQUEST_ORIGIN}/sitemap.xml" in lines


def test_every_sitemap_page_has_description_canonical_open_graph_and_breadcrumbs(
    client, seeded_site, django_assert_max_num_queries
):
    for url in sitemap_locations(client):
        # The header and the footer are rendered once per page after a content change, then
        # kept (templates/base.html): a page costs what its own content does.
        client.get(path_of(url))
        with django_assert_max_num_queries(MAX_QUERIES_PER_PAGE, info=url):
            response = client.get(path_of(url))
        head = head_of(response)
        assert head.meta["description"][0].strip(), url
        assert head.links["canonical"] == [url], url
        assert head.meta["og:url"] == [url], url
        for key in ("og:title", "og:description", "og:image", "og:site_name"):
            assert head.meta[key][0].strip(), (url, key)
        (breadcrumbs,) = of_type(head, "BreadcrumbList")
        items = breadcrumbs["itemListElement"]
        assert [item["position"] for item in items] == list(range(1, len(items) + 1))
        assert items[0]["item"] == f"{REQUEST_ORIGIN}/"
        assert items[-1]["item"] in {url, *(i["item"] for i in items)}, url


def test_breadcrumb_list_follows_the_page_tree(client, seeded_site):
    head = head_of(client.get("/qui-som/estatuts/"))
    (breadcrumbs,) = of_type(head, "BreadcrumbList")
    root = REQUEST_ORIGIN
    assert [(item["name"], item["item"]) for item in breadcrumbs["itemListElement"]] == [
        ("Inici", f"{root}/"),
        ("Qui som", f"{root}/qui-som/"),
        ("Estatuts", f"{root}/qui-som/estatuts/"),
    ]


def test_home_page_names_the_organisation_in_json_ld(client, seeded_site):
    organisation = OrganisationSettings.for_site(seeded_site)
    organisation.name = "Consorci Localret"
    organisation.address = "Carrer de l'Exemple, 1\n08001 Barcelona"
    organisation.email = "info@localret.cat"
    organisation.linkedin_url = "https://www.linkedin.com/company/localret"
    organisation.save()

    head = head_of(client.get("/"))

    (organisation_data,) = of_type(head, "GovernmentOrganization")
    assert organisation_data["@context"] == "https://schema.org"
    assert organisation_data["name"] == "Consorci Localret"
    assert organisation_data["url"] == f"{REQUEST_ORIGIN}/"
    assert organisation_data["address"] == "Carrer de l'Exemple, 1, 08001 Barcelona"
    assert organisation_data["email"] == "info@localret.cat"
    assert organisation_data["sameAs"] == ["https://www.linkedin.com/company/localret"]
    assert client.get(path_of(organisation_data["logo"])).status_code == 200
    assert of_type(head_of(client.get("/qui-som/")), "GovernmentOrganization") == []


def test_json_ld_cannot_be_closed_by_a_page_title(client, seeded_site):
    StandardPageFactory(
        parent=seeded_site.root_page, slug="titol-perillos", title="A </script><script>alert(1)"
    )
    html = client.get("/titol-perillos/").content.decode()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert blocks, "no JSON-LD block"
    data = json.loads(blocks[-1])
    assert data["itemListElement"][-1]["name"] == "A </script><script>alert(1)"
    assert "<script>alert(1)" not in html


def test_description_comes_from_the_search_description_else_the_introduction(client, seeded_site):
    StandardPageFactory(
        parent=seeded_site.root_page,
        slug="amb-descripcio",
        search_description="Una descripció escrita per als cercadors.",
        introduction="<p>Una introducció diferent.</p>",
    )
    StandardPageFactory(
        parent=seeded_site.root_page,
        slug="sense-descripcio",
        search_description="",
        introduction="<p>Una <b>introducció</b> &amp; prou llarga. " + "Més text. " * 40 + "</p>",
    )

    assert head_of(client.get("/amb-descripcio/")).meta["description"] == [
        "Una descripció escrita per als cercadors."
    ]
    (description,) = head_of(client.get("/sense-descripcio/")).meta["description"]
    assert description.startswith("Una introducció & prou llarga. Més text.")
    assert "<" not in description
    assert len(description) <= 160
    assert description.endswith("…")


def test_member_page_has_its_own_canonical_and_breadcrumbs_to_the_listing(client, seeded_site):
    member = Member.objects.current().first()
    url = f"{REQUEST_ORIGIN}/qui-som/municipis-adherits/{member.slug}/"
    head = head_of(client.get(path_of(url)))
    assert head.links["canonical"] == [url]
    (breadcrumbs,) = of_type(head, "BreadcrumbList")
    items = [item["item"] for item in breadcrumbs["itemListElement"]]
    assert f"{REQUEST_ORIGIN}/qui-som/municipis-adherits/" in items


def test_favicon_and_web_manifest(client, seeded_site):
    head = head_of(client.get("/"))
    assert head.links["icon"], "no favicon link"
    for href in head.links["icon"] + head.links["apple-touch-icon"]:
        assert client.get(href).status_code == 200, href
    (manifest_url,) = head.links["manifest"]
    response = client.get(manifest_url)
    assert response.status_code == 200
    manifest = json.loads(b"".join(response.streaming_content))
    assert manifest["lang"] == "ca"
    assert manifest["start_url"] == "/"
    manifest_base = manifest_url.rsplit("/", 1)[0]
    sizes = {icon["sizes"] for icon in manifest["icons"]}
    assert {"192x192", "512x512"} <= sizes
    for icon in manifest["icons"]:
        assert client.get(f"{manifest_base}/{icon['src']}").status_code == 200, icon["src"]

    redirect = client.get("/favicon.ico")
    assert redirect.status_code == 301
    assert client.get(redirect["Location"]).status_code == 200


def test_error_pages_have_a_description_but_no_canonical(client, seeded_site):
    head = head_of(client.get("/no-existeix/"))
    assert head.meta["description"][0].strip()
    assert "canonical" not in head.links
    assert head.structured_data == []


@pytest.fixture
def production_site(settings, seeded_site):
    """SITE_BASE_URL set as in production, while the Site record still holds the host that
    seeding gave it."""
    settings.SITE_BASE_URL = PRODUCTION_BASE_URL
    seeded_site.hostname = "localhost"
    seeded_site.port = 80
    seeded_site.save()
    cache.clear()
    return seeded_site


def sitemap_entries(client):
    """{location: lastmod or None} of every <url> in the sitemap."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    tree = ElementTree.fromstring(response.content)  # noqa: S314 (the site's own sitemap)
    return {
        url.findtext("sm:loc", namespaces=SITEMAP_NS): url.findtext(
            "sm:lastmod", namespaces=SITEMAP_NS
        )
        for url in tree.findall("sm:url", SITEMAP_NS)
    }


def test_canonical_links_and_json_ld_name_the_production_base_url(client, production_site):
    home = head_of(client.get("/"))
    assert home.links["canonical"] == [f"{PRODUCTION_BASE_URL}/"]
    assert home.meta["og:url"] == [f"{PRODUCTION_BASE_URL}/"]
    assert home.meta["og:image"][0].startswith(f"{PRODUCTION_BASE_URL}/static/")
    (organisation,) = of_type(home, "GovernmentOrganization")
    assert organisation["url"] == f"{PRODUCTION_BASE_URL}/"
    assert organisation["@id"] == f"{PRODUCTION_BASE_URL}/#organisation"
    assert organisation["logo"].startswith(f"{PRODUCTION_BASE_URL}/static/")

    statutes = head_of(client.get("/qui-som/estatuts/"))
    assert statutes.links["canonical"] == [f"{PRODUCTION_BASE_URL}/qui-som/estatuts/"]
    (breadcrumbs,) = of_type(statutes, "BreadcrumbList")
    assert [item["item"] for item in breadcrumbs["itemListElement"]] == [
        f"{PRODUCTION_BASE_URL}/",
        f"{PRODUCTION_BASE_URL}/qui-som/",
        f"{PRODUCTION_BASE_URL}/qui-som/estatuts/",
    ]

    member = Member.objects.current().first()
    member_url = f"{PRODUCTION_BASE_URL}/qui-som/municipis-adherits/{member.slug}/"
    member_head = head_of(client.get(f"/qui-som/municipis-adherits/{member.slug}/"))
    assert member_head.links["canonical"] == [member_url]
    (breadcrumbs,) = of_type(member_head, "BreadcrumbList")
    assert breadcrumbs["itemListElement"][-1]["item"] == member_url
    assert "localhost" not in client.get("/").content.decode()


def test_sitemap_and_robots_txt_name_the_production_base_url(client, production_site):
    locations = sitemap_locations(client)
    assert len(locations) > 10
    assert all(url.startswith(f"{PRODUCTION_BASE_URL}/") for url in locations), locations
    assert f"{PRODUCTION_BASE_URL}/qui-som/municipis-adherits/" in locations

    lines = client.get("/robots.txt").content.decode().splitlines()
    assert f"Sitemap: {PRODUCTION_BASE_URL}/sitemap.xml" in lines


def test_open_data_links_name_the_production_base_url(client, production_site):
    response = client.get("/qui-som/municipis-adherits/", {"format": "json"})
    assert response.status_code == 200
    members = json.loads(response.content)["results"]
    assert members
    assert all(
        row["url"].startswith(f"{PRODUCTION_BASE_URL}/qui-som/municipis-adherits/")
        for row in members
    )

    section = TransparencySectionPage.objects.live().first()
    response = client.get(f"{section.url}?format=json")
    assert response.status_code == 200
    assert json.loads(response.content)["url"] == f"{PRODUCTION_BASE_URL}{section.url}"


def test_member_pages_in_the_sitemap_carry_the_date_their_entity_last_changed(
    client, production_site
):
    changed = MemberFactory(name="Ens canviat")
    Member.objects.filter(pk=changed.pk).update(
        updated_at=datetime.datetime(2026, 3, 14, 10, 0, tzinfo=datetime.UTC)
    )
    never_dated = MemberFactory(name="Ens sense data")
    Member.objects.filter(pk=never_dated.pk).update(updated_at=None)
    members_url = f"{PRODUCTION_BASE_URL}/qui-som/municipis-adherits/"

    entries = sitemap_entries(client)

    assert entries[f"{members_url}{changed.slug}/"] == "2026-03-14"
    assert entries[f"{members_url}{never_dated.slug}/"] is None
    dated_members = [member for member in Member.objects.current() if member.pk != never_dated.pk]
    assert dated_members
    for member in dated_members:
        assert entries[f"{members_url}{member.slug}/"], member.slug


LONG_AGO = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)


def member_lastmod(client, member):
    return sitemap_entries(client)[
        f"{PRODUCTION_BASE_URL}/qui-som/municipis-adherits/{member.slug}/"
    ]


@pytest.mark.django_db(transaction=True)
def test_an_imported_change_moves_the_lastmod_outside_a_test_transaction(client, settings):
    run_seed_site()
    settings.SITE_BASE_URL = PRODUCTION_BASE_URL
    member = MemberFactory(name="Ens abans")
    Member.objects.filter(pk=member.pk).update(updated_at=LONG_AGO)
    assert member_lastmod(client, member) == "2020-01-01"

    data = (
        f"codi,nom,tipus,comarca,data_adhesio\n{member.code},Ens després,municipi,13,2000-01-01\n"
    )
    assert import_members(data.encode(), "ens.csv").applied
    cache.clear()

    assert member_lastmod(client, member) == timezone.localdate().isoformat()


def test_editing_or_marking_an_entity_moves_its_lastmod(admin_client, production_site):
    edited = MemberFactory(name="Ens editat")
    marked = MemberFactory(name="Ens marcat", member_since=None)
    Member.objects.filter(pk__in=[edited.pk, marked.pk]).update(updated_at=LONG_AGO)
    edited.refresh_from_db()
    edited.website = "https://ens.example.cat"
    edited.save()
    response = admin_client.post(
        reverse("wagtail_bulk_action", args=["members", "member", "mark_as_members"])
        + f"?id={marked.pk}",
        {"member_since": "2026-01-01"},
    )
    assert response.status_code == 302
    marked.refresh_from_db()
    assert marked.member_since == datetime.date(2026, 1, 1)
    cache.clear()

    today = timezone.localdate().isoformat()
    assert member_lastmod(admin_client, edited) == today
    assert member_lastmod(admin_client, marked) == today
