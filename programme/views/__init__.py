"""The programme app's views, one module per area: din, meetings, reports."""
