"""Initial content of the transparency portal: its sections (Llei 19/2014, arts. 9 to 15) and the
access request page. No item is seeded: only the consortium can say what it has published.
"""

from django.conf import settings
from django.utils import translation

from pages.seed import ensure_child, paragraphs
from transparency.deadlines import WHO_MAY_ASK
from transparency.legal_pages import seed_legal_pages
from transparency.models import AccessRequestPage, TransparencyIndexPage, TransparencySectionPage

__all__ = ["seed", "seed_legal_pages"]

# (slug, title, legal reference, what the article asks for), in the order of the law.
SECTIONS = [
    (
        "organitzacio-institucional",
        "Organització institucional i estructura administrativa",
        "Llei 19/2014, art. 9",
        "Organigrama, òrgans de govern i les seves funcions, persones responsables, entitats de "
        "les quals forma part el consorci, estatuts i informació sobre el personal: relació de "
        "llocs de treball o plantilla, processos de selecció i convenis col·lectius.",
    ),
    (
        "decisions-i-actuacions",
        "Decisions i actuacions de rellevància jurídica",
        "Llei 19/2014, art. 10",
        "Normativa vigent i consolidada, directrius, instruccions i circulars, normes en "
        "elaboració i catàleg de procediments.",
    ),
    (
        "gestio-economica",
        "Gestió econòmica, comptable, pressupostària i patrimonial",
        "Llei 19/2014, art. 11",
        "Pressupost, execució trimestral i liquidació, comptes anuals i auditories, retribucions "
        "i declaracions d’activitats i béns dels alts càrrecs, despesa en publicitat i inventari "
        "de béns.",
    ),
    (
        "planificacio-i-programacio",
        "Planificació i programació",
        "Llei 19/2014, art. 12",
        "Plans i programes anuals i plurianuals i la seva avaluació.",
    ),
    (
        "contractacio-publica",
        "Contractació pública",
        "Llei 19/2014, art. 13",
        "Òrgans de contractació, licitacions en curs, contractes programats, contractes "
        "formalitzats dels darrers cinc anys, inclosos els contractes menors, amb les seves "
        "modificacions, pròrrogues i resolucions, i l’enllaç al perfil del contractant.",
    ),
    (
        "convenis",
        "Convenis de col·laboració",
        "Llei 19/2014, art. 14",
        "Convenis vigents, amb les parts, l’objecte, les obligacions i la durada, les seves "
        "modificacions i el seu compliment.",
    ),
    (
        "activitat-subvencional",
        "Activitat subvencional",
        "Llei 19/2014, art. 15",
        "Convocatòries previstes, subvencions atorgades els darrers cinc anys i el seu control i "
        "justificació.",
    ),
]


def catalan(message):
    """A message of the catalogue in the site's language, to store it as page text."""
    with translation.override(settings.LANGUAGE_CODE):
        return str(message)


def seed(about):
    """The portal index, its sections in the order of the law, and the access request page."""
    index = ensure_child(
        about,
        TransparencyIndexPage,
        slug="transparencia",
        title="Transparència",
        show_in_menus=True,
        search_description="El portal de transparència del Consorci Localret (Llei 19/2014).",
        introduction=paragraphs("Transparència: afegir petit text sobre la transparència"),
    )
    for slug, title, legal_reference, description in SECTIONS:
        ensure_child(
            index,
            TransparencySectionPage,
            slug=slug,
            title=title,
            legal_reference=legal_reference,
            search_description=description,
            introduction=paragraphs(f"{title}: afegir petit text sobre aquest apartat"),
        )
    ensure_child(
        index,
        AccessRequestPage,
        slug="dret-d-acces",
        title="Dret d’accés a la informació pública",
        search_description="Sol·liciteu a Localret la informació pública que no trobeu al portal.",
        # The procedure itself is written out by the page's template, from the same sentences
        # as the confirmation and the acknowledgement email.
        introduction=paragraphs(catalan(WHO_MAY_ASK)),
    )
    return index
