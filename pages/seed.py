"""Initial content of the home page and "Qui som".

Texts are the consortium's own, as supplied for the launch; the "afegir petit text"
placeholders are left for editors to replace (the admin dashboard lists them).
Seeding only ever creates what is missing, so it never overwrites an editor's work.
"""

from django.conf import settings
from wagtail.models import Collection, Locale, Page, Site

from pages.models import (
    AboutPage,
    ContactPage,
    ContactTopic,
    HistoryPage,
    HomePage,
    OrganisationSettings,
    PageContentChange,
    StatutesPage,
)

ABOUT_PARAGRAPHS = [
    "Localret és el Consorci local format per les administracions locals de Catalunya per "
    "actuar, de manera coordinada i unitària, davant el desenvolupament de les xarxes i els "
    "serveis de telecomunicacions, així com en l’aplicació de les TIC per millorar l’acció dels "
    "governs locals en l’impuls de la societat de la informació.",
    "Localret té la funció de fer sentir la veu dels municipis en aquells àmbits on es prenguin "
    "decisions que afecten l’ordenació de les infraestructures i els serveis de "
    "telecomunicacions, així com en tot allò que afecti el desplegament i utilització de les "
    "noves tecnologies de la informació i la comunicació (TIC). Localret també té la missió de "
    "prestar serveis i oferir assessorament als ens locals en la preparació i execució de les "
    "polítiques locals per al desenvolupament de la societat del coneixement i en el desplegament "
    "de les TIC al territori i per al conjunt dels ciutadans. Els usos i beneficis de les noves "
    "tecnologies han de ser accessibles a tot el territori i al conjunt dels ciutadans, evitant "
    "l’anomenada “escletxa digital”.",
    "Actualment són més de 800 els ens locals que formen part de Localret, a més de comptar amb "
    "el suport des del naixement l’any 1997, de les dues entitats municipalistes catalanes: l’FMC "
    "(Federació de Municipis de Catalunya) i l’ACM (Associació Catalana de Municipis i "
    "Comarques). Localret defensa els interessos dels ens locals catalans i cerca, en tot moment, "
    "la col·laboració i les sinergies de la resta d’administracions públiques i de la iniciativa "
    "privada per assolir els objectius comuns.",
]

# The consortium's own figures. Its count of members gives way to the live count of the
# registry as soon as the registry holds members, so no page contradicts another.
HOME_KEY_FIGURES = [
    {"value": "1997", "label": "any de creació del consorci"},
    {"value": "+800", "label": "ens locals adherits", "counts_members": True},
    {"value": "2", "label": "entitats municipalistes que li donen suport: l’FMC i l’ACM"},
]

# The top entries of the main menu, in the order visitors read them (by slug); the home page's
# other children follow, as they are.
MAIN_MENU_ORDER = ("qui-som", "serveis", "actualitat", "agenda", "contacte")

# What visitors may write about; each goes to the organisation's email until an editor gives it
# a staff address of its own.
CONTACT_TOPICS = ("Informació general", "Adhesió al consorci", "Transparència")

HISTORY_FIRST_PERIOD = "Els precedents: la revolució tecnològica i el procés de liberalització"


def paragraphs(*texts):
    """Rich text made of plain paragraphs."""
    return "".join(f"<p>{text}</p>" for text in texts)


