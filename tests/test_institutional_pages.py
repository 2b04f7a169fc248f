"""Estatuts, Història i antecedents and Presentació del president: structured content that
visitors read and editors keep in the admin."""

import datetime
import re

import pytest
import wagtail_factories
from django.contrib.staticfiles import finders
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.translation import gettext
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from governance.models import GoverningBody, PresidentMessagePage, Role
from members.models import Member
from pages.blocks import MilestoneBlock, StatutesBlock, StatutesProvisionsBlock
from pages.models import AboutPage, HistoryPage, StatutesPage
from pages.readiness import pages_with_placeholders
from tests.factories import PersonFactory, PortraitFactory, PositionFactory

STATUTES_URL = "/qui-som/estatuts/"
HISTORY_URL = "/qui-som/historia/"
MAX_QUERIES_PER_PAGE = 15
# A section of "Qui som" with nothing of its own to query (the seeded statutes are empty): what
# any section costs for routing, menu and footer.
PLAIN_SECTION_URL = STATUTES_URL


def seeded(slug):
    return Page.objects.get(slug=slug).specific


def publish(page, **fields):
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return page


def queries_for(client, path):
    """Queries of a visit once caches are warm and renditions exist."""
    client.get(path)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return len(captured)


def ids_in(html):
    return re.findall(r'\bid="([^"]+)"', html)


def toc_of(html):
    return re.search(r'<nav class="statutes-toc".*?</nav>', html, re.S).group(0)


# Statutes -------------------------------------------------------------------------------------


def article(number, heading="", text="Text de l’article."):
    return ("article", {"number": number, "heading": heading, "body": f"<p>{text}</p>"})


def division(kind, number, heading):
    return (kind, {"number": number, "heading": heading})


def statutes_with(titles, chapters_per_title, articles_per_chapter):
    """Titles I, II… each with chapters I, II… each with its run of consecutive articles."""
    numerals = ["I", "II", "III", "IV", "V"]
    stream, number = [], 0
    for title in numerals[:titles]:
        stream.append(division("title", title, f"Títol de prova {title}"))
        for chapter in numerals[:chapters_per_title]:
            stream.append(division("chapter", chapter, f"Capítol de prova {title}.{chapter}"))
            for _ in range(articles_per_chapter):
                number += 1
                stream.append(article(number, f"Encapçalament {number}"))
    return stream


def test_seeded_statutes_say_they_are_being_prepared_with_no_empty_structure(client, seeded_site):
    html = client.get(STATUTES_URL).content.decode()

    assert "Estem preparant aquest contingut." in html
    assert "afegir petit text" not in html
    assert "statutes-toc" not in html
    assert '<div class="statutes">' not in html


def test_table_of_contents_links_every_title_chapter_and_article_to_its_anchor(client, seeded_site):
    publish(seeded("estatuts"), statutes=statutes_with(2, 2, 25))

    html = client.get(STATUTES_URL).content.decode()
    toc_links = re.findall(r'href="#([^"]+)"', toc_of(html))
    ids = ids_in(html)

    assert toc_links[:3] == ["titol-i", "titol-i-capitol-i", "article-1"]
    assert [link for link in toc_links if link.startswith("article-")] == [
        f"article-{number}" for number in range(1, 101)
    ]
    assert "titol-ii-capitol-ii" in toc_links
    assert all(link in ids for link in toc_links)
    assert len(ids) == len(set(ids))
    assert 'id="article-12"' in html
    assert re.search(
        r'<h4 class="statutes-article__heading">Article 12\. Encapçalament 12</h4>', html
    )


def test_the_table_of_contents_nests_articles_under_their_chapter_and_title(client, seeded_site):
    publish(seeded("estatuts"), statutes=statutes_with(1, 2, 2))

    toc = toc_of(client.get(STATUTES_URL).content.decode())
    flat = re.sub(r"\s+", "", re.sub(r'<a href="#([^"]+)">[^<]*</a>', r"\1", toc))

    assert (
        "<li>titol-i<ol><li>titol-i-capitol-i<ol><li>article-1</li><li>article-2</li></ol></li>"
        "<li>titol-i-capitol-ii<ol><li>article-3</li><li>article-4</li></ol></li></ol></li>"
    ) in flat


def test_heading_levels_follow_the_structure(client, seeded_site):
    publish(
        seeded("estatuts"),
        statutes=[article(1), division("chapter", "I", "Òrgans"), article(2)],
    )

    html = client.get(STATUTES_URL).content.decode()

    assert re.search(r'<h2 class="statutes-article__heading">Article 1</h2>', html)
    assert re.search(r'<h2 class="statutes__division" id="capitol-i">', html)
    assert re.search(r'<h3 class="statutes-article__heading">Article 2</h3>', html)


