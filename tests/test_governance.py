"""Òrgans de govern: who sits in which body, since when, for whom; and how editors keep it."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from governance.models import FormOfAddress, GoverningBody, Person, Position, Role
from governance.seed import seed_governing_bodies
from members.models import Member
from tests.conftest import run_seed_site
from tests.factories import GoverningBodyFactory, PersonFactory, PositionFactory

URL = "/qui-som/organs-de-govern/"
SEEDED_BODIES = [
    "Assemblea General",
    "Presidència",
    "Consell d’Administració",
    "Comissió Delegada",
    "Comissió Especial de Comptes",
]
MAX_QUERIES_PER_PAGE = 15
# A section of "Qui som" with nothing of its own to query (the seeded statutes are empty): what
# any section costs for routing, menu and footer.
PLAIN_SECTION_URL = "/qui-som/estatuts/"
TODAY = timezone.localdate()
LONG_AGO = datetime.date(2010, 1, 1)


def date(text):
    return datetime.date.fromisoformat(text)


def body_named(name):
    return GoverningBody.objects.get(name=name)


def section_of(html, body_name):
    """The HTML of one body's section on the public page."""
    heading = re.search(rf"<h2 [^>]*>{re.escape(body_name)}</h2>", html)
    assert heading, f"no section for {body_name}"
    end = html.find("</section>", heading.end())
    return html[heading.start() : end]


def names_in(section_html):
    return re.findall(r'<h3 class="person-card__name">([^<]+)</h3>', section_html)


def make_member(name="Barcelona", code="080193", **fields):
    """A member entity; the seeded Barcelona and Girona are reused, with these fields."""
    fields.setdefault("member_since", date("1997-06-01"))
    member, _ = Member.objects.update_or_create(
        code=code, defaults={"name": name, "comarca_id": "13", **fields}
    )
    return member


@pytest.fixture
def bodies(db):
    """The five seeded bodies, without the rest of the site."""
    seed_governing_bodies()


@pytest.fixture
def presidency(bodies):
    return body_named("Presidència")


@pytest.fixture
def assembly(bodies):
    return body_named("Assemblea General")


# Validation -----------------------------------------------------------------------------------


def test_an_end_date_before_the_start_date_is_refused(db):
    position = PositionFactory.build(
        person=PersonFactory(),
        body=GoverningBodyFactory(),
        start_date=date("2020-05-01"),
        end_date=date("2019-05-01"),
    )

    with pytest.raises(ValidationError) as error:
        position.full_clean()

    assert error.value.message_dict["end_date"] == [
        gettext("The end date must be later than the start date.")
    ]


def test_two_presidents_of_the_same_body_at_the_same_time_are_refused(presidency):
    PositionFactory(
        person=PersonFactory(name="Anna Vila"),
        body=presidency,
        role=Role.PRESIDENT,
        start_date=date("2019-07-01"),
        end_date=date("2023-07-15"),
    )
    rival = PositionFactory.build(
        person=PersonFactory(name="Marc Soler"),
        body=presidency,
        role=Role.PRESIDENT,
        start_date=date("2023-01-01"),
    )

    with pytest.raises(ValidationError) as error:
        rival.full_clean()

    message = " ".join(error.value.messages)
    assert "Anna Vila" in message
    assert "1 de juliol de 2019" in message
    assert "15 de juliol de 2023" in message


def test_a_president_in_office_blocks_a_second_one_until_the_term_ends(presidency):
    PositionFactory(body=presidency, role=Role.PRESIDENT, start_date=date("2019-07-01"))
    successor = PositionFactory.build(
        person=PersonFactory(), body=presidency, role=Role.PRESIDENT, start_date=TODAY
    )

    with pytest.raises(ValidationError):
        successor.full_clean()


