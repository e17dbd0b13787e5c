"""Tests that drive Debian's chromium through Playwright (most of them build a site first)."""
