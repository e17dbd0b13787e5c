"""Tests that run a real `mkdocs build`: the project's site, a fixture site or a publication."""