def test_a_successor_may_take_office_the_day_the_predecessor_leaves(presidency):
    PositionFactory(
        body=presidency,
        role=Role.PRESIDENT,
        start_date=date("2019-07-01"),
        end_date=date("2023-07-15"),
    )
    successor = PositionFactory.build(
        person=PersonFactory(),
        body=presidency,
        role=Role.PRESIDENT,
        start_date=date("2023-07-15"),
    )

    successor.full_clean()


def test_the_same_seat_in_another_body_is_not_a_clash(presidency, assembly):
    PositionFactory(body=presidency, role=Role.PRESIDENT, start_date=date("2019-07-01"))
    other = PositionFactory.build(
        person=PersonFactory(), body=assembly, role=Role.PRESIDENT, start_date=date("2019-07-01")
    )

    other.full_clean()


def test_each_vice_presidency_holds_one_person(presidency):
    PositionFactory(body=presidency, role=Role.VICE_PRESIDENT, ordinal=1)
    second = PositionFactory.build(
        person=PersonFactory(),
        body=presidency,
        role=Role.VICE_PRESIDENT,
        ordinal=2,
        start_date=date("2023-07-15"),
    )
    another_first = PositionFactory.build(
        person=PersonFactory(),
        body=presidency,
        role=Role.VICE_PRESIDENT,
        ordinal=1,
        start_date=date("2024-01-01"),
    )

    second.full_clean()
    with pytest.raises(ValidationError):
        another_first.full_clean()


def test_a_body_has_many_members_at_once_but_each_only_once(assembly):
    person = PersonFactory()
    PositionFactory(person=person, body=assembly, start_date=date("2023-07-15"))
    someone_else = PositionFactory.build(
        person=PersonFactory(), body=assembly, start_date=date("2023-07-15")
    )
    same_person_again = PositionFactory.build(
        person=person, body=assembly, start_date=date("2024-01-01")
    )

    someone_else.full_clean()
    with pytest.raises(ValidationError) as error:
        same_person_again.full_clean()
    assert error.value.messages == [
        gettext("This person is already a member of this body for part of this period.")
    ]


def test_only_vice_presidents_have_an_ordinal(assembly):
    position = PositionFactory.build(
        person=PersonFactory(), body=assembly, role=Role.SECRETARY, ordinal=2
    )

    with pytest.raises(ValidationError) as error:
        position.full_clean()

    assert "ordinal" in error.value.message_dict


def test_only_one_body_is_the_consortiums_presidency(presidency, assembly):
    assembly.is_presidency = True

    with pytest.raises(ValidationError):
        assembly.full_clean()


# The public page ------------------------------------------------------------------------------


def test_seeded_page_lists_the_five_bodies_in_order_each_with_an_empty_state(client, seeded_site):
    html = client.get(URL).content.decode()

    headings = re.findall(r'<h2 id="[^"]+-heading">([^<]+)</h2>', html)
    assert headings == SEEDED_BODIES
    empty_state = gettext("No members have been added to this body yet.")
    for name in SEEDED_BODIES:
        section = section_of(html, name)
        assert "afegir petit text" not in section
        assert empty_state in section
    assert Person.objects.count() == 0


def test_page_shows_current_members_with_photo_role_and_represented_entity(
    client, seeded_site, assembly
):
    member = make_member()
    current = PositionFactory(
        person=PersonFactory(name="Laia Ferrer", with_photo=True),
        body=assembly,
        role=Role.VICE_PRESIDENT,
        ordinal=1,
        member=member,
        start_date=date("2023-07-15"),
    )
    PositionFactory(
        person=PersonFactory(name="Pere Antic"),
        body=assembly,
        start_date=date("2015-07-01"),
        end_date=date("2019-07-01"),
    )
    PositionFactory(
        person=PersonFactory(name="Nora Futura"),
        body=assembly,
        start_date=TODAY.replace(year=TODAY.year + 1),
    )

    section = section_of(client.get(URL).content.decode(), "Assemblea General")

    assert names_in(section) == ["Laia Ferrer"]
    assert current.role_label in section
    assert re.search(r'<img [^>]*alt="Retrat de Laia Ferrer"', section)
    assert '<a href="/qui-som/municipis-adherits/barcelona/">Barcelona</a>' in section
    assert gettext("No members have been added to this body yet.") not in section


