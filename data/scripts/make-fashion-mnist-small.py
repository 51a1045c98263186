#!/usr/bin/env python3
"""Makes latent4j's shipped Fashion-MNIST subset (fashion-mnist-small) from the full data set.

Takes the first TRAIN training and the first TEST test images with their labels, unchanged, from the
four IDX .gz files of Fashion-MNIST (by default where Debian's dataset-fashion-mnist package installs
them) and writes them as IDX .gz files with gzip's timestamp set to 0, so that the output is the same
byte for byte on every run. Needs only the Python standard library.

Usage: make-fashion-mnist-small.py [SOURCE_DIR [OUT_DIR [TRAIN [TEST]]]]
"""
import gzip
import struct
import sys
from pathlib import Path

here = Path(__file__).resolve().parent
src = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/usr/share/datasets/fashion-mnist")
out = Path(sys.argv[2]) if len(sys.argv) > 2 else here.parent / "src/main/resources/org/latent4j/data/fashion-mnist-small"
counts = {"train": int(sys.argv[3]) if len(sys.argv) > 3 else 5000,
          "t10k": int(sys.argv[4]) if len(sys.argv) > 4 else 1000}


def head(name, n):
    """The IDX file `name` cut to its first n items: header with the count replaced, then n items."""
    data = gzip.decompress((src / name).read_bytes())
    magic, total = struct.unpack(">II", data[:8])
    ndims = magic & 0xFF
    dims = struct.unpack(">" + "I" * ndims, data[4:4 + 4 * ndims])
    if magic >> 8 != 0x08 or total < n:
        sys.exit(f"{src / name}: unexpected header {magic:#010x} {dims}")
    item = 1
    for d in dims[1:]:
        item *= d
    body = data[4 + 4 * ndims:4 + 4 * ndims + n * item]
    return struct.pack(">I", magic) + struct.pack(">" + "I" * ndims, n, *dims[1:]) + body


out.mkdir(parents=True, exist_ok=True)
for split, n in counts.items():
    for kind in ("images-idx3", "labels-idx1"):
        name = f"{split}-{kind}-ubyte.gz"
        (out / name).write_bytes(gzip.compress(head(name, n), compresslevel=9, mtime=0))
        print(out / name, (out / name).stat().st_size, "bytes")
