"""Initial content of "Òrgans de govern"."""

from governance.models import GoverningBodiesPage
from pages.seed import ensure_child, paragraphs


def seed(about):
    return ensure_child(
        about,
        GoverningBodiesPage,
        slug="organs-de-govern",
        title="Òrgans de govern",
        show_in_menus=True,
        search_description=(
            "Els òrgans de govern del Consorci Localret i les persones que en formen part."
        ),
        introduction=paragraphs("Òrgans: afegir petit text sobre el òrgans de govern"),
    )
