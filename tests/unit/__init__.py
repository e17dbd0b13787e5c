"""Plain Python: no build, no browser, no server (`make test-fast` runs these)."""
