"""Initial content of the transparency portal."""

from pages.seed import ensure_child, paragraphs
from transparency.models import TransparencyIndexPage


def seed(about):
    return ensure_child(
        about,
        TransparencyIndexPage,
        slug="transparencia",
        title="Transparència",
        show_in_menus=True,
        search_description="El portal de transparència del Consorci Localret (Llei 19/2014).",
        introduction=paragraphs("Transparencia: afegir petit text sobre la transparència"),
    )
