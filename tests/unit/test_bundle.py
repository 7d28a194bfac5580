"""The bundle's resource check (desktop/resources_check.py, run by --smoke-test) and what
build.spec trims (scripts/bundle_trim.py): every required file, removed from a fake bundle,
makes the check fail naming it; the trimming keeps what Windows and Linux windows need."""

from __future__ import annotations

import ast
import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from desktop import resources_check as rc
from desktop.db.migrate import SCHEMA_HEAD
from desktop.services.documents.registry import TEMPLATES

ROOT = Path(__file__).resolve().parents[2]
PAGE_ICONS = ("overview.svg", "units.svg", "people.svg", "catalog.svg", "movements.svg",
              "rounds.svg", "blocs.svg", "documents.svg", "sync.svg", "reports.svg", "trash.svg",
              "backups.svg", "settings.svg")


def load_script(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def spec() -> rc.BundleSpec:
    return rc.default_spec(PAGE_ICONS)


def fake_bundle(target: Path, spec: rc.BundleSpec) -> Path:
    """The files the spec needs, copied from the source tree to ``target`` in bundle layout (a
    built translation stands in for the .qm when the tree has none compiled)."""
    for _kind, rel in spec.files():
        (target / rel).parent.mkdir(parents=True, exist_ok=True)
        source = ROOT / rel
        if source.exists():
            shutil.copy(source, target / rel)
        else:
            (target / rel).write_bytes(b"qm")
    shutil.copytree(ROOT / rc.VERSIONS_DIR, target / rc.VERSIONS_DIR, dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns("__pycache__"))
    return target


def test_the_source_tree_has_everything(spec: rc.BundleSpec) -> None:
    if not (ROOT / rc.TRANSLATIONS[0]).exists():
        pytest.skip("translations not compiled (scripts/build_translations.py)")
    assert rc.missing_resources(ROOT, spec) == []


def test_spec_names_every_template_icon_catalog_and_the_schema_head(spec: rc.BundleSpec) -> None:
    assert set(spec.templates) == {t.filename for t in TEMPLATES}
    assert spec.schema_head == SCHEMA_HEAD
    assert {f"resources/catalog/{p.name}" for p in (ROOT / "resources/catalog").glob("*.json")} \
        == set(rc.CATALOG)
    assert set(PAGE_ICONS) <= {p.name for p in (ROOT / "resources/icons").glob("*.svg")}
    pages = (ROOT / "desktop/views/pages/__init__.py").read_text(encoding="utf-8")
    assert {i for i in PAGE_ICONS if f'"{i}"' in pages} == set(PAGE_ICONS)
    i18n = (ROOT / "desktop/i18n.py").read_text(encoding="utf-8")
    assert 'APP_CATALOG = "desktop"' in i18n and 'DEFAULT_LANGUAGE = "vi"' in i18n
    assert rc.TRANSLATIONS == ("resources/translations/desktop_vi.qm",)


def test_removing_each_resource_fails_naming_it(tmp_path: Path, spec: rc.BundleSpec) -> None:
    bundle = fake_bundle(tmp_path / "bundle", spec)
    assert rc.missing_resources(bundle, spec) == []
    for kind, rel in spec.files():
        aside = tmp_path / "aside"
        shutil.move(bundle / rel, aside)
        missing = rc.missing_resources(bundle, spec)
        assert missing == [rc.Missing(kind, rel)], rel
        assert rel in rc.message(missing)
        shutil.move(aside, bundle / rel)
    (bundle / rc.CATALOG[0]).write_bytes(b"")  # an empty file is as good as none
    assert rc.missing_resources(bundle, spec) == [rc.Missing(rc.KIND_CATALOG, rc.CATALOG[0])]


def test_removing_each_migration_names_its_revision(tmp_path: Path,
                                                    spec: rc.BundleSpec) -> None:
    bundle = fake_bundle(tmp_path / "bundle", spec)
    scripts = sorted((bundle / rc.VERSIONS_DIR).glob("*.py"))
    assert len(scripts) >= 11
    for script in scripts:
        revision = script.name.split("_")[0]
        text = script.read_bytes()
        script.unlink()
        missing = rc.missing_resources(bundle, spec)
        assert missing == [rc.Missing(rc.KIND_MIGRATION, f"{rc.VERSIONS_DIR}: bản {revision}")]
        script.write_bytes(text)


def test_message_is_vietnamese_and_lists_each_file() -> None:
    text = rc.message([rc.Missing(rc.KIND_TEMPLATE, "desktop/templates_docx/to_trinh.docx"),
                       rc.Missing(rc.KIND_ICON, "resources/icons/people.svg")])
    assert text.startswith("Bản cài TĐKT Desktop thiếu 2 tệp cần thiết:")
    assert "  - mẫu văn bản Word: desktop/templates_docx/to_trinh.docx\n" in text
    assert "  - biểu tượng: resources/icons/people.svg\n" in text


def test_smoke_test_of_a_bundle_missing_a_file_says_which(tmp_path: Path,
                                                         spec: rc.BundleSpec) -> None:
    """The real --smoke-test, run as a frozen program would (sys._MEIPASS is the bundle)."""
    bundle = fake_bundle(tmp_path / "bundle", spec)
    (bundle / "desktop/templates_docx/quyet_dinh.docx").unlink()
    code = ("import sys; sys._MEIPASS = sys.argv[1]; from desktop.app import main; "
            "sys.exit(main(['--smoke-test', '--home', sys.argv[2]]))")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", code, str(bundle), str(tmp_path / "home")],
                            capture_output=True, text=True, encoding="utf-8", env=env,
                            timeout=120, cwd=ROOT, check=False)
    assert result.returncode == 1, result.stderr
    assert "thiếu 1 tệp cần thiết" in result.stderr
    assert "mẫu văn bản Word: desktop/templates_docx/quyet_dinh.docx" in result.stderr
    assert "smoke test ok" not in result.stdout


