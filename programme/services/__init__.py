"""The programme app's services, one module per area: din, meetings, reports."""
