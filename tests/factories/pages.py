import wagtail_factories

from governance.models import GoverningBodiesPage, PresidentMessagePage
from members.models import MembersIndexPage
from pages.models import (
    AboutPage,
    HistoryPage,
    HomePage,
    StandardPage,
    StatutesPage,
)
from transparency.models import TransparencyIndexPage

__all__ = [
    "AboutPageFactory",
    "GoverningBodiesPageFactory",
    "HistoryPageFactory",
    "HomePageFactory",
    "MembersIndexPageFactory",
    "PresidentMessagePageFactory",
    "StandardPageFactory",
    "StatutesPageFactory",
    "TransparencyIndexPageFactory",
]


class ContentPageFactory(wagtail_factories.PageFactory):
    introduction = "<p>Una introducció.</p>"
    body = "<p>Un text.</p>"
    live = True

    class Meta:
        abstract = True


class HomePageFactory(ContentPageFactory):
    title = "Localret"

    class Meta:
        model = HomePage


class AboutPageFactory(ContentPageFactory):
    title = "Qui som"
    slug = "qui-som"

    class Meta:
        model = AboutPage


class HistoryPageFactory(ContentPageFactory):
    title = "Història i antecedents"

    class Meta:
        model = HistoryPage


class StatutesPageFactory(ContentPageFactory):
    title = "Estatuts"

    class Meta:
        model = StatutesPage


class PresidentMessagePageFactory(ContentPageFactory):
    title = "Presentació del president"

    class Meta:
        model = PresidentMessagePage


class GoverningBodiesPageFactory(ContentPageFactory):
    title = "Òrgans de govern"

    class Meta:
        model = GoverningBodiesPage


class MembersIndexPageFactory(ContentPageFactory):
    title = "Municipis adherits"

    class Meta:
        model = MembersIndexPage


class TransparencyIndexPageFactory(ContentPageFactory):
    title = "Transparència"

    class Meta:
        model = TransparencyIndexPage


class StandardPageFactory(ContentPageFactory):
    title = "Avís legal"

    class Meta:
        model = StandardPage
