"""Page types of the home page, "Qui som" and its own sections, legal pages; site settings."""

from pages.models.contact import ContactMessage, ContactTopic
from pages.models.contact_page import ContactPage
from pages.models.content_changes import PageContentChange
from pages.models.home import AboutPage, HomePage
from pages.models.sections import AboutSectionPage, HistoryPage, StatutesPage
from pages.models.site_settings import OrganisationSettings
from pages.models.standard import StandardPage

__all__ = [
    "AboutPage",
    "AboutSectionPage",
    "ContactMessage",
    "ContactPage",
    "ContactTopic",
    "HistoryPage",
    "HomePage",
    "OrganisationSettings",
    "PageContentChange",
    "StandardPage",
    "StatutesPage",
]
