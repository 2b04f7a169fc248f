"""Official codes of Catalan municipalities: INE's 5 digits, IDESCAT's 6 (INE + control digit)."""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from members.reference_data import PROVINCES

PROVINCE_CODES = frozenset(code for code, _name in PROVINCES)

# INE's published weight tables for the control digit ("dígito de control") of a municipality
# code. Reading the 5 digits from the right, the last uses the first table, the one before it
# the second, then the third, and the cycle starts again.
_CONTROL_DIGIT_TABLES = (
    (0, 3, 8, 2, 7, 4, 1, 5, 9, 6),
    (0, 2, 4, 6, 8, 1, 3, 5, 7, 9),
    (0, 1, 2, 3, 4, 5, 6, 7, 8, 9),
)
_OWN_CODE = re.compile(r"[0-9A-Za-z][0-9A-Za-z._-]{0,19}")


def ine_control_digit(ine_code):
    """The control digit INE assigns to a 5-digit municipality code, as a one-character string."""
    if len(ine_code) != 5 or not ine_code.isascii() or not ine_code.isdigit():
        raise ValueError(f"an INE municipality code has 5 digits, not {ine_code!r}")
    total = sum(
        _CONTROL_DIGIT_TABLES[position % 3][int(digit)]
        for position, digit in enumerate(reversed(ine_code))
    )
    return str((10 - total % 10) % 10)


def normalise_municipality_code(raw):
    """The 6-digit IDESCAT code for a municipality code given with 5 or 6 digits.

    A 5-digit INE code gets its control digit; a 6-digit code must already carry the right one.
    Spreadsheets drop the leading zero of Barcelona's province (08), so a code of 4 digits, or
    of 5 starting with 8 (no province code does), gets that zero back.
    Raises ValidationError with a message for the person who typed the code.
    """
    code = "".join(unicodedata.normalize("NFKC", str(raw)).split())
    if not code.isascii() or not code.isdigit() or not 4 <= len(code) <= 6:
        raise ValidationError(
            _(
                "“%(code)s” is not a municipality code: write the 5-digit INE code or the "
                "6-digit IDESCAT code."
            ),
            code="invalid",
            params={"code": raw},
        )
    if len(code) == 4 or (len(code) == 5 and code[0] == "8"):
        code = "0" + code
    if code[:2] not in PROVINCE_CODES:
        raise ValidationError(
            _("The code %(code)s does not belong to a Catalan province (08, 17, 25 or 43)."),
            code="province",
            params={"code": code},
        )
    expected = ine_control_digit(code[:5])
    if len(code) == 5:
        return code + expected
    if code[5] != expected:
        raise ValidationError(
            _(
                "The control digit of %(code)s is wrong: the code of municipality %(ine)s ends "
                "in %(digit)s."
            ),
            code="control_digit",
            params={"code": code, "ine": code[:5], "digit": expected},
        )
    return code


def normalise_own_code(raw):
    """The code of an entity other than a municipality: letters, digits, dots, hyphens."""
    code = str(raw).strip()
    if not _OWN_CODE.fullmatch(code):
        raise ValidationError(
            _(
                "“%(code)s” is not a valid code: use up to 20 letters, digits, dots or hyphens, "
                "without spaces."
            ),
            code="invalid",
            params={"code": raw},
        )
    return code


def province_code_for(code):
    """The province a code belongs to, from its first two digits; None when it names none.

    Municipality codes always start with their province. Other entities' codes do when they
    follow the Generalitat's register of local entities; an entity whose scope is all of
    Catalonia (the FMC, the ACM) has none.
    """
    prefix = code[:2]
    if code.isascii() and code.isdigit() and prefix in PROVINCE_CODES:
        return prefix
    return None
