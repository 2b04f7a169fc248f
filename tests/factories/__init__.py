"""Factories per content area; import them from here, e.g. `from tests.factories import HomePageFactory`."""

from tests.factories.pages import *  # noqa: F403