def test_an_entity_that_is_no_longer_a_member_is_named_without_a_link(
    client, seeded_site, assembly
):
    former = make_member(name="Girona", code="170792", left_on=date("2020-01-01"))
    PositionFactory(person=PersonFactory(name="Jordi Mas"), body=assembly, member=former)

    section = section_of(client.get(URL).content.decode(), "Assemblea General")

    assert "Girona" in section
    assert "/municipis-adherits/girona/" not in section


def test_members_are_listed_president_first_then_by_seat(client, seeded_site, assembly):
    for name, role, ordinal in [
        ("Zoe Vocal", Role.MEMBER, None),
        ("Berta Segona", Role.VICE_PRESIDENT, 2),
        ("Carles Secretari", Role.SECRETARY, None),
        ("Xavier President", Role.PRESIDENT, None),
        ("Alba Primera", Role.VICE_PRESIDENT, 1),
        ("Albert Vocal", Role.MEMBER, None),
    ]:
        PositionFactory(person=PersonFactory(name=name), body=assembly, role=role, ordinal=ordinal)

    section = section_of(client.get(URL).content.decode(), "Assemblea General")

    assert names_in(section) == [
        "Xavier President",
        "Alba Primera",
        "Berta Segona",
        "Carles Secretari",
        "Albert Vocal",
        "Zoe Vocal",
    ]


def roles_in(section_html):
    return re.findall(r'<p class="person-card__role">([^<,]+)', section_html)


def test_role_labels_follow_each_persons_form_of_address(client, seeded_site, assembly):
    for name, form, role, ordinal in [
        ("Anna Presidenta", FormOfAddress.FEMININE, Role.PRESIDENT, None),
        ("Berta Vice", FormOfAddress.FEMININE, Role.VICE_PRESIDENT, 1),
        ("Carles Vice", FormOfAddress.MASCULINE, Role.VICE_PRESIDENT, 2),
        ("Dani Vice", FormOfAddress.NEUTRAL, Role.VICE_PRESIDENT, 3),
        ("Elena Secretària", FormOfAddress.FEMININE, Role.SECRETARY, None),
        ("Ferran Interventor", FormOfAddress.MASCULINE, Role.AUDITOR, None),
        ("Gemma Vocal", FormOfAddress.FEMININE, Role.MEMBER, None),
    ]:
        PositionFactory(
            person=PersonFactory(name=name, form_of_address=form),
            body=assembly,
            role=role,
            ordinal=ordinal,
        )

    section = section_of(client.get(URL).content.decode(), "Assemblea General")

    assert roles_in(section) == [
        "Presidenta",
        "Vicepresidenta primera",
        "Vicepresident segon",
        "Vicepresident/a tercer/a",
        "Secretària",
        "Interventor",
        "Vocal",
    ]


def test_a_person_without_a_chosen_form_reads_both_forms(client, seeded_site, presidency):
    PositionFactory(person=PersonFactory(name="Laia Ferrer"), body=presidency, role=Role.PRESIDENT)

    section = section_of(client.get(URL).content.decode(), "Presidència")

    assert roles_in(section) == ["President/a"]


@pytest.mark.parametrize(
    ("form", "office"),
    [(FormOfAddress.FEMININE, "Presidenta"), (FormOfAddress.MASCULINE, "President")],
)
def test_the_presidents_message_names_the_office_in_the_presidents_form(
    client, seeded_site, presidency, form, office
):
    PositionFactory(
        person=PersonFactory(name="Laia Ferrer", form_of_address=form),
        body=presidency,
        role=Role.PRESIDENT,
    )

    html = client.get("/qui-som/presentacio-del-president/").content.decode()

    assert f'<p class="president-message__office">{office}</p>' in html