def test_preamble_and_provisions_have_their_own_anchors(client, seeded_site):
    publish(
        seeded("estatuts"),
        preamble="<p>L’article 87 de la Llei 7/1985 permet constituir consorcis.</p>",
        statutes=[article(1)],
        final_provisions=[
            ("provision", {"heading": "Disposició addicional", "body": "<p>Text.</p>"}),
            ("provision", {"heading": "Disposició final", "body": "<p>Text.</p>"}),
        ],
    )

    html = client.get(STATUTES_URL).content.decode()
    toc_links = re.findall(r'href="#([^"]+)"', toc_of(html))

    assert toc_links == ["preambul", "article-1", "disposicio-addicional", "disposicio-final"]
    assert all(link in ids_in(html) for link in toc_links)
    assert "L’article 87 de la Llei 7/1985" in html


def test_official_data_and_amendments_are_shown(client, seeded_site):
    document = wagtail_factories.DocumentFactory(title="Estatuts vigents")
    first_amendment = wagtail_factories.DocumentFactory(title="Modificació de 2005")
    publish(
        seeded("estatuts"),
        official_document=document,
        approval_date=datetime.date(1997, 6, 12),
        publication_reference="DOGC núm. 2445, de 18 de juliol de 1997",
        publication_url="https://dogc.gencat.cat/ca/document-del-dogc/?documentId=1",
        amendments=[
            ("amendment", {"date": datetime.date(2012, 3, 1), "description": "Segona modificació"}),
            (
                "amendment",
                {
                    "date": datetime.date(2005, 5, 20),
                    "description": "Primera modificació",
                    "document": first_amendment,
                },
            ),
        ],
    )

    html = client.get(STATUTES_URL).content.decode()

    assert f'<a href="{document.url}">' in html
    assert "12 de juny de 1997" in html
    assert (
        '<a href="https://dogc.gencat.cat/ca/document-del-dogc/?documentId=1">'
        "DOGC núm. 2445, de 18 de juliol de 1997</a>"
    ) in html
    assert html.index("Primera modificació") < html.index("Segona modificació")
    assert f'<a href="{first_amendment.url}">Primera modificació</a>' in html


def test_statutes_link_a_print_stylesheet_that_only_they_use(client, seeded_site):
    statutes = client.get(STATUTES_URL).content.decode()
    history = client.get(HISTORY_URL).content.decode()

    assert re.search(
        r'<link rel="stylesheet" href="[^"]*print-statutes\.css" media="print">', statutes
    )
    assert "print-statutes.css" not in history
    stylesheet = finders.find("css/print-statutes.css")
    assert stylesheet
    with open(stylesheet, encoding="utf-8") as css:
        assert ".statutes-toc" in css.read()


def test_statutes_with_a_hundred_articles_cost_one_query_more_than_empty_ones(client, seeded_site):
    # Both measured just after a publish, so that neither visit finds the other's page cached.
    publish(seeded("estatuts"))
    empty = queries_for(client, PLAIN_SECTION_URL)
    publish(
        seeded("estatuts"),
        statutes=statutes_with(4, 5, 5),
        official_document=wagtail_factories.DocumentFactory(),
        amendments=[
            ("amendment", {"date": datetime.date(2000 + n, 1, 1), "description": f"Canvi {n}"})
            for n in range(10)
        ],
    )

    with_hundred = queries_for(client, STATUTES_URL)

    assert client.get(STATUTES_URL).content.decode().count('class="statutes-article"') == 100
    assert with_hundred == empty + 1  # the official PDF
    assert with_hundred <= MAX_QUERIES_PER_PAGE


def validation_messages(block, stream):
    """The messages `block` gives for each child of `stream` it refuses, by position."""
    with pytest.raises(ValidationError) as error:
        block.clean(block.normalize(stream))
    return {
        index: " ".join(
            message for field in child_error.block_errors.values() for message in field.messages
        )
        for index, child_error in error.value.block_errors.items()
    }


def test_article_numbers_must_be_unique_and_ascending():
    block = StatutesBlock()

    errors = validation_messages(block, [article(1), article(3), article(2), article(3)])

    assert sorted(errors) == [2, 3]
    assert "article 2" in errors[2] and "article 3" in errors[2]
    assert errors[3] == gettext(
        "There is already an article with this number: each article needs its own."
    )


