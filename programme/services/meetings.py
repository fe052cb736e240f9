"""service code for the meetings area of the programme app."""
