"""What build.spec leaves out of the bundle: Qt files the program never loads.

The program is a Qt Widgets window (no OpenGL, QML or multimedia; it prints reports) in Vietnamese, so
the bundle needs the window-system plugins, SVG for icons, ICO for the Windows icon, the input
methods (Vietnamese is typed through IBus/Unikey on Linux) and the Windows 11 style, but none
of Qt's own translations (the wheels carry no Vietnamese ones: desktop/i18n.py), no embedded-
Linux back-ends (eglfs, linuxfb, vnc, evdev) and no software OpenGL (opengl32sw.dll).

``keep(dest)`` decides from a bundle path alone, so a unit test can check the rules.
"""

from __future__ import annotations

from pathlib import PurePosixPath

QT_ROOTS = ("PySide6/Qt/", "PySide6/")  # plugins/translations live under Qt/ on Linux, not Windows
# plugin folder -> file-name stems kept (None: the whole folder); folders not listed are dropped.
KEEP_PLUGINS: dict[str, frozenset[str] | None] = {
    "platforms": frozenset({"qxcb", "qwayland", "qoffscreen", "qwindows"}),
    "platformthemes": frozenset({"qxdgdesktopportal"}),  # native file dialogs through the portal
    "platforminputcontexts": None,  # compose key and IBus (Vietnamese input methods)
    "imageformats": frozenset({"qsvg", "qico"}),
    "iconengines": frozenset({"qsvgicon"}),
    "styles": None,  # qmodernwindowsstyle: the Windows 10/11 look
    "printsupport": None,  # printing reports (desktop/views/widgets/report_view.py): CUPS, Windows
    "wayland-shell-integration": frozenset({"xdg-shell"}),
    "wayland-decoration-client": None,
}
# Libraries only the dropped plugins link (EGL back-ends, GLX, the other Wayland shells, the
# GTK theme's cairo/pango/atk/pixbuf: nothing else in a Linux build names them as NEEDED), and
# on Windows those Qt loads only for OpenGL (software rasteriser, shader compiler): Qt Widgets
# paint without them.
DROP_LIBRARIES = frozenset({
    "libqt6eglfsdeviceintegration.so.6", "libqt6eglfskmssupport.so.6", "libqt6opengl.so.6",
    "libqt6wlshellintegration.so.6", "libxcb-glx.so.0", "libatk-1.0.so.0",
    "libcairo-gobject.so.2", "libgdk_pixbuf-2.0.so.0", "libpangocairo-1.0.so.0",
    "opengl32sw.dll", "d3dcompiler_47.dll",
})
# Python modules the program never imports but that packages pull in through optional imports.
EXCLUDED_MODULES = (
    "tkinter",
    "PIL",  # openpyxl and docx only use it to embed pictures, which the program never does
    "PySide6.QtWebEngineCore", "PySide6.QtWebEngineWidgets", "PySide6.Qt3DCore",
    "PySide6.QtQuick", "PySide6.QtQml", "PySide6.QtMultimedia", "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets", "PySide6.QtDBus", "PySide6.QtSql", "PySide6.QtTest",
    "PySide6.QtXml", "PySide6.QtConcurrent",
)


def keep(dest: str) -> bool:
    """Whether the bundle file at ``dest`` (its path inside the bundle) is kept."""
    path = PurePosixPath(dest.replace("\\", "/"))
    text = str(path)
    if path.name.lower() in DROP_LIBRARIES:
        return False
    for root in QT_ROOTS:
        if not text.startswith(root):
            continue
        rest = PurePosixPath(text[len(root):]).parts
        if rest and rest[0] == "translations":
            return path.name.endswith("_vi.qm")
        if rest and rest[0] == "plugins" and len(rest) >= 3:
            wanted = KEEP_PLUGINS.get(rest[1], frozenset())
            return wanted is None or _stem(path.name) in wanted
        break
    return True


def _stem(name: str) -> str:
    """"libqxcb.so" / "qwindows.dll" / "qwindowsd.dll" → "qxcb" / "qwindows"."""
    stem = name.split(".")[0]
    return stem.removeprefix("lib")


def trim(entries: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """A PyInstaller TOC (dest, source, type) without the entries ``keep`` refuses."""
    return [entry for entry in entries if keep(entry[0])]