def test_chapter_numbers_may_repeat_in_another_title_but_not_in_the_same_one():
    block = StatutesBlock()
    valid = [
        division("title", "I", "Primer"),
        division("chapter", "I", "A"),
        division("title", "II", "Segon"),
        division("chapter", "I", "B"),
    ]

    block.clean(block.normalize(valid))
    errors = validation_messages(block, [*valid, division("chapter", "I", "C")])
    assert errors == {4: gettext("Another chapter of the same title already has this number.")}


def test_provision_headings_must_differ():
    block = StatutesProvisionsBlock()
    provision = ("provision", {"heading": "Disposició final", "body": "<p>Text.</p>"})

    errors = validation_messages(block, [provision, provision])

    assert errors == {1: gettext("Another provision already has this heading.")}


# History --------------------------------------------------------------------------------------


def milestone(title, *, date=None, year=None, image=None):
    return {"title": title, "date": date, "year": year, "text": "", "image": image}


def period(heading, *milestones):
    return ("period", {"heading": heading, "introduction": "", "milestones": list(milestones)})


def test_seeded_history_starts_with_its_first_period(client, seeded_site):
    html = client.get(HISTORY_URL).content.decode()

    assert re.search(
        r'<section class="history-period">\s*<h2 class="history-period__heading">'
        r"Els precedents: la revolució tecnològica i el procés de liberalització</h2>",
        html,
    )
    assert seeded("historia").body == ""


def test_milestones_are_shown_oldest_first_whatever_order_they_were_entered(client, seeded_site):
    publish(
        seeded("historia"),
        timeline=[
            period(
                "Els precedents",
                milestone("Llei general de telecomunicacions", date=datetime.date(1998, 4, 24)),
                milestone("Naixement de Localret", year=1997),
                milestone("Liberalització total del mercat", date=datetime.date(1998, 12, 1)),
                milestone("Un any sencer", year=1998),
            ),
            period("Els primers anys", milestone("Primera assemblea", year=1999)),
        ],
    )

    html = client.get(HISTORY_URL).content.decode()
    first_period = html[: html.index("Els primers anys")]
    titles = re.findall(r'<span class="milestone__name">([^<]+)</span>', first_period)

    assert titles == [
        "Naixement de Localret",
        "Un any sencer",
        "Llei general de telecomunicacions",
        "Liberalització total del mercat",
    ]
    assert re.search(r'<ol class="timeline">\s*<li class="timeline__item">', first_period)
    assert '<time class="milestone__date" datetime="1997">1997</time>' in html
    assert (
        '<time class="milestone__date" datetime="1998-04-24">24 d’abril de 1998</time>' in html
        or '<time class="milestone__date" datetime="1998-04-24">24 d\'abril de 1998</time>' in html
    )
    assert html.index("Els precedents") < html.index("Els primers anys")


def test_a_milestone_needs_a_date_or_a_year_and_they_must_agree():
    block = MilestoneBlock()

    with pytest.raises(ValidationError) as missing:
        block.clean(block.normalize(milestone("Sense data")))
    with pytest.raises(ValidationError) as disagreeing:
        block.clean(block.normalize(milestone("X", date=datetime.date(1998, 1, 1), year=1997)))
    block.clean(block.normalize(milestone("Amb any", year=1997)))

    assert missing.value.block_errors["date"].messages == [
        gettext("Give the date or at least the year.")
    ]
    assert "year" in disagreeing.value.block_errors


def image_value(image, alt_text="", decorative=False):
    return {"image": image, "alt_text": alt_text, "decorative": decorative}


def test_milestone_images_carry_their_alternative_text(client, seeded_site):
    described, decorative = PortraitFactory(), PortraitFactory()
    publish(
        seeded("historia"),
        timeline=[
            period(
                "Els precedents",
                milestone("Signatura", year=1997, image=image_value(described, "La signatura")),
                milestone("Ornament", year=1998, image=image_value(decorative, decorative=True)),
            )
        ],
    )

    html = client.get(HISTORY_URL).content.decode()

    assert re.search(r'<img [^>]*alt="La signatura"', html)
    assert re.search(r'<img [^>]*alt=""', html)


def test_history_images_cost_two_queries_however_many(client, seeded_site):
    history = seeded("historia")

    def publish_with_images(count):
        milestones = [
            milestone(f"Fita {n}", year=1997 + n, image=image_value(PortraitFactory(), f"Foto {n}"))
            for n in range(count)
        ]
        publish(history, timeline=[period("Els precedents", *milestones)])
        return queries_for(client, HISTORY_URL)

    # the images of the timeline, and their renditions
    assert publish_with_images(1) == queries_for(client, PLAIN_SECTION_URL) + 2
    assert publish_with_images(12) == publish_with_images(1) <= MAX_QUERIES_PER_PAGE


