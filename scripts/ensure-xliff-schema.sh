#!/usr/bin/env bash
# Puts the OASIS XLIFF 1.2 strict schema (and the W3C xml.xsd it imports) in .cache/xliff-schema/,
# for the test that validates every exported XLIFF file. They come from Debian's copy of the
# official files, in the package php-symfony-translation: the package is downloaded and unpacked
# into the cache only (nothing is installed, no PHP), so any user can run this. Not committed:
# the schema is OASIS's, and the tests use it as Debian ships it.
set -euo pipefail
cd "$(dirname "$0")/.."
target=.cache/xliff-schema
[ -f "$target/xliff-core-1.2-strict.xsd" ] && [ -f "$target/xml.xsd" ] && exit 0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "Downloading from Debian: php-symfony-translation (for its copy of the XLIFF 1.2 schema)"
(cd "$work" && apt-get download -qq php-symfony-translation 2>/dev/null || { apt-get update -qq && apt-get download -qq php-symfony-translation; })
dpkg-deb -x "$work"/php-symfony-translation_*.deb "$work/unpacked"
schemas="$work/unpacked/usr/share/php/Symfony/Component/Translation/Resources/schemas"
mkdir -p "$target.new"
cp "$schemas/xliff-core-1.2-strict.xsd" "$schemas/xml.xsd" "$target.new/"
rm -rf "$target" && mv "$target.new" "$target"
