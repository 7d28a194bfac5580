; TĐKT Desktop: Windows installer (Inno Setup 6), built by scripts\build-bundle.ps1 and
; .github/workflows/windows.yml after PyInstaller (build.spec) has made dist\TDKT-Desktop:
;   iscc /DAppVersion=0.1.0 /DAppNumericVersion=0.1.0.0 installer\tdkt.iss
; (python scripts\make_version_file.py --iscc-defines prints both from desktop.__version__).
;
; - Per user, without administrator rights: %LOCALAPPDATA%\Programs\TDKT Desktop, Start-menu
;   shortcut, optional desktop shortcut; office PCs where the officer is no administrator.
; - Upgrade in place: the AppId below never changes, so a newer installer replaces the older
;   version in its folder (the old bundle's _internal folder is emptied first).
; - The officer's data (database, backups, logs, templates: desktop/paths.py, platformdirs
;   %LOCALAPPDATA%\TDKT\TDKT Desktop) is outside {app} and never deleted, by the uninstaller
;   either: [UninstallDelete] names only {app}.
; - Vietnamese texts: Inno Setup ships Vietnamese only among its unofficial translations
;   (jrsoftware/issrc Files/Languages/Unofficial/Vietnamese.isl), which its installer does not
;   install; the build scripts fetch it beside this file (installer\Vietnamese.isl, not committed)
;   unless the compiler has it.

#ifndef AppVersion
  #error Thiếu /DAppVersion: chạy scripts\build-bundle.ps1 (lấy từ desktop.__version__)
#endif
#ifndef AppNumericVersion
  #define AppNumericVersion AppVersion
#endif
#define AppName "TĐKT Desktop"
#define AppExe "TDKT-Desktop.exe"
#define SourceDir "..\dist\TDKT-Desktop"
#if FileExists(AddBackslash(CompilerPath) + "Languages\Unofficial\Vietnamese.isl")
  #define VietnameseMessages "compiler:Languages\Unofficial\Vietnamese.isl"
#else
  #define VietnameseMessages "Vietnamese.isl"
#endif

[Setup]
AppId={{6584BEA6-E389-4CB8-B849-E2695CF9C012}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=TDKT
VersionInfoVersion={#AppNumericVersion}
VersionInfoProductName={#AppName}
VersionInfoCompany=TDKT
VersionInfoDescription=Cài đặt {#AppName}
PrivilegesRequired=lowest
DefaultDirName={localappdata}\Programs\TDKT Desktop
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
UsePreviousAppDir=yes
; x64: understood by every Inno Setup 6 (6.3+ prefers x64compatible, older ones reject it)
ArchitecturesAllowed=x64
ArchitecturesInstallIn64BitMode=x64
MinVersion=10.0
OutputDir=..\dist\installer
OutputBaseFilename=TDKT-Desktop-{#AppVersion}-cai-dat
SetupIconFile=..\build\generated\tdkt.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
CloseApplications=yes
RestartApplications=no
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=no
LanguageDetectionMethod=none

[Languages]
Name: "vi"; MessagesFile: "{#VietnameseMessages}"

[Messages]
vi.ConfirmUninstall=Gỡ %1 khỏi máy tính này?%n%nDữ liệu của cán bộ (cơ sở dữ liệu, bản sao lưu, mẫu văn bản, nhật ký) trong thư mục AppData\Local\TDKT được giữ nguyên; cài lại phần mềm là dùng tiếp được.

[CustomMessages]
vi.ShortcutsGroup=Lối tắt:
vi.DesktopShortcut=Tạo lối tắt trên màn hình &nền (Desktop)
vi.LaunchProgram=Mở {#AppName} ngay

[Tasks]
Name: "desktopicon"; Description: "{cm:DesktopShortcut}"; GroupDescription: "{cm:ShortcutsGroup}"; Flags: unchecked

[InstallDelete]
; Upgrade in place: files an older version shipped and this one no longer does must not linger.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only the program folder (files written there after installation, e.g. __pycache__); never
; the officer's data in AppData\Local\TDKT.
Type: filesandordirs; Name: "{app}\_internal"
Type: dirifempty; Name: "{app}"
