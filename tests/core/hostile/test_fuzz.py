"""Mutate the sample reports (truncate, flip and insert bytes, deepen HTML, inflate DOCX parts) and
run each through ``hecha extract --json``: exit 0 or 1, at most one clean line on stderr naming the
file, never a traceback; and a batch of the heaviest mutations in a child process stays under 1 GB."""

from __future__ import annotations

import io
import json
import random
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hostile_helpers import SAMPLES, CliResult, hecha_measured, one_clean_line

PER_SAMPLE = 34  # 6 samples → 204 mutations
SEED = 20261201


def _truncate(rng: random.Random, data: bytes) -> bytes:
    return data[: rng.randrange(0, len(data))]


def _flip(rng: random.Random, data: bytes) -> bytes:
    b = bytearray(data)
    for _ in range(rng.choice((1, 3, 20, 200))):
        b[rng.randrange(len(b))] = rng.randrange(256)
    return bytes(b)


def _insert(rng: random.Random, data: bytes) -> bytes:
    i = rng.randrange(len(data))
    junk = rng.choice(
        (b"\x00" * 64, bytes(rng.randrange(256) for _ in range(64)), "。".encode() * 0, b"\xff\xfe")
    )
    return data[:i] + junk + data[i:]


def _zero_range(rng: random.Random, data: bytes) -> bytes:
    i = rng.randrange(len(data))
    n = rng.randrange(1, 4096)
    return data[:i] + b"\x00" * min(n, len(data) - i) + data[i + n :]


def _deepen_html(rng: random.Random, data: bytes) -> bytes:
    depth = rng.choice((300, 2100, 6000))
    tag = rng.choice((b"font", b"div", b"span", b"td"))
    i = data.find(b"<body")
    i = data.find(b">", i) + 1 if i >= 0 else 0
    return data[:i] + (b"<" + tag + b">") * depth + data[i:]


def _inflate_docx(rng: random.Random, data: bytes) -> bytes:
    """Rewrite one part with a huge run of padding (a bomb) or a moderate one (a fat but real file)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    target = rng.choice([n for n in src.namelist() if n.endswith(".xml")])
    pad = rng.choice((256 << 10, 24 << 20))  # kept (a fat part), or refused as a bomb by its ratio
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as out:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == target:
                k = body.rfind(b"</")
                body = body[:k] + b" " * pad + body[k:] if k > 0 else body + b" " * pad
            out.writestr(info.filename, body)
    return buf.getvalue()


_COMMON = (_truncate, _flip, _insert, _zero_range)


def _mutations() -> Iterator[tuple[str, bytes]]:
    rng = random.Random(SEED)
    for sample in sorted(SAMPLES.iterdir()):
        data = sample.read_bytes()
        ops: tuple[Callable[[random.Random, bytes], bytes], ...] = _COMMON
        if sample.suffix == ".html":
            ops = (*_COMMON, _deepen_html, _deepen_html)
        elif sample.suffix == ".docx":
            ops = (*_COMMON, _inflate_docx, _inflate_docx)
        for k in range(PER_SAMPLE):
            op = rng.choice(ops)
            yield f"{k:02d}-{op.__name__.strip('_')}{sample.suffix}", op(rng, data)


@pytest.mark.slow  # ~2 s: hundreds of mutated files
def test_mutated_samples_never_crash_hang_or_garble_silently(
    tmp_path: Path, cli: Callable[..., CliResult]
) -> None:
    heavy: list[str] = []
    n = 0
    for name, data in _mutations():
        p = tmp_path / name
        p.write_bytes(data)
        n += 1
        if "inflate" in name or "deepen" in name:
            heavy.append(str(p))
        code, out, err = cli("extract", "--json", str(p))
        assert code in (0, 1), (name, code)
        one_clean_line(err)
        if code == 1:
            assert out == "" and err.count("\n") == 1 and name in err, (name, err)
        else:
            doc = json.loads(out)
            # a mutation that reads at all reads with its damage said: replaced bytes are never silent
            text_damaged = any("\ufffd" in (f["text"] or "") for f in doc["figures"])
            assert not text_damaged or doc["warnings"], name
            assert err == "", (name, err)
    assert n >= 200
    # the heaviest mutations again, in a child: no traceback, bounded memory
    r, peak_mb = hecha_measured(tmp_path, "extract", "--json", *heavy, timeout=300)
    assert r.returncode in (0, 1)
    one_clean_line(r.stderr)
    assert 0 < peak_mb < 1024, f"peak {peak_mb:.0f} MB"
