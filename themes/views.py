"""Views of the themes app."""
