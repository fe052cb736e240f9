"""Building a phase report's files: the PDF (rendered in parts, then joined) and the CSV."""
