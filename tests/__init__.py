"""The test suite, one folder per kind of test (tests/conftest.py gives each test its kind)."""
