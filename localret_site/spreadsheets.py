"""Cells that no spreadsheet program runs as a formula, for every CSV and XLSX the site writes.

A cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return is read as a formula by
Excel, LibreOffice and Google Sheets, so a citizen's text such as `=HYPERLINK(…)` would run on
an editor's computer (OWASP's "CSV injection"). CSV has no way to mark a cell as text but the
single quote those programs hide; XLSX has one (the cell's quote prefix), so the text stays exact.
JSON needs none of this and stays exact.
"""

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def reads_as_formula(value):
    return isinstance(value, str) and value.startswith(FORMULA_TRIGGERS)


def neutralise_cell(value):
    """The value of a CSV cell, with a single quote before text that would read as a formula."""
    return f"'{value}" if reads_as_formula(value) else value


class NeutralisedSpreadsheetExportMixin:
    """For the admin listings' index views (Wagtail's `SpreadsheetExportMixin`): their CSV cells
    neutralised, their XLSX text cells marked as text."""

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        return neutralise_cell(value) if export_format == self.FORMAT_CSV else value

    def generate_xlsx_row(self, worksheet, row_dict, date_format=None):
        for cell in super().generate_xlsx_row(worksheet, row_dict, date_format=date_format):
            if reads_as_formula(cell.value):
                cell.quotePrefix = True
            yield cell
