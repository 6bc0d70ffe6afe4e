"""One loader per file format. Each exposes ``load(path: str, data: bytes, sha256: str) -> Document``."""
