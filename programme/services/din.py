"""service code for the din area of the programme app."""
