"""Functions that change data in the themes app."""