# Creating the pages through the admin ---------------------------------------------------------


def qui_som_without(page_type):
    """The seeded "Qui som", once its `page_type` section is gone: each section exists once.

    The home page and its Site stay, so Wagtail's cached site paths stay true for other tests.
    """
    page_type.objects.all().delete()
    return AboutPage.objects.get()


class TestInstitutionalPagesThroughTheAdmin(WagtailPageTestCase):
    def setUp(self):
        self.login()

    def test_editor_creates_the_statutes_article_by_article(self):
        data = nested_form_data(
            {
                "title": "Estatuts",
                "slug": "estatuts",
                "introduction": rich_text("<p>Els Estatuts vigents.</p>"),
                "approval_date": "1997-06-12",
                "publication_reference": "DOGC núm. 2445",
                "publication_url": "https://dogc.gencat.cat/",
                "preamble": rich_text("<p>Preàmbul.</p>"),
                "statutes": streamfield(
                    [
                        ("title", {"number": "I", "heading": "Disposicions generals"}),
                        ("chapter", {"number": "I", "heading": "Naturalesa"}),
                        (
                            "article",
                            {
                                "number": "1",
                                "heading": "Denominació",
                                "body": rich_text("<p>A</p>"),
                            },
                        ),
                        ("article", {"number": "2", "heading": "", "body": rich_text("<p>B</p>")}),
                    ]
                ),
                "final_provisions": streamfield(
                    [("provision", {"heading": "Disposició final", "body": rich_text("<p>C</p>")})]
                ),
                "amendments": streamfield(
                    [("amendment", {"date": "2005-05-20", "description": "Canvi", "document": ""})]
                ),
                "body": rich_text(""),
            }
        )

        self.assertCanCreate(qui_som_without(StatutesPage), StatutesPage, data)

        page = StatutesPage.objects.get(slug="estatuts")
        assert [child.block_type for child in page.statutes] == [
            "title",
            "chapter",
            "article",
            "article",
        ]
        assert page.approval_date == datetime.date(1997, 6, 12)
        assert page.amendments[0].value["description"] == "Canvi"

    def test_articles_out_of_order_are_refused_with_a_message(self):
        data = nested_form_data(
            {
                "title": "Estatuts",
                "slug": "estatuts",
                "statutes": streamfield(
                    [
                        ("article", {"number": "2", "heading": "", "body": rich_text("<p>B</p>")}),
                        ("article", {"number": "1", "heading": "", "body": rich_text("<p>A</p>")}),
                    ]
                ),
                "final_provisions": streamfield([]),
                "amendments": streamfield([]),
            }
        )

        about = qui_som_without(StatutesPage)
        response = self.client.post(f"/admin/pages/add/pages/statutespage/{about.pk}/", data)

        assert response.status_code == 200
        assert not StatutesPage.objects.exists()
        errors = response.context["form"].errors["statutes"].as_data()[0]
        assert "article 1" in " ".join(errors.block_errors[1].block_errors["number"].messages)

    def test_editor_creates_the_history_with_periods_and_milestones(self):
        data = nested_form_data(
            {
                "title": "Història i antecedents",
                "slug": "historia",
                "introduction": rich_text("<p>Com va néixer Localret.</p>"),
                "timeline": streamfield(
                    [
                        (
                            "period",
                            {
                                "heading": "Els precedents",
                                "introduction": rich_text(""),
                                "milestones": streamfield(
                                    [
                                        (
                                            "item",
                                            {"title": "Llei", "date": "1998-04-24", "year": ""},
                                        ),
                                        (
                                            "item",
                                            {"title": "Naixement", "date": "", "year": "1997"},
                                        ),
                                    ]
                                ),
                            },
                        )
                    ]
                ),
                "body": rich_text(""),
            }
        )

        self.assertCanCreate(qui_som_without(HistoryPage), HistoryPage, data)

        period_value = HistoryPage.objects.get(slug="historia").timeline[0].value
        assert period_value["heading"] == "Els precedents"
        assert [m["title"] for m in period_value.milestones_in_order] == ["Naixement", "Llei"]


# President's message ------------------------------------------------------------------------

PRESIDENT_URL = "/qui-som/presentacio-del-president/"


