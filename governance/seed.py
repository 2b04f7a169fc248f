"""Initial content of "Presentació del president" and "Òrgans de govern", with the five bodies
the statutes define.

No people are created: editors add who holds each seat, and the public pages show an empty
state until they do.
"""

from governance.models import GoverningBodiesPage, GoverningBody, PresidentMessagePage
from localret_site.caching.invalidation import content_changed
from pages.seed import ensure_child, paragraphs

# (name, placeholder for its functions, whether it is the consortium's presidency)
GOVERNING_BODIES = [
    ("Assemblea General", "les funcions de l’Assemblea General", False),
    ("Presidència", "les funcions de la Presidència i les vicepresidències", True),
    ("Consell d’Administració", "les funcions del Consell d’Administració", False),
    ("Comissió Delegada", "les funcions de la Comissió Delegada", False),
    ("Comissió Especial de Comptes", "les funcions de la Comissió Especial de Comptes", False),
]


def seed_governing_bodies():
    """The five bodies, once: after that they are the editors', even if renamed or removed."""
    if GoverningBody.objects.exists():
        return
    GoverningBody.objects.bulk_create(
        GoverningBody(
            name=name,
            functions=paragraphs(f"Funcions: afegir petit text sobre {topic}"),
            is_presidency=is_presidency,
            sort_order=order,
        )
        for order, (name, topic, is_presidency) in enumerate(GOVERNING_BODIES, start=1)
    )
    content_changed()


def seed(about):
    """The president's message and the governing bodies, in menu order."""
    seed_governing_bodies()
    ensure_child(
        about,
        PresidentMessagePage,
        slug="presentacio-del-president",
        title="Presentació del president",
        show_in_menus=True,
        search_description="La presentació del president del Consorci Localret.",
        message=paragraphs("Presentació: afegir petit text sobre la presentació"),
    )
    return ensure_child(
        about,
        GoverningBodiesPage,
        slug="organs-de-govern",
        title="Òrgans de govern",
        show_in_menus=True,
        search_description=(
            "Els òrgans de govern del Consorci Localret i les persones que en formen part."
        ),
        introduction=paragraphs("Òrgans: afegir petit text sobre els òrgans de govern"),
    )
