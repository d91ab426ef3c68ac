; Photo Desk's Windows installer, built on Linux with Debian's makensis by
; scripts/build-installer.sh, which passes VERSION (FyneApp.toml's), VIVERSION
; (the same as four numbers), EXE (the packaged photodesk.exe), ICON and
; OUTFILE.
;
; Per user by default, without admin rights: %LOCALAPPDATA%\Programs\Photo Desk,
; a Start-menu shortcut and the uninstaller registered under HKCU. /AllUsers
; (an elevated prompt) installs to Program Files and registers under HKLM
; instead. /S is silent, for deployment tools; /D=DIR (last) picks the folder.

; A 64-bit installer for a 64-bit program: it installs to the real Program
; Files and registry (no WOW64 redirection), and it runs under the 64-bit-only
; Wine that `make test-windows` uses.
Target amd64-unicode
SetCompressor /SOLID lzma
RequestExecutionLevel user

!define APPNAME "Photo Desk"
!define APPID "io.github.photodesk.photodesk"
!define PUBLISHER "Photo Desk"
!define WEBSITE "https://github.com/photodesk/photodesk"
!define UNINSTKEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APPID}"

Name "${APPNAME}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${APPNAME}"
BrandingText "${APPNAME} ${VERSION}"

VIProductVersion "${VIVERSION}"
VIAddVersionKey "ProductName" "${APPNAME}"
VIAddVersionKey "ProductVersion" "${VERSION}"
VIAddVersionKey "FileVersion" "${VERSION}"
VIAddVersionKey "FileDescription" "${APPNAME} ${VERSION} setup"
VIAddVersionKey "CompanyName" "${PUBLISHER}"
VIAddVersionKey "LegalCopyright" "${PUBLISHER}"

!include MUI2.nsh
!include FileFunc.nsh
!include LogicLib.nsh

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_FINISHPAGE_RUN "$INSTDIR\photodesk.exe"
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "English"

Var AllUsers

; useAllUsers switches to the machine-wide context when /AllUsers was given,
; after checking the rights for it (a silent deployment must fail loudly,
; not install per user by surprise).
!macro useAllUsers un
Function ${un}useAllUsers
	StrCpy $AllUsers 0
	${GetParameters} $R0
	ClearErrors
	${GetOptions} $R0 "/AllUsers" $R1
	${IfNot} ${Errors}
		UserInfo::GetAccountType
		Pop $R2
		${If} $R2 != "admin"
			MessageBox MB_ICONSTOP "Installing for all users needs administrator rights: run the setup elevated, or without /AllUsers to install for yourself." /SD IDOK
			SetErrorLevel 740 ; ERROR_ELEVATION_REQUIRED
			Quit
		${EndIf}
		StrCpy $AllUsers 1
		SetShellVarContext all
	${Else}
		SetShellVarContext current
	${EndIf}
FunctionEnd
!macroend
!insertmacro useAllUsers ""
!insertmacro useAllUsers "un."

Function .onInit
	; The per-user default, read before the context switch changes
	; $LOCALAPPDATA; /D=DIR wins, otherwise all users go to Program Files.
	StrCpy $R9 "$LOCALAPPDATA\Programs\${APPNAME}"
	Call useAllUsers
	${If} $AllUsers == 1
	${AndIf} $INSTDIR == $R9
		StrCpy $INSTDIR "$PROGRAMFILES64\${APPNAME}"
	${EndIf}
FunctionEnd

Section "Photo Desk"
	SetOutPath "$INSTDIR"
	File "/oname=photodesk.exe" "${EXE}"
	WriteUninstaller "$INSTDIR\uninstall.exe"
	CreateShortcut "$SMPROGRAMS\${APPNAME}.lnk" "$INSTDIR\photodesk.exe" "" "$INSTDIR\photodesk.exe" 0

	; Apps & features reads these; the uninstaller must know the context
	; it was installed in, so the all-users one carries /AllUsers.
	${If} $AllUsers == 1
		StrCpy $R0 " /AllUsers"
	${Else}
		StrCpy $R0 ""
	${EndIf}
	WriteRegStr SHCTX "${UNINSTKEY}" "DisplayName" "${APPNAME}"
	WriteRegStr SHCTX "${UNINSTKEY}" "DisplayVersion" "${VERSION}"
	WriteRegStr SHCTX "${UNINSTKEY}" "Publisher" "${PUBLISHER}"
	WriteRegStr SHCTX "${UNINSTKEY}" "DisplayIcon" "$INSTDIR\photodesk.exe,0"
	WriteRegStr SHCTX "${UNINSTKEY}" "InstallLocation" "$INSTDIR"
	WriteRegStr SHCTX "${UNINSTKEY}" "URLInfoAbout" "${WEBSITE}"
	WriteRegStr SHCTX "${UNINSTKEY}" "UninstallString" '"$INSTDIR\uninstall.exe"$R0'
	WriteRegStr SHCTX "${UNINSTKEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S$R0'
	WriteRegDWORD SHCTX "${UNINSTKEY}" "NoModify" 1
	WriteRegDWORD SHCTX "${UNINSTKEY}" "NoRepair" 1
	${GetSize} "$INSTDIR" "/S=0K" $R1 $R2 $R3
	IntFmt $R1 "0x%08X" $R1
	WriteRegDWORD SHCTX "${UNINSTKEY}" "EstimatedSize" "$R1"
SectionEnd

Function un.onInit
	Call un.useAllUsers
FunctionEnd

; The settings (%APPDATA%\fyne\...) and the tokens in Credential Manager stay:
; they are the user's, and signing out in the app removes the tokens.
Section "Uninstall"
	Delete "$SMPROGRAMS\${APPNAME}.lnk"
	Delete "$INSTDIR\photodesk.exe"
	Delete "$INSTDIR\uninstall.exe"
	RMDir "$INSTDIR"
	DeleteRegKey SHCTX "${UNINSTKEY}"
SectionEnd
