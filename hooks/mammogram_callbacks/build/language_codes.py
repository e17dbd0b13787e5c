"""Lets mkdocs-static-i18n accept three-letter language codes, such as `hmn` for White Hmong.

static-i18n 1.3.1 checks each `locale:` against ISO 639-1, two letters, so a language that has no
two-letter code (Hmong, and most of the world's languages) cannot be listed at all. Its open pull
request #348 widens the pattern to ISO 639-2/3; this does the same. MkDocs validates plugins in the
order mkdocs.yml lists them, so this plugin, listed before `i18n`, is loaded first and widens the
pattern before i18n's options are checked. Remove it when static-i18n accepts three letters
(UPGRADING.md); it then logs that it is no longer needed.
"""

from __future__ import annotations

import logging
import re

import mkdocs_static_i18n.config as i18n_config
from mkdocs.plugins import BasePlugin

# static-i18n's own pattern, with [a-z]{2,3} for [a-z]{2} (as its pull request #348 writes it).
WIDER_LOCALE = re.compile(r"(^[a-z]{2,3}(-[A-Za-z]{4})?(-[A-Z]{2})?$)|(^[a-z]{2,3}_[A-Z]{2}$)")


def accept_three_letter_codes() -> bool:
    """Widen static-i18n's pattern; False when it already accepts three letters (nothing to do)."""
    if i18n_config.RE_LOCALE.match("hmn"):
        return False
    i18n_config.RE_LOCALE = WIDER_LOCALE
    return True


class LanguageCodesPlugin(BasePlugin):
    def load_config(self, options, config_file_path=None):
        if not accept_three_letter_codes() and i18n_config.RE_LOCALE is not WIDER_LOCALE:
            log.info("static-i18n accepts three-letter codes itself: the pe-language-codes plugin can go")
        return super().load_config(options, config_file_path)


log = logging.getLogger("mkdocs.plugins.pe_language_codes")