@pytest.mark.django_db(transaction=True)
def test_editors_choose_a_persons_form_of_address_in_the_admin(admin_client):
    person = PersonFactory(name="Laia Ferrer")
    edit_url = reverse("wagtailsnippets_governance_person:edit", args=(person.pk,))

    form = admin_client.get(edit_url).content.decode()
    response = admin_client.post(
        edit_url, {"name": "Laia Ferrer", "form_of_address": "feminine", "biography": ""}
    )

    assert 'type="radio" name="form_of_address"' in form
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.form_of_address == FormOfAddress.FEMININE


def test_a_date_in_the_query_shows_the_composition_on_that_day(client, seeded_site, presidency):
    PositionFactory(
        person=PersonFactory(name="Pere Antic"),
        body=presidency,
        role=Role.PRESIDENT,
        start_date=date("2007-07-01"),
        end_date=date("2011-07-01"),
    )
    PositionFactory(
        person=PersonFactory(name="Laia Ferrer"),
        body=presidency,
        role=Role.PRESIDENT,
        start_date=date("2023-07-15"),
    )

    then = client.get(URL, {"data": "2010-01-01"}).content.decode()
    now = client.get(URL).content.decode()

    assert names_in(section_of(then, "Presidència")) == ["Pere Antic"]
    assert "1 de gener de 2010" in then
    assert "1 de juliol de 2007" in section_of(then, "Presidència")
    assert gettext("Nobody held a seat in this body on that date.") in section_of(
        then, "Assemblea General"
    )
    assert names_in(section_of(now, "Presidència")) == ["Laia Ferrer"]


@pytest.mark.parametrize(
    "value", ["2020-13-01", "2023-02-30", "ahir", "01/05/2020", "99999-01-01", "2020-1-1\x00"]
)
def test_a_bad_date_shows_the_current_composition_with_a_message(
    client, seeded_site, presidency, value
):
    PositionFactory(person=PersonFactory(name="Laia Ferrer"), body=presidency, role=Role.PRESIDENT)

    response = client.get(URL, {"data": value})

    assert response.status_code == 200
    html = response.content.decode()
    assert "That date is not valid" in html or "no és vàlida" in html
    assert 'aria-invalid="true"' in html
    assert names_in(section_of(html, "Presidència")) == ["Laia Ferrer"]


def test_an_empty_date_is_the_current_composition_without_a_message(client, seeded_site):
    html = client.get(URL, {"data": ""}).content.decode()

    assert "aria-invalid" not in html


def test_past_presidents_are_listed_newest_first_with_their_terms(
    client, seeded_site, presidency, assembly
):
    for name, start, end in [
        ("Primer President", "1997-06-01", "2003-07-01"),
        ("Tercera Presidenta", "2011-07-01", "2023-07-15"),
        ("Segon President", "2003-07-01", "2011-07-01"),
    ]:
        PositionFactory(
            person=PersonFactory(name=name),
            body=presidency,
            role=Role.PRESIDENT,
            start_date=date(start),
            end_date=date(end),
        )
    PositionFactory(
        person=PersonFactory(name="Presidenta Actual"),
        body=presidency,
        role=Role.PRESIDENT,
        start_date=date("2023-07-15"),
    )
    PositionFactory(
        person=PersonFactory(name="Presidenta de l'Assemblea"),
        body=assembly,
        role=Role.PRESIDENT,
        start_date=date("2001-01-01"),
        end_date=date("2002-01-01"),
    )

    html = client.get(URL).content.decode()
    past = html[html.index(gettext("Past presidents")) :]
    past = past[: past.index("</section>")]
    entries = re.findall(r"<li>(.*?)</li>", past, re.S)

    assert [entry.split(":")[0] for entry in entries] == [
        "Tercera Presidenta",
        "Segon President",
        "Primer President",
    ]
    assert '<time datetime="1997-06-01">1 de juny de 1997</time>' in entries[2]
    assert '<time datetime="2003-07-01">1 de juliol de 2003</time>' in entries[2]
    assert "Presidenta Actual" not in past


