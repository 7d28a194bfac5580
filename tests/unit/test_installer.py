"""The Windows build, checked from Linux: the workflow has every step (and passes actionlint
when it is installed), the Inno Setup script installs per user and keeps the officer's data,
the version resources come from desktop.__version__, and the icon has every size."""

from __future__ import annotations

import ast
import configparser
import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from desktop import __version__

ROOT = Path(__file__).resolve().parents[2]
WORKFLOW = ROOT / ".github" / "workflows" / "windows.yml"
ISS = ROOT / "installer" / "tdkt.iss"
APP_ID = "{{6584BEA6-E389-4CB8-B849-E2695CF9C012}"  # never change: upgrades find the old install


def load_script(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# -- the workflow ----------------------------------------------------------------------------------
def workflow() -> dict[str, Any]:
    yaml = pytest.importorskip("yaml")  # PyYAML: in the test extra
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def step_index(steps: list[dict[str, Any]], pattern: str) -> int:
    """The first step whose `run` or `uses` matches ``pattern``."""
    for index, step in enumerate(steps):
        if re.search(pattern, str(step.get("run", "")) + str(step.get("uses", ""))):
            return index
    raise AssertionError(f"no step matches {pattern!r}")


def test_workflow_builds_tests_and_keeps_bundle_and_installer() -> None:
    data = workflow()
    triggers = data.get("on", data.get(True))  # PyYAML reads a bare `on:` as True
    assert {"push", "pull_request", "workflow_dispatch"} <= set(triggers)
    job = data["jobs"]["windows"]
    assert job["runs-on"].startswith("windows")
    steps = job["steps"]
    python = steps[step_index(steps, r"actions/setup-python@")]
    assert str(python["with"]["python-version"]) == "3.11"
    order = [step_index(steps, pattern) for pattern in (
        r"actions/checkout@",
        r"pip install -e \"\.\[build,test\]\"",
        r"scripts\\build_translations\.py",
        r"pytest -q tests/unit tests/cli",
        r"pyinstaller --noconfirm --clean build\.spec",
        r"TDKT-Desktop\.exe -ArgumentList \"--smoke-test\"",
        r"tdkt\.exe --version",
        r"ISCC\.exe[\s\S]*installer\\tdkt\.iss",
        r"unins000\.exe",
        r"actions/upload-artifact@",
    )]
    assert order == sorted(order)
    uploads = [s["with"]["path"] for s in steps if str(s.get("uses", "")).startswith(
        "actions/upload-artifact@")]
    assert uploads == ["dist/TDKT-Desktop/", "dist/installer/*.exe"]
    assert all(s["with"]["if-no-files-found"] == "error" for s in steps
               if str(s.get("uses", "")).startswith("actions/upload-artifact@"))


def test_workflow_checks_the_data_survives_uninstall() -> None:
    steps = workflow()["jobs"]["windows"]["steps"]
    script = str(steps[step_index(steps, r"unins000\.exe")]["run"])
    assert r"$env:LOCALAPPDATA\Programs\TDKT Desktop" in script  # installer/tdkt.iss's folder
    assert r"$env:LOCALAPPDATA\TDKT\TDKT Desktop" in script  # desktop/paths.py's data folder
    assert script.index("unins000.exe") < script.rindex(r'Test-Path "$data\tdkt.db"')


def test_the_build_scripts_do_the_same_steps() -> None:
    for script in (ROOT / "scripts" / "build-bundle.sh", ROOT / "scripts" / "build-bundle.ps1"):
        text = script.read_text(encoding="utf-8-sig")
        for needle in ("build_translations.py", "--noconfirm", "--clean", "build.spec",
                       "--smoke-test", "--version", "init", "verify"):
            assert needle in text, (script.name, needle)
    ps1 = (ROOT / "scripts" / "build-bundle.ps1").read_bytes()
    assert ps1.startswith(b"\xef\xbb\xbf")  # Windows PowerShell 5.1 reads a BOM-less file as ANSI
    assert b"installer\\tdkt.iss" in ps1 and b"--iscc-defines" in ps1
    yml = WORKFLOW.read_text(encoding="utf-8")
    url = re.search(r"https://raw\.githubusercontent\.com/\S+Vietnamese\.isl", yml)
    assert url is not None and url.group(0).encode() in ps1  # the same pinned revision


@pytest.mark.skipif(shutil.which("actionlint") is None, reason="actionlint is not installed")
def test_actionlint() -> None:
    result = subprocess.run(["actionlint", str(WORKFLOW)], capture_output=True, text=True,
                            check=False, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr


# -- the installer script --------------------------------------------------------------------------
def iss_sections() -> dict[str, list[str]]:
    """Section name (lower case) -> its lines, without comments and preprocessor lines."""
    sections: dict[str, list[str]] = {}
    current = ""
    for raw in ISS.read_text(encoding="utf-8-sig").splitlines():
        line = raw.strip()
        if not line or line.startswith((";", "#")):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1].lower()
            sections.setdefault(current, [])
        else:
            sections.setdefault(current, []).append(line)
    return sections


def directives(lines: list[str]) -> dict[str, str]:
    return {k.strip().lower(): v.strip() for k, _, v in (line.partition("=") for line in lines)}


def entries(lines: list[str]) -> list[dict[str, str]]:
    """`Name: "x"; Flags: y` lines as dictionaries (keys lower case, quotes removed)."""
    parsed = []
    for line in lines:
        fields = {}
        for part in line.split(";"):
            key, _, value = part.partition(":")
            fields[key.strip().lower()] = value.strip().strip('"')
        parsed.append(fields)
    return parsed


def test_installer_is_per_user_without_administrator_rights() -> None:
    setup = directives(iss_sections()["setup"])
    assert setup["privilegesrequired"] == "lowest"
    assert "privilegesrequiredoverridesallowed" not in setup  # never offers to elevate
    assert setup["defaultdirname"] == r"{localappdata}\Programs\TDKT Desktop"
    assert setup["appid"] == APP_ID
    assert setup["setupiconfile"] == r"..\build\generated\tdkt.ico"
    assert setup["versioninfoversion"] == "{#AppNumericVersion}"
    assert ISS.read_bytes().startswith(b"\xef\xbb\xbf")  # Vietnamese text: UTF-8 with BOM


def test_installer_speaks_vietnamese() -> None:
    sections = iss_sections()
    languages = entries(sections["languages"])
    assert [lang["name"] for lang in languages] == ["vi"]
    text = ISS.read_text(encoding="utf-8-sig")
    assert '"compiler:Languages\\Unofficial\\Vietnamese.isl"' in text
    assert '#define VietnameseMessages "Vietnamese.isl"' in text
    assert (ROOT / ".gitignore").read_text(encoding="utf-8").count("installer/Vietnamese.isl") == 1
    custom = directives(sections["custommessages"])
    assert custom["vi.desktopshortcut"].startswith("Tạo lối tắt")
    messages = directives(sections["messages"])
    assert "được giữ nguyên" in messages["vi.confirmuninstall"]


def test_installer_shortcuts_start_menu_and_optional_desktop() -> None:
    sections = iss_sections()
    tasks = entries(sections["tasks"])
    assert tasks == [{"name": "desktopicon", "description": "{cm:DesktopShortcut}",
                      "groupdescription": "{cm:ShortcutsGroup}", "flags": "unchecked"}]
    icons = entries(sections["icons"])
    assert [i["name"] for i in icons] == [r"{autoprograms}\{#AppName}", r"{autodesktop}\{#AppName}"]
    assert "tasks" not in icons[0] and icons[1]["tasks"] == "desktopicon"


def test_uninstall_never_deletes_the_officers_data(monkeypatch: pytest.MonkeyPatch) -> None:
    sections = iss_sections()
    assert "code" not in sections  # no Pascal code that could delete anything else
    for section in ("uninstalldelete", "installdelete"):
        for entry in entries(sections[section]):
            assert entry["name"] == "{app}" or entry["name"].startswith("{app}\\"), entry
    assert "uninstallrun" not in sections
    # The data folders on Windows (platformdirs, as desktop/paths.py asks) are not in {app}.
    import platformdirs.windows

    from desktop.paths import APP_AUTHOR, APP_NAME

    local = r"C:\Users\canbo\AppData\Local"
    monkeypatch.setattr(platformdirs.windows, "get_win_folder", lambda _csidl: local)
    dirs = platformdirs.windows.Windows(APP_NAME, APP_AUTHOR, roaming=False)
    for folder in (dirs.user_data_dir, dirs.user_config_dir, dirs.user_log_dir):
        assert folder.replace("/", "\\").startswith(local + "\\TDKT\\TDKT Desktop"), folder
        assert "Programs" not in folder


# -- version resources and icon --------------------------------------------------------------------
def test_version_files_come_from_desktop_version(tmp_path: Path) -> None:
    make = load_script("make_version_file")
    written = make.write(tmp_path)
    assert set(written) == {"gui", "cli"}
    numbers = make.version_tuple(__version__)
    for stem, original in (("gui", "TDKT-Desktop.exe"), ("cli", "tdkt.exe")):
        text = written[stem].read_text(encoding="utf-8")
        # PyInstaller evaluates the file with its VSVersionInfo classes; record the calls instead.
        names = ("VSVersionInfo", "FixedFileInfo", "StringFileInfo", "StringTable",
                 "StringStruct", "VarFileInfo", "VarStruct")
        tree = ast.parse(text, mode="eval")
        called = {n.func.id for n in ast.walk(tree) if isinstance(n, ast.Call)
                  and isinstance(n.func, ast.Name)}
        assert called == set(names)
        strings = {ast.literal_eval(c.args[0]): ast.literal_eval(c.args[1])
                   for c in ast.walk(tree) if isinstance(c, ast.Call)
                   and isinstance(c.func, ast.Name) and c.func.id == "StringStruct"}
        assert strings["CompanyName"] == "TDKT"
        assert strings["ProductName"] == "TĐKT Desktop"
        assert strings["ProductVersion"] == __version__
        assert strings["FileVersion"] == ".".join(map(str, numbers))
        assert strings["OriginalFilename"] == original
        assert f"filevers={numbers}" in text
    assert make.version_tuple("1.2.0rc1") == (1, 2, 0, 0)
    assert make.iscc_defines() == [f"/DAppVersion={__version__}",
                                   f"/DAppNumericVersion={'.'.join(map(str, numbers))}"]


def test_icon_has_every_size(tmp_path: Path) -> None:
    pytest.importorskip("PIL", reason="Pillow is in the build extra")
    out = tmp_path / "tdkt.ico"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    subprocess.run([sys.executable, str(ROOT / "scripts" / "make_icon.py"), str(out)],
                   check=True, env=env, timeout=120, capture_output=True)
    from PIL import Image

    with Image.open(out) as icon:
        assert sorted(icon.info["sizes"]) == [(s, s) for s in (16, 24, 32, 48, 64, 128, 256)]
    gitignore = (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert "build/" in gitignore  # build/generated/tdkt.ico is never committed


def test_inno_setup_sections_parse() -> None:
    """The script reads as an INI file apart from its preprocessor lines (a typo in a section
    header or a stray line would show here before ISCC sees it)."""
    parser = configparser.ConfigParser(strict=True, interpolation=None, delimiters=("=",))
    parser.optionxform = str  # type: ignore[assignment, method-assign]
    kept = [line for line in ISS.read_text(encoding="utf-8-sig").splitlines()
            if line.strip() and not line.lstrip().startswith((";", "#"))
            and (line.startswith("[") or "=" in line)]
    parser.read_string("\n".join(kept))
    assert {"Setup", "Languages", "Tasks", "Files", "Icons", "Run", "UninstallDelete"} <= set(
        parser.sections())