def president_of(body, name, start, end=None, **fields):
    return PositionFactory(
        person=PersonFactory(name=name, with_photo=True),
        body=body,
        role=Role.PRESIDENT,
        start_date=start,
        end_date=end,
        **fields,
    )


@pytest.fixture
def presidency(seeded_site):
    return GoverningBody.objects.get(is_presidency=True)


def test_seeded_president_page_holds_the_placeholder_message_and_no_portrait(client, seeded_site):
    html = client.get(PRESIDENT_URL).content.decode()
    page = seeded("presentacio-del-president")

    assert "afegir petit text" in page.message
    assert "afegir petit text" not in html
    assert "Estem preparant aquest contingut." in html
    assert "president-message__author" not in html
    assert page in pages_with_placeholders()


def test_president_page_shows_the_current_presidents_name_portrait_and_office(client, presidency):
    barcelona = Member.objects.get(code="080193")
    president = president_of(
        presidency, "Laia Ferrer", datetime.date(2023, 7, 15), member=barcelona
    )

    html = client.get(PRESIDENT_URL).content.decode()

    assert '<p class="president-message__name">Laia Ferrer</p>' in html
    assert re.search(
        r'<img [^>]*alt="Retrat de Laia Ferrer"[^>]*class="president-message__portrait"', html
    )
    assert president.role_label in html
    assert '<a href="/qui-som/municipis-adherits/barcelona/">Barcelona</a>' in html


def test_president_page_follows_a_change_of_president_without_being_edited(client, presidency):
    outgoing = president_of(presidency, "Anna Vila", datetime.date(2019, 7, 1))
    page_revision = seeded("presentacio-del-president").latest_revision_id
    assert "Anna Vila" in client.get(PRESIDENT_URL).content.decode()

    outgoing.end_date = datetime.date(2023, 7, 15)
    outgoing.save()
    president_of(presidency, "Laia Ferrer", datetime.date(2023, 7, 15))

    html = client.get(PRESIDENT_URL).content.decode()
    assert "Laia Ferrer" in html
    assert "Anna Vila" not in html
    assert seeded("presentacio-del-president").latest_revision_id == page_revision


def test_only_the_presidency_bodys_president_is_the_consortiums(client, presidency):
    assembly = GoverningBody.objects.get(name="Assemblea General")
    president_of(assembly, "Presidenta de l’Assemblea", datetime.date(2023, 7, 15))

    assert "president-message__author" not in client.get(PRESIDENT_URL).content.decode()


def test_president_page_shows_the_date_and_signature(client, presidency):
    president_of(presidency, "Laia Ferrer", datetime.date(2023, 7, 15))
    publish(
        seeded("presentacio-del-president"),
        message="<p>Benvinguts al web de Localret.</p>",
        message_date=datetime.date(2024, 3, 8),
        signature=PortraitFactory(description="Signatura"),
    )

    html = client.get(PRESIDENT_URL).content.decode()

    assert "Benvinguts al web de Localret." in html
    assert '<time datetime="2024-03-08">8 de març de 2024</time>' in html
    signature = re.search(r'<footer class="president-message__signature">.*?</footer>', html, re.S)
    assert re.search(r'<img [^>]*alt=""', signature.group(0))
    assert "Laia Ferrer" in signature.group(0)


def test_president_page_costs_three_queries_more_than_a_plain_section(client, presidency):
    president_of(presidency, "Laia Ferrer", datetime.date(2023, 7, 15))
    publish(seeded("presentacio-del-president"), signature=PortraitFactory())

    # the president's position with person, portrait and entity; the signature image; the
    # renditions of both images
    with_president = queries_for(client, PRESIDENT_URL)
    assert with_president == queries_for(client, PLAIN_SECTION_URL) + 3
    assert with_president <= MAX_QUERIES_PER_PAGE


class TestPresidentMessageThroughTheAdmin(WagtailPageTestCase):
    def setUp(self):
        self.login()

    def test_editor_writes_the_presidents_message(self):
        data = nested_form_data(
            {
                "title": "Presentació del president",
                "slug": "presentacio-del-president",
                "introduction": rich_text(""),
                "message": rich_text("<p>Benvinguts.</p>"),
                "message_date": "2024-03-08",
                "body": rich_text(""),
            }
        )

        self.assertCanCreate(qui_som_without(PresidentMessagePage), PresidentMessagePage, data)

        page = PresidentMessagePage.objects.get()
        assert "Benvinguts." in page.message
        assert page.message_date == datetime.date(2024, 3, 8)
