"""Make the program's Windows icon (.ico) from the medal of resources/icons/catalog.svg.

    python scripts/make_icon.py [OUT.ico]       # default: build/generated/tdkt.ico

Build output, never committed: build.spec and the build scripts call this. Each size is rendered
from the SVG by Qt (QSvgRenderer), so small sizes stay sharp instead of being shrunk from one
large bitmap. Pillow writes the file: Qt's own ICO writer (the qico image-format plugin) stores a
single image per file, and Windows needs several (16 px in lists, 32/48 px on the desktop,
256 px in large views); Pillow writes them all, PNG-compressed, in one .ico.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "resources" / "icons" / "catalog.svg"
DEFAULT_OUT = ROOT / "build" / "generated" / "tdkt.ico"
SIZES = (16, 24, 32, 48, 64, 128, 256)
TILE = "#2f5f8f"  # the icons' stroke colour: the medal is drawn white on it
MEDAL = "#ffffff"


def render_png(svg: bytes, size: int) -> bytes:
    """The medal on a rounded tile, ``size`` pixels square, as PNG bytes."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
    from PySide6.QtGui import QColor, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(TILE))
    radius = size * 0.18
    painter.drawRoundedRect(QRectF(0, 0, size, size), radius, radius)
    renderer = QSvgRenderer(QByteArray(svg))
    if not renderer.isValid():
        raise SystemExit(f"Không đọc được biểu tượng SVG: {SOURCE}")
    margin = size * 0.08
    renderer.render(painter, QRectF(margin, margin, size - 2 * margin, size - 2 * margin))
    painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data().data())


def build(out: Path = DEFAULT_OUT, source: Path = SOURCE) -> Path:
    """Write ``out`` with every size in ``SIZES``; returns it."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # painting needs one
    svg = source.read_bytes().replace(b'stroke="#2f5f8f"', f'stroke="{MEDAL}"'.encode())
    images = [Image.open(io.BytesIO(render_png(svg, size))) for size in SIZES]
    out.parent.mkdir(parents=True, exist_ok=True)
    largest = images[-1]
    largest.save(out, format="ICO", sizes=[(s, s) for s in SIZES], append_images=images[:-1])
    return out


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else DEFAULT_OUT
    print(build(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
