"""The annex as CSV: the same activities as the PDF's annex, with a few more columns."""

import csv

from django.utils.translation import gettext as _

from programme.selectors.reports import annex_rows


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


def write_activities_csv(*, path, period_start, period_end):
    """Write the CSV to `path`; returns the number of activities written.

    Semicolons and a byte-order mark, so that Dutch spreadsheet programs open it as is.
    """
    count = 0
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(csv_header())
        for chunk in annex_rows(period_start=period_start, period_end=period_end):
            for row in chunk:
                writer.writerow(
                    [
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
                )
            count += len(chunk)
    return count
