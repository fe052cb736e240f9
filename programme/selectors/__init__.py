"""The programme app's selectors, one module per area: din, meetings, reports."""
