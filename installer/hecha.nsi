; 核查 Hecha — Windows installer (NSIS 3, Unicode, Modern UI 2, Simplified Chinese interface).
;
; Input: the PyInstaller onedir bundle (dist\hecha\hecha.exe + dist\hecha\_internal\...).
;   uv run pyinstaller build.spec --noconfirm
;   makensis /DVERSION=0.1.0 installer\hecha.nsi        -> dist\Hecha-0.1.0-setup.exe
; Optional defines: /DDIST=<onedir folder>  /DOUTFILE=<setup.exe path>  /DCOMPRESSOR=none|zlib
;
; Per-user install: no administrator rights (RequestExecutionLevel user), program files go to
; %LOCALAPPDATA%\Programs\Hecha, shortcuts in the user's Start menu and on the desktop, the uninstall
; entry under HKCU. The uninstaller removes only what the installer wrote: workspaces, settings
; (%APPDATA%\Hecha) and logs (%LOCALAPPDATA%\Hecha\logs) are the user's and stay.
;
; Silent install:    Hecha-0.1.0-setup.exe /S [/D=C:\path\to\Hecha]   (/D= last, no quotes)
; Silent uninstall:  "%LOCALAPPDATA%\Programs\Hecha\uninstall.exe" /S

Unicode true
ManifestDPIAware true
!ifndef COMPRESSOR
  !define COMPRESSOR "/SOLID lzma"
!endif
!if "${COMPRESSOR}" == "none"  ; tests: /DCOMPRESSOR=none compiles in seconds
  SetCompress off
!else
  SetCompressor ${COMPRESSOR}
!endif

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "FileFunc.nsh"
!include "WinVer.nsh"
!include "x64.nsh"

!ifndef VERSION
  !define VERSION "0.1.0"
!endif
!ifndef DIST
  !define DIST "..\dist\hecha"
!endif
!ifndef OUTFILE
  !define OUTFILE "..\dist\Hecha-${VERSION}-setup.exe"
!endif

!define APPNAME "核查 Hecha"
!define PUBLISHER "Hecha"
!define EXE "hecha.exe"
!define APPKEY "Software\Hecha"
!define UNINSTKEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\Hecha"
!define ICON "${DIST}\_internal\resources\icons\hecha.ico"
!define SMDIR "$SMPROGRAMS\${APPNAME}"

Name "${APPNAME}"
Caption "${APPNAME} ${VERSION} 安装程序"
BrandingText "${APPNAME} ${VERSION}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\Hecha"
InstallDirRegKey HKCU "${APPKEY}" "InstallDir"
RequestExecutionLevel user
ShowInstDetails show
ShowUninstDetails show

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=2052 "ProductName" "${APPNAME}"
VIAddVersionKey /LANG=2052 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "FileDescription" "${APPNAME} 安装程序"
VIAddVersionKey /LANG=2052 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=2052 "LegalCopyright" "MIT License"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_WELCOMEPAGE_TEXT "本向导将在您的电脑上安装 ${APPNAME} ${VERSION}：政府信息公开工作年度报告数据核查工具。$\r$\n$\r$\n安装只针对当前用户，不需要管理员权限。$\r$\n$\r$\n单击“下一步”继续。"
!define MUI_FINISHPAGE_RUN "$INSTDIR\${EXE}"
!define MUI_FINISHPAGE_RUN_TEXT "运行 ${APPNAME}"
!define MUI_UNCONFIRMPAGE_TEXT_TOP "将从您的电脑上卸载 ${APPNAME}。您的工作区、设置和日志会保留。"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "SimpChinese"

Function .onInit
  ; Qt 6 runs on 64-bit Windows 10 1809 (build 17763) or later
  ${IfNot} ${RunningX64}
    MessageBox MB_OK|MB_ICONSTOP "${APPNAME} 需要 64 位 Windows。" /SD IDOK
    Abort
  ${EndIf}
  ${WinVerGetBuild} $0
  ${IfNot} ${AtLeastWin10}
  ${OrIf} $0 < 17763
    MessageBox MB_OK|MB_ICONSTOP "${APPNAME} 需要 Windows 10 1809 或更高版本。" /SD IDOK
    Abort
  ${EndIf}
FunctionEnd

; While Hecha runs, Windows lets none of its files be replaced or removed: an uninstall would take away the
; uninstall entry and the shortcuts yet leave hecha.exe and _internal behind, listed nowhere. So both the
; installer (an update) and the uninstaller refuse until Hecha is closed. A running program's .exe
; cannot be opened for writing, which tells that it runs.
!macro REFUSE_WHILE_RUNNING UN
Function ${UN}RefuseWhileRunning
  retry:
  IfFileExists "$INSTDIR\${EXE}" 0 done
  ClearErrors
  FileOpen $0 "$INSTDIR\${EXE}" a
  IfErrors 0 free
  MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "${APPNAME} 正在运行（$INSTDIR\${EXE}），无法继续。$\r$\n$\r$\n请先关闭 ${APPNAME} 的所有窗口，再单击“重试”。" /SD IDCANCEL IDRETRY retry
  SetErrorLevel 2
  Quit
  free:
  FileClose $0
  done:
FunctionEnd
!macroend
!insertmacro REFUSE_WHILE_RUNNING ""
!insertmacro REFUSE_WHILE_RUNNING "un."

Function un.onInit
  Call un.RefuseWhileRunning
FunctionEnd

Section "${APPNAME}" SecMain
  SetShellVarContext current
  Call RefuseWhileRunning
  ; an update replaces the program files; stale modules of the previous version must not linger
  RMDir /r "$INSTDIR\_internal"
  SetOutPath "$INSTDIR"
  File "${DIST}\${EXE}"
  File /r "${DIST}\_internal"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateDirectory "${SMDIR}"
  CreateShortcut "${SMDIR}\${APPNAME}.lnk" "$INSTDIR\${EXE}" "" "$INSTDIR\${EXE}" 0
  CreateShortcut "${SMDIR}\卸载 ${APPNAME}.lnk" "$INSTDIR\uninstall.exe"
  CreateShortcut "$DESKTOP\${APPNAME}.lnk" "$INSTDIR\${EXE}" "" "$INSTDIR\${EXE}" 0

  WriteRegStr HKCU "${APPKEY}" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayName" "${APPNAME}"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTKEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayIcon" "$INSTDIR\${EXE},0"
  WriteRegStr HKCU "${UNINSTKEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTKEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTKEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKCU "${UNINSTKEY}" "EstimatedSize" "$0"
SectionEnd

Section "Uninstall"
  SetShellVarContext current
  ; only what the installer wrote: never %APPDATA%\Hecha (workspaces, settings) or %LOCALAPPDATA%\Hecha (logs)
  Delete "$DESKTOP\${APPNAME}.lnk"
  Delete "${SMDIR}\${APPNAME}.lnk"
  Delete "${SMDIR}\卸载 ${APPNAME}.lnk"
  RMDir "${SMDIR}"
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${EXE}"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"  ; only when empty: files the user put there stay
  DeleteRegKey HKCU "${UNINSTKEY}"
  DeleteRegValue HKCU "${APPKEY}" "InstallDir"
  DeleteRegKey /ifempty HKCU "${APPKEY}"
SectionEnd