def ensure_child(parent, page_class, slug, **fields):
    """Return the child of `parent` with this slug, creating and publishing it if missing.

    An existing page is returned untouched, whatever an editor did to it. A new page shows no
    "Last updated" date until an editor publishes a change to it.
    """
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific
    page = page_class(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    PageContentChange.forget_date(page)
    return page


def ensure_tree_root():
    """The locale, root page and root collection that migrations create but a flush removes."""
    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    if not Collection.objects.exists():
        Collection.add_root(name="Root")
    return Page.get_first_root_node() or Page.add_root(title="Root", slug="root")


def seed_home():
    """The home page, made the root of the default Site in place of Wagtail's welcome page."""
    root = ensure_tree_root()
    home = HomePage.objects.first()
    if home is None:
        home = ensure_child(
            root,
            HomePage,
            slug="inici",
            title="Localret",
            seo_title="Localret, consorci de les administracions locals de Catalunya per a les TIC",
            search_description=ABOUT_PARAGRAPHS[0],
            introduction=paragraphs(ABOUT_PARAGRAPHS[0]),
            key_figures=[("figure", figure) for figure in HOME_KEY_FIGURES],
        )
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name="Localret",
        )
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.save(update_fields=["root_page"])
    # Wagtail's initial "Welcome" page is a bare Page; it has no place in this site.
    root.get_children().exact_type(Page).filter(numchild=0).exclude(pk=home.pk).delete()
    return home


def seed(home):
    """ "Qui som" and the two sections this app owns, in menu order; returns "Qui som"."""
    about = ensure_child(
        home,
        AboutPage,
        slug="qui-som",
        title="Qui som",
        show_in_menus=True,
        search_description=ABOUT_PARAGRAPHS[0],
        introduction=paragraphs(ABOUT_PARAGRAPHS[0]),
        body=paragraphs(*ABOUT_PARAGRAPHS[1:]),
    )
    ensure_child(
        about,
        HistoryPage,
        slug="historia",
        title="Història i antecedents",
        show_in_menus=True,
        search_description="Els orígens de Localret i les fites de la seva història.",
        timeline=[("period", {"heading": HISTORY_FIRST_PERIOD, "milestones": []})],
    )
    ensure_child(
        about,
        StatutesPage,
        slug="estatuts",
        title="Estatuts",
        show_in_menus=True,
        search_description="Els estatuts que regeixen el Consorci Localret.",
        introduction=paragraphs("Els precedents: afegir petit text sobre els Estatuts"),
    )
    return about


def mark_demo_site(home):
    """Say on every page of the sites under `home` that their data are not real."""
    for site in Site.objects.filter(root_page=home):
        organisation = OrganisationSettings.for_site(site)
        if not organisation.is_demo_site:
            organisation.is_demo_site = True
            organisation.save(update_fields=["is_demo_site"])


def seed_contact(home):
    """The contact page and, with a new page, the topics its form offers."""
    is_new = not home.get_children().filter(slug="contacte").exists()
    page = ensure_child(
        home,
        ContactPage,
        slug="contacte",
        title="Contacte",
        show_in_menus=True,
        search_description="Com adreçar-vos al Consorci Localret: adreça, telèfon, correu "
        "electrònic, horari i formulari de contacte.",
        introduction=paragraphs("Contacte: afegir petit text sobre com contactar amb Localret"),
    )
    if is_new and not ContactTopic.objects.exists():
        for order, name in enumerate(CONTACT_TOPICS):
            ContactTopic.objects.create(name=name, sort_order=order)
    return page


def home_child_slugs(home):
    """The slugs of the home page's children, to tell later which ones a seed created."""
    return set(home.get_children().values_list("slug", flat=True))


def order_main_menu(home, slugs_before):
    """Put the main menu's entries first under the home page, in MAIN_MENU_ORDER, when the seed
    created any of them (`slugs_before`: the children there were before it ran). Pages an editor
    moved stay where they are on later runs."""
    present = home_child_slugs(home)
    if not (present - slugs_before) & set(MAIN_MENU_ORDER):
        return
    previous = None
    for slug in (slug for slug in MAIN_MENU_ORDER if slug in present):
        # Read again at each step: every move may renumber the paths of the siblings.
        page = home.get_children().get(slug=slug)
        if previous is None:
            first = home.get_first_child()
            if first.pk != page.pk:
                page.move(first, pos="left")
        else:
            previous = Page.objects.get(pk=previous.pk)
            if page.get_prev_sibling() != previous:
                page.move(previous, pos="right")
        previous = page
