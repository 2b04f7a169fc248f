"""Factories per content area, all importable from here (`from tests.factories import …`)."""

from tests.factories.governance import *  # noqa: F403
from tests.factories.members import *  # noqa: F403
from tests.factories.news import *  # noqa: F403
from tests.factories.pages import *  # noqa: F403
from tests.factories.services import *  # noqa: F403
from tests.factories.transparency import *  # noqa: F403