# -- what build.spec leaves out -------------------------------------------------------------------
@pytest.mark.parametrize("dest", [
    "PySide6/plugins/platforms/qwindows.dll", "PySide6/plugins/platforms/qoffscreen.dll",
    "PySide6/plugins/styles/qmodernwindowsstyle.dll", "PySide6/plugins/imageformats/qsvg.dll",
    "PySide6/plugins/imageformats/qico.dll", "PySide6/plugins/iconengines/qsvgicon.dll",
    "PySide6/Qt6Core.dll", "PySide6/Qt6Network.dll", "PySide6/QtWidgets.pyd",
    "PySide6/Qt/plugins/platforms/libqxcb.so", "PySide6/Qt/plugins/platforms/libqwayland.so",
    "PySide6/Qt/plugins/platforms/libqoffscreen.so",
    "PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so",
    "PySide6/Qt/plugins/wayland-shell-integration/libxdg-shell.so",
    "PySide6/Qt/lib/libQt6Widgets.so.6", "PySide6/Qt/lib/libicudata.so.73",
    "resources/translations/desktop_vi.qm", "desktop/templates_docx/to_trinh.docx",
    "PySide6/translations/qtbase_vi.qm",
])
def test_trim_keeps(dest: str) -> None:
    trim = load_script("bundle_trim")
    assert trim.keep(dest) and trim.keep(dest.replace("/", "\\"))


@pytest.mark.parametrize("dest", [
    "PySide6/translations/qtbase_de.qm", "PySide6/Qt/translations/qt_help_fr.qm",
    "PySide6/plugins/platforms/qdirect2d.dll", "PySide6/plugins/platforms/qminimal.dll",
    "PySide6/plugins/imageformats/qjpeg.dll", "PySide6/plugins/tls/qschannelbackend.dll",
    "PySide6/plugins/networkinformation/qnetworklistmanager.dll",
    "PySide6/plugins/generic/qtuiotouchplugin.dll", "PySide6/opengl32sw.dll",
    "PySide6/d3dcompiler_47.dll",
    "PySide6/Qt/plugins/platforms/libqeglfs.so", "PySide6/Qt/plugins/platforms/libqvnc.so",
    "PySide6/Qt/plugins/egldeviceintegrations/libqeglfs-x11-integration.so",
    "PySide6/Qt/plugins/xcbglintegrations/libqxcb-glx-integration.so",
    "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
    "PySide6/Qt/lib/libQt6EglFSDeviceIntegration.so.6",
])
def test_trim_drops(dest: str) -> None:
    assert not load_script("bundle_trim").keep(dest)


def test_build_spec_makes_the_window_and_the_console_program() -> None:
    text = (ROOT / "build.spec").read_text(encoding="utf-8")
    tree = ast.parse(text)
    calls = [node for node in ast.walk(tree) if isinstance(node, ast.Call)
             and isinstance(node.func, ast.Name) and node.func.id == "program"]
    made = {(ast.literal_eval(c.args[1]), ast.literal_eval(c.args[2])) for c in calls}
    assert made == {("TDKT-Desktop", False), ("tdkt", True)}  # (name, console)
    assert 'ROOT / "desktop" / "cli" / "__main__.py"' in text
    assert "bundle_trim.trim(a.binaries)" in text and "make_icon.build(" in text
    assert "make_version_file.write(" in text


def test_smoke_test_names_a_page_module_that_does_not_import(tmp_path: Path) -> None:
    """A page left out of the bundle (or one whose Qt module build.spec excluded) fails the
    smoke test with its name, instead of an error dialog nobody closes."""
    code = (
        "import importlib, sys\n"
        "real = importlib.import_module\n"
        "def fake(name, *args):\n"
        "    if name == 'desktop.views.pages.documents':\n"
        "        raise ImportError(\"No module named 'PySide6.QtPrintSupport'\")\n"
        "    return real(name, *args)\n"
        "importlib.import_module = fake\n"
        "from desktop.app import main\n"
        "sys.exit(main(['--smoke-test', '--home', sys.argv[1]]))\n")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", code, str(tmp_path / "home")],
                            capture_output=True, text=True, encoding="utf-8", env=env,
                            timeout=120, cwd=ROOT, check=False)
    assert result.returncode == 1, result.stderr
    assert ("mô-đun chương trình: desktop.views.pages.documents "
            "(No module named 'PySide6.QtPrintSupport')") in result.stderr
