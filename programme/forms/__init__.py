"""The programme app's forms, one module per area: din, meetings, reports."""
