#!/usr/bin/env python3
"""Rebuild the TrueType fonts the portal draws with (crates/graphics/assets/fonts/).

Share cards and posters are drawn on the server, so they need the fonts as TrueType, not the
WOFF2 files browsers get. They are made from the very files the site already vendors
(crates/web/static/vendor/pt-sans, pt-serif: @fontsource 5.3.0, OFL-1.1), so the pictures and the
pages use the same letters: each weight's Latin and Cyrillic subsets are unpacked and merged.

Needs fontTools and brotli:  pip install fonttools brotli
"""
from pathlib import Path

from fontTools.merge import Merger
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parent.parent
VENDOR = ROOT / "crates/web/static/vendor"
OUT = ROOT / "crates/graphics/assets/fonts"
WEIGHTS = {"400": "regular", "700": "bold"}


def main() -> None:
    tmp = OUT / ".parts"
    tmp.mkdir(exist_ok=True)
    for family in ("pt-sans", "pt-serif"):
        for weight, name in WEIGHTS.items():
            parts = []
            for subset in ("latin", "cyrillic"):
                font = TTFont(VENDOR / family / f"{family}-{subset}-{weight}-normal.woff2")
                font.flavor = None
                part = tmp / f"{family}-{subset}-{weight}.ttf"
                font.save(part)
                parts.append(str(part))
            Merger().merge(parts).save(OUT / f"{family}-{name}.ttf")
            for part in parts:
                Path(part).unlink()
    tmp.rmdir()


if __name__ == "__main__":
    main()
