"""Tests that serve a publication with Debian's nginx."""