def test_page_without_past_presidents_has_no_such_section(client, seeded_site):
    assert gettext("Past presidents") not in client.get(URL).content.decode()


def fill_bodies(count):
    """`count` people with photos spread over the five bodies, each with a member entity."""
    bodies = list(GoverningBody.objects.all())
    for index in range(count):
        PositionFactory(
            person=PersonFactory(with_photo=True),
            body=bodies[index % len(bodies)],
            member=make_member(name=f"Municipi {index}", code=f"MUN{index:04d}"),
        )


def queries_for(client, path):
    """How many queries a visit makes once caches are warm and renditions exist (the first
    visit creates them)."""
    client.get(path)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return len(captured)


def test_bodies_and_members_cost_two_queries_more_than_a_plain_section(client, seeded_site):
    # Whatever the site's own cost (routing, menu, footer), this page adds the bodies and the
    # positions with everything about their people.
    assert queries_for(client, URL) == queries_for(client, PLAIN_SECTION_URL) + 2


def test_query_count_does_not_grow_with_the_number_of_people(client, seeded_site):
    empty = queries_for(client, URL)
    fill_bodies(5)
    with_five = queries_for(client, URL)
    fill_bodies(45)
    with_fifty = queries_for(client, URL)

    html = client.get(URL).content.decode()
    assert html.count('class="person-card__photo"') == 50
    assert html.count('href="/qui-som/municipis-adherits/') >= 50
    assert with_fifty == with_five <= MAX_QUERIES_PER_PAGE
    # People, their portraits and the entities they represent come with the positions; the
    # portraits' renditions take one more query, and the link to the members page two (the
    # page, and the view restrictions that keep a private page out).
    assert with_five == empty + 3


def test_dated_view_with_past_presidents_costs_no_more_queries(client, seeded_site, presidency):
    for year in range(1997, 2021):
        PositionFactory(
            body=presidency,
            role=Role.PRESIDENT,
            start_date=datetime.date(year, 1, 1),
            end_date=datetime.date(year + 1, 1, 1),
            member=make_member(name=f"Municipi {year}", code=f"MUN{year}"),
        )

    today_queries = queries_for(client, URL)

    assert queries_for(client, f"{URL}?data=2005-06-01") == today_queries


# Seed -----------------------------------------------------------------------------------------


def test_seed_creates_the_bodies_once_and_keeps_editors_changes(seeded_site):
    presidency = body_named("Presidència")
    assert presidency.is_presidency
    assert GoverningBody.objects.filter(is_presidency=True).count() == 1
    council = body_named("Consell d’Administració")
    council.name = "Consell d’Administració del Consorci"
    council.functions = "<p>Admet els nous membres.</p>"
    council.save()
    body_named("Comissió Delegada").delete()

    run_seed_site()

    assert list(GoverningBody.objects.values_list("name", flat=True)) == [
        "Assemblea General",
        "Presidència",
        "Consell d’Administració del Consorci",
        "Comissió Especial de Comptes",
    ]
    assert body_named("Consell d’Administració del Consorci").functions == (
        "<p>Admet els nous membres.</p>"
    )


# Admin ----------------------------------------------------------------------------------------


def snippet_url(model_name, action, *args):
    return reverse(f"wagtailsnippets_governance_{model_name}:{action}", args=args)


def test_admin_menu_groups_bodies_people_and_positions(admin_client, seeded_site):
    html = admin_client.get(reverse("wagtailadmin_home")).content.decode()

    assert gettext("Governing bodies") in html
    for model_name in ["governingbody", "person", "position"]:
        assert admin_client.get(snippet_url(model_name, "list")).status_code == 200


