"""Month names for long dates, so that they read "27 de novembre de 2026" and "1 d’abril de 2026".

Django formats Catalan dates as `j E \\d\\e Y`, where `E` is the "alt. month" name. Its own
catalogue leaves out the preposition ("27 novembre de 2026"); declaring the same messages here
puts them in the project's catalogue, whose translations ("de novembre", "d’abril") take
precedence over Django's.
"""

from django.utils.translation import pgettext_lazy

MONTHS_WITH_PREPOSITION = {
    1: pgettext_lazy("alt. month", "January"),
    2: pgettext_lazy("alt. month", "February"),
    3: pgettext_lazy("alt. month", "March"),
    4: pgettext_lazy("alt. month", "April"),
    5: pgettext_lazy("alt. month", "May"),
    6: pgettext_lazy("alt. month", "June"),
    7: pgettext_lazy("alt. month", "July"),
    8: pgettext_lazy("alt. month", "August"),
    9: pgettext_lazy("alt. month", "September"),
    10: pgettext_lazy("alt. month", "October"),
    11: pgettext_lazy("alt. month", "November"),
    12: pgettext_lazy("alt. month", "December"),
}
