"""Shared by every CSV/XLSX export: cells a spreadsheet program will not run."""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """Text that starts like a formula gets a leading apostrophe (CSV/formula injection).

    Numbers, dates and other non-text values pass unchanged.
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
