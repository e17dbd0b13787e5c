"""Code the tests share (imported as `tests.support.<module>`); no tests here."""
