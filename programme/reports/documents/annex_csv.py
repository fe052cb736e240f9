"""The annex as CSV: the same activities as the PDF's annex, with a few more columns."""

import csv

from django.utils.translation import gettext as _

from landerd_portal.spreadsheets import spreadsheet_safe


def csv_header():
    return [
        _("Nummer"),
        _("Datum"),
        _("Einddatum"),
        _("Thema"),
        _("Titel"),
        _("Dorpskernen"),
        _("Eigenaar"),
        _("Samen met"),
        _("Bereik (inwoners)"),
        _("Vrijwilligers"),
        _("Doelgroepen"),
        _("Dimensies van positieve gezondheid"),
        _("Inspanning (DIN)"),
    ]


def csv_row(row):
    cells = [
        row.pk,
        row.date.isoformat(),
        row.end_date.isoformat() if row.end_date else "",
        row.theme,
        row.title,
        row.villages,
        row.owner,
        row.partners,
        "" if row.reach is None else row.reach,
        "" if row.volunteers is None else row.volunteers,
        row.target_groups,
        row.health_dimensions,
        row.effort,
    ]
    return [spreadsheet_safe(cell) for cell in cells]


class ActivitiesCsvWriter:
    """Writes the CSV chunk by chunk, from rows read elsewhere (the PDF's annex pass).

    Semicolons and a byte-order mark, so that Dutch spreadsheet programs open it as is.
    Use as a context manager; call it with each chunk of `annex_rows`, in order.
    """

    def __init__(self, path):
        self.path = path
        self.count = 0
        self._handle = None
        self._writer = None

    def __enter__(self):
        self._handle = open(self.path, "w", encoding="utf-8-sig", newline="")  # noqa: SIM115
        self._writer = csv.writer(self._handle, delimiter=";")
        self._writer.writerow(csv_header())
        return self

    def __call__(self, chunk):
        self._writer.writerows(csv_row(row) for row in chunk)
        self.count += len(chunk)

    def __exit__(self, *exc_info):
        self._handle.close()
        return False
