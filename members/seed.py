"""Initial content of "Municipis adherits"."""

from members.models import MembersIndexPage
from pages.seed import ensure_child, paragraphs


def seed(about):
    return ensure_child(
        about,
        MembersIndexPage,
        slug="municipis-adherits",
        title="Municipis adherits",
        show_in_menus=True,
        search_description="Els municipis i altres ens locals que formen part de Localret.",
        introduction=paragraphs("Municipis: afegir petit text sobre els municipis"),
    )
