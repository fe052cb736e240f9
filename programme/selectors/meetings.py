"""selector code for the meetings area of the programme app."""


def dashboard_panel(*, user):
    """What this area shows on the user's dashboard, or None. Filled in by its issue."""
    return None
