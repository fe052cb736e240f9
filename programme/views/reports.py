"""view code for the reports area of the programme app."""
