"""The CJK fonts the renderers use, found among the system's fonts by family name (installed by
scripts/setup.sh; nothing is ever downloaded).

PDF needs TrueType outlines to embed (reportlab cannot embed the CFF outlines of Noto CJK), so the
PDF uses AR PL UMing (a 明体/宋体 face, fonts-arphic-uming) for text, Liberation Serif (a Times-style
serif, fonts-liberation2) for the digits and Latin letters in it, and WenQuanYi Zen Hei (a 黑体
face, fonts-wqy-zenhei) for headings. Charts are drawn by matplotlib, which reads any outline, and
prefer Noto Sans CJK.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache

from ..errors import YusuanError

# Most wanted first.
SONG_FAMILIES = ("AR PL UMing CN", "AR PL UMing TW")
# Digits and Latin letters of the PDF's 宋体 text: a Times-style serif (as printed documents pair
# 宋体 with Times New Roman), since UMing's own digits are a typewriter's.
LATIN_FAMILIES = ("Liberation Serif",)
LATIN_BOLD_FAMILIES = ("Liberation Serif Bold",)
HEI_FAMILIES = ("WenQuanYi Zen Hei", "WenQuanYi Zen Hei Sharp")
CHART_FAMILIES = ("Noto Sans CJK SC", "WenQuanYi Zen Hei", "AR PL UMing CN")

# The Debian packages that provide them, for the message when one is missing.
PACKAGES = "fonts-arphic-uming fonts-wqy-zenhei fonts-noto-cjk fonts-liberation2"


class FontMissing(YusuanError):
    """No installed font can print Chinese for this output."""

    def __init__(self, families: tuple[str, ...]) -> None:
        super().__init__(
            f"找不到中文字体（{' / '.join(families)}），请先运行 scripts/setup.sh 安装 {PACKAGES}"
            " (no CJK font installed)"
        )


@dataclass(frozen=True, slots=True)
class FontFile:
    family: str
    path: str


# Where Debian's packages put each family: looked at first, since reading matplotlib's font list
# means importing matplotlib (a third of a second), which a run without charts can do without.
DEBIAN_PATHS = {
    "AR PL UMing CN": "/usr/share/fonts/truetype/arphic/uming.ttc",
    "AR PL UMing TW": "/usr/share/fonts/truetype/arphic/uming.ttc",
    "WenQuanYi Zen Hei": "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "WenQuanYi Zen Hei Sharp": "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "Noto Sans CJK SC": "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "Liberation Serif": "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf",
    "Liberation Serif Bold": "/usr/share/fonts/truetype/liberation2/LiberationSerif-Bold.ttf",
}


@cache
def find_font(families: tuple[str, ...]) -> FontFile:
    """The first of `families` that is installed: at its Debian path, else in matplotlib's font
    list (read once)."""
    for family in families:
        path = DEBIAN_PATHS.get(family)
        if path and os.path.isfile(path):
            return FontFile(family, path)
    from matplotlib import font_manager

    manager = font_manager.fontManager
    for attempt in range(2):
        installed: dict[str, str] = {}
        for entry in manager.ttflist:
            installed.setdefault(entry.name, entry.fname)
        for family in families:
            if family in installed:
                return FontFile(family, installed[family])
        if attempt == 0:
            # matplotlib's font list is cached on disk: fonts installed after it was made are
            # missing from it until they are added.
            known = {entry.fname for entry in manager.ttflist}
            for path in font_manager.findSystemFonts():
                if path not in known:
                    try:
                        manager.addfont(path)
                    except (OSError, RuntimeError, ValueError):
                        continue  # not a font matplotlib can read
    raise FontMissing(families)
