# Build the Windows bundle (dist\TDKT-Desktop: TDKT-Desktop.exe and tdkt.exe), check it and make
# the installer (dist\installer\TDKT-Desktop-<version>-cai-dat.exe): the same steps as
# scripts/build-bundle.sh and .github/workflows/windows.yml. From the repository folder:
#   powershell -ExecutionPolicy Bypass -File scripts\build-bundle.ps1 [-SkipInstaller]
param([switch]$SkipInstaller)
$ErrorActionPreference = "Stop"
Set-Location (Split-Path $PSScriptRoot -Parent)

# Inno Setup's Vietnamese messages are an unofficial translation its installer does not install:
# fetched, at a fixed revision, beside installer\tdkt.iss (gitignored).
$VietnameseIsl = "https://raw.githubusercontent.com/jrsoftware/issrc/7e4637c5ba4c1fdd7f9e67214d0a8cc83ad692ac/Files/Languages/Unofficial/Vietnamese.isl"

function Invoke-Checked([string]$Program, [string[]]$Arguments) {
    & $Program @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$Program $($Arguments -join ' '): mã lỗi $LASTEXITCODE" }
}

function Test-SmokeTest([string]$Exe, [string]$DataHome) {
    # A windowed program: PowerShell does not wait for it unless told to, and it has no console,
    # so its exit code says whether it passed and its log folder says why not.
    $process = Start-Process -FilePath $Exe -ArgumentList @("--smoke-test", "--home", "`"$DataHome`"") `
        -PassThru -NoNewWindow
    $null = $process.Handle  # keeps the exit code readable after the process ends
    if (-not $process.WaitForExit(300000)) {  # a dialog nobody closes: never wait forever
        Stop-Process -Id $process.Id -Force
        throw "$Exe --smoke-test: quá 5 phút"
    }
    if ($process.ExitCode -ne 0) {
        Get-ChildItem -Path (Join-Path $DataHome "logs") -Filter *.log -ErrorAction SilentlyContinue |
            ForEach-Object { Get-Content $_.FullName -Tail 40 }
        throw "$Exe --smoke-test: mã lỗi $($process.ExitCode)"
    }
}

$python = ".venv\Scripts\python.exe"
if (-not (Test-Path $python)) { Invoke-Checked "py" @("-3.11", "-m", "venv", ".venv") }
Invoke-Checked $python @("-m", "pip", "install", "-q", "-e", ".[build,test]")
Invoke-Checked $python @("scripts\build_translations.py")
Invoke-Checked ".venv\Scripts\pyinstaller.exe" @("--noconfirm", "--clean", "build.spec")

$work = Join-Path ([IO.Path]::GetTempPath()) "tdkt-bundle-$PID"
Test-SmokeTest "dist\TDKT-Desktop\TDKT-Desktop.exe" (Join-Path $work "home")
Invoke-Checked "dist\TDKT-Desktop\tdkt.exe" @("--version")
Invoke-Checked "dist\TDKT-Desktop\tdkt.exe" @("--home", (Join-Path $work "cli"), "init",
    "--office-name", "Ủy ban nhân dân xã Thử", "--office-code", "TH", "--office-kind", "commune")
Invoke-Checked "dist\TDKT-Desktop\tdkt.exe" @("--home", (Join-Path $work "cli"), "verify")
if ($SkipInstaller) { exit 0 }

$iscc = (Get-Command iscc.exe -ErrorAction SilentlyContinue).Source
if (-not $iscc) { $iscc = "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe" }
if (-not (Test-Path $iscc)) {
    Invoke-Checked "choco" @("install", "innosetup", "-y", "--no-progress")
    $iscc = "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe"
}
$bundled = Join-Path (Split-Path $iscc) "Languages\Unofficial\Vietnamese.isl"
if (-not (Test-Path $bundled) -and -not (Test-Path "installer\Vietnamese.isl")) {
    Invoke-WebRequest -Uri $VietnameseIsl -OutFile "installer\Vietnamese.isl" -UseBasicParsing
}
$defines = & $python scripts\make_version_file.py --iscc-defines
Invoke-Checked $iscc (@($defines) + @("installer\tdkt.iss"))
Get-ChildItem dist\installer\*.exe | ForEach-Object { "Bản cài: $($_.FullName) ($([math]::Round($_.Length / 1MB)) MB)" }
