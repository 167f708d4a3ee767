#!/usr/bin/env python3
"""Draws the Teams app icons (color 192x192, outline 32x32 white on transparent) as PNGs, standard library only.

A speech bubble with two text lines: the bot is a chat assistant. Run: python3 make-icons.py
"""
import struct
import zlib


def png(path, width, height, pixel):
    rows = b"".join(b"\x00" + b"".join(bytes(pixel(x, y)) for x in range(width)) for y in range(height))
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n")
        f.write(chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)))  # 8-bit RGBA
        f.write(chunk(b"IDAT", zlib.compress(rows, 9)))
        f.write(chunk(b"IEND", b""))


def bubble(x, y, s):
    """True inside the bubble drawn on an s x s canvas: a rounded box and a tail at the lower left."""
    left, top, right, bottom, r = 0.2 * s, 0.25 * s, 0.8 * s, 0.68 * s, 0.08 * s
    cx = min(max(x, left + r), right - r)
    cy = min(max(y, top + r), bottom - r)
    box = left <= x <= right and top <= y <= bottom and (x - cx) ** 2 + (y - cy) ** 2 <= r * r
    tail = bottom <= y <= 0.84 * s and 0.32 * s <= x <= 0.32 * s + (0.84 * s - y) * 0.9
    return box or tail


def line(x, y, s):
    """The two 'text' lines inside the bubble."""
    return (0.31 * s <= x <= 0.69 * s and 0.37 * s <= y <= 0.42 * s) or (0.31 * s <= x <= 0.56 * s and 0.5 * s <= y <= 0.55 * s)


GREEN = (31, 111, 92, 255)
WHITE = (255, 255, 255, 255)
CLEAR = (0, 0, 0, 0)

# Color icon: full-bleed brand colour, white bubble, green lines (Teams asks for 192x192).
png("color.png", 192, 192, lambda x, y: GREEN if line(x + .5, y + .5, 192) else WHITE if bubble(x + .5, y + .5, 192) else GREEN)
# Outline icon: white on transparent only (Teams asks for 32x32).
png("outline.png", 32, 32, lambda x, y: CLEAR if line(x + .5, y + .5, 32) else WHITE if bubble(x + .5, y + .5, 32) else CLEAR)
