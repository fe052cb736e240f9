"""Views of the learning_history app."""
