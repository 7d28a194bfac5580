"""Every ``tdkt`` line of README.md's "## Command line" section runs, in order, as a real
process against throw-away data folders, and must exit 0 and write the files it names: an
example that breaks fails CI. Comment lines are not run (the province demo takes minutes);
without LibreOffice the PDF example runs without ``--pdf`` and its PDF check is skipped."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from desktop.services.documents.pdf import find_office

REPO = Path(__file__).resolve().parents[2]
README = REPO / "README.md"
OUTPUTS = (".docx", ".xlsx", ".pdf")
NO_OFFICE = "LibreOffice is not installed here: the README's --pdf example ran without --pdf"


@dataclass
class Ran:
    line: str
    args: list[str]
    returncode: int
    stdout: str
    stderr: str
    outputs: list[Path]

    def __str__(self) -> str:
        return (f"README line: {self.line}\nran: tdkt {shlex.join(self.args)} -> "
                f"{self.returncode}\n--- stdout ---\n{self.stdout[-3000:]}\n"
                f"--- stderr ---\n{self.stderr[-3000:]}")


def command_blocks(text: str) -> list[list[str]]:
    """The ``tdkt`` lines of each ```bash block under "## Command line" (comments dropped,
    backslash continuations joined); anything else in those blocks is refused."""
    section = re.search(r"^## Command line\n(.*?)(?=^## |\Z)", text, re.M | re.S)
    assert section, "README.md has no “## Command line” section"
    blocks: list[list[str]] = []
    for block in re.findall(r"^```bash\n(.*?)^```", section.group(1), re.M | re.S):
        lines = []
        for line in block.replace("\\\n", " ").splitlines():
            words = shlex.split(line, comments=True)
            if not words:
                continue  # blank or a comment: not run
            assert words[0] == "tdkt", f"README runs something other than tdkt: {line}"
            lines.append(line.strip())
        if lines:
            blocks.append(lines)
    return blocks


def command_lines(text: str) -> list[str]:
    return [line for block in command_blocks(text) for line in block]


def tdkt() -> list[str]:
    """The installed console script (what a reader types), else the module."""
    script = Path(sys.executable).parent / ("tdkt.exe" if os.name == "nt" else "tdkt")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "desktop.cli"]


def commands(line: str, root: Path, office: bool) -> list[list[str]]:
    """One README line as argument lists: ``&&`` split, each ``--home`` moved under ``root``,
    ``--pdf`` dropped when there is no LibreOffice."""
    out: list[list[str]] = [[]]
    for word in shlex.split(line, comments=True):
        if word == "&&":
            out.append([])
        else:
            out[-1].append(word)
    for args in out:
        assert args[0] == "tdkt", line
        del args[0]
        for i, word in enumerate(args[:-1]):
            if word == "--home":
                args[i + 1] = str(root / Path(args[i + 1]).name)
        if not office and "--pdf" in args:
            args.remove("--pdf")
    return out


def expected_outputs(args: list[str], cwd: Path) -> list[Path]:
    files = [cwd / a for a in args if a.endswith(OUTPUTS)]
    if "--pdf" in args and "--out" in args:
        files.append((cwd / args[args.index("--out") + 1]).with_suffix(".pdf"))
    return files


def run_line(line: str, root: Path, cwd: Path, office: bool) -> list[Ran]:
    """One README line (``a && b`` stops at the first failure, as in a shell)."""
    env = {k: v for k, v in os.environ.items() if k != "TDKT_HOME"}
    out = []
    for args in commands(line, root, office):
        proc = subprocess.run([*tdkt(), *args], cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                              capture_output=True, text=True, encoding="utf-8", timeout=300)
        out.append(Ran(line, args, proc.returncode, proc.stdout, proc.stderr,
                       expected_outputs(args, cwd)))
        if proc.returncode != 0:
            break
    return out


@pytest.fixture(scope="module")
def ran(tmp_path_factory: pytest.TempPathFactory) -> list[Ran]:
    """Each block's first line alone (it makes the data), then its other lines side by side
    (they only read the data and each writes its own file): the same outcome as typing them
    in order, in a fraction of the time."""
    root = tmp_path_factory.mktemp("readme")
    cwd = root / "cwd"
    cwd.mkdir()
    office = find_office() is not None
    results: list[Ran] = []
    with ThreadPoolExecutor(max_workers=3) as pool:
        for first, *rest in command_blocks(README.read_text(encoding="utf-8")):
            made = run_line(first, root / "homes", cwd, office)
            results += made
            if made[-1].returncode != 0:
                continue  # the rest of this block would only repeat the failure
            for done in pool.map(lambda line: run_line(line, root / "homes", cwd, office), rest):
                results += done
    return results


def test_the_readme_examples_are_found_and_none_is_slow() -> None:
    lines = command_lines(README.read_text(encoding="utf-8"))
    assert len(lines) >= 10
    assert any(" demo --scale small" in line for line in lines)
    assert not any("province" in line for line in lines), \
        "the province demo takes minutes: keep it as a comment in README.md"
    assert any("render quyet_dinh" in line and "--pdf" in line for line in lines)


def test_every_readme_command_line_succeeds_and_writes_its_files(ran: list[Ran]) -> None:
    assert ran
    for result in ran:
        assert result.returncode == 0, str(result)
        for path in result.outputs:
            assert path.is_file() and path.stat().st_size > 0, f"{path} missing\n{result}"
    assert {r.line for r in ran} == set(command_lines(README.read_text(encoding="utf-8")))


def test_readme_examples_show_the_demo_round(ran: list[Ran]) -> None:
    by_command = {" ".join(r.args[2:4]): r for r in ran if r.returncode == 0}
    assert "/QĐ-UBND" in by_command["decisions list"].stdout  # a signed, numbered decision
    assert "Đã kết thúc" in by_command["rounds list"].stdout
    assert "đạt" in by_command["votes results"].stdout


@pytest.mark.skipif(find_office() is None, reason=NO_OFFICE)
def test_readme_pdf_example_writes_a_pdf(ran: list[Ran]) -> None:
    pdf = [p for r in ran if "--pdf" in r.args for p in r.outputs if p.suffix == ".pdf"]
    assert pdf and all(p.read_bytes().startswith(b"%PDF") for p in pdf)
