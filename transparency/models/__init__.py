"""Models of the transparency portal."""

from transparency.models.items import (
    TransparencyItem,
    TransparencyItemDocument,
)
from transparency.models.portal import TransparencyIndexPage, TransparencySectionPage
from transparency.models.reminders import AccessRequestReminder
from transparency.models.request_page import AccessRequestPage
from transparency.models.requests import AccessRequest, AccessRequestCounter
from transparency.models.settings import AccessibilityStatementSettings, TransparencySettings

__all__ = [
    "AccessRequest",
    "AccessRequestCounter",
    "AccessRequestPage",
    "AccessRequestReminder",
    "AccessibilityStatementSettings",
    "TransparencyIndexPage",
    "TransparencyItem",
    "TransparencyItemDocument",
    "TransparencySectionPage",
    "TransparencySettings",
]
