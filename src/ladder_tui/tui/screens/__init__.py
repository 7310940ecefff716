"""The screens of the walk: home, new, area intro, dimension, review, summary, help."""
