"""Functions that change data in the learning_history app."""