def test_admin_lists_bodies_in_their_order(admin_client, seeded_site):
    html = admin_client.get(snippet_url("governingbody", "list")).content.decode()

    edit_links = [
        html.index(snippet_url("governingbody", "edit", body_named(name).pk))
        for name in SEEDED_BODIES
    ]
    assert edit_links == sorted(edit_links)


def position_form(person, body, **fields):
    return {
        "person": person.pk,
        "body": body.pk,
        "role": Role.MEMBER,
        "ordinal": "",
        "member": "",
        "start_date": "2023-07-15",
        "end_date": "",
        **fields,
    }


def test_editor_adds_a_position_through_the_admin(admin_client, assembly):
    person = PersonFactory(name="Laia Ferrer")

    response = admin_client.post(
        snippet_url("position", "add"), position_form(person, assembly, role=Role.SECRETARY)
    )

    assert response.status_code == 302
    position = Position.objects.get()
    assert (position.person, position.body, position.role) == (person, assembly, Role.SECRETARY)


def test_admin_refuses_a_second_president_and_saves_nothing(admin_client, presidency):
    PositionFactory(
        person=PersonFactory(name="Anna Vila"),
        body=presidency,
        role=Role.PRESIDENT,
        start_date=date("2019-07-01"),
    )

    response = admin_client.post(
        snippet_url("position", "add"),
        position_form(PersonFactory(), presidency, role=Role.PRESIDENT),
    )

    assert response.status_code == 200
    assert "Anna Vila" in " ".join(response.context["form"].non_field_errors())
    assert Position.objects.count() == 1


def test_admin_refuses_an_end_before_the_start(admin_client, assembly):
    response = admin_client.post(
        snippet_url("position", "add"),
        position_form(PersonFactory(), assembly, start_date="2024-01-01", end_date="2023-01-01"),
    )

    assert response.status_code == 200
    assert response.context["form"].errors["end_date"] == [
        gettext("The end date must be later than the start date.")
    ]
    assert not Position.objects.exists()


@pytest.fixture
def listed_positions(presidency, assembly):
    PositionFactory(
        person=PersonFactory(name="Anna Vila"),
        body=presidency,
        role=Role.PRESIDENT,
        start_date=date("2019-07-01"),
        end_date=date("2023-07-15"),
    )
    PositionFactory(
        person=PersonFactory(name="Laia Ferrer"),
        body=presidency,
        role=Role.PRESIDENT,
        start_date=date("2023-07-15"),
    )
    PositionFactory(person=PersonFactory(name="Joan Riera"), body=assembly)


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ({"q": "riera"}, ["Joan Riera"], ["Anna Vila", "Laia Ferrer"]),
        ({"body": "presidency"}, ["Anna Vila", "Laia Ferrer"], ["Joan Riera"]),
        ({"role": Role.MEMBER}, ["Joan Riera"], ["Anna Vila", "Laia Ferrer"]),
        ({"current": "true"}, ["Laia Ferrer", "Joan Riera"], ["Anna Vila"]),
        ({"current": "false"}, ["Anna Vila"], ["Laia Ferrer", "Joan Riera"]),
    ],
)
def test_admin_position_listing_searches_and_filters(
    admin_client, listed_positions, presidency, query, shown, hidden
):
    if query.get("body") == "presidency":
        query = {"body": presidency.pk}

    html = admin_client.get(snippet_url("position", "list"), query).content.decode()

    for name in shown:
        assert name in html
    for name in hidden:
        assert name not in html


def test_admin_exports_positions_as_csv(admin_client, listed_positions):
    response = admin_client.get(snippet_url("position", "list"), {"export": "csv"})

    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode()
    assert "Laia Ferrer" in content
    assert "Presidència" in content


def test_admin_finds_people_by_name(admin_client, db):
    PersonFactory(name="Laia Ferrer")
    PersonFactory(name="Joan Riera")

    html = admin_client.get(snippet_url("person", "list"), {"q": "ferrer"}).content.decode()

    assert "Laia Ferrer" in html
    assert "Joan Riera" not in html
