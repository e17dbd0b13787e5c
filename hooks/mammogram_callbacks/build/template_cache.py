"""A Jinja bytecode cache that lives in memory (Jinja ships file-system and memcached ones)."""

from __future__ import annotations

from jinja2.bccache import Bucket, BytecodeCache


class InMemoryBytecodeCache(BytecodeCache):
    """Compiled templates by Jinja's key (template name and file). Jinja stores the source's
    checksum with the code and discards code whose template has changed since."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()

    def __len__(self) -> int:
        return len(self._code)
