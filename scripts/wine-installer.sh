#!/usr/bin/env bash
# Part of scripts/test-windows.sh, with the Wine prefix set: installs the NSIS
# setup silently, checks the files, the Start-menu shortcut and the
# Apps & features entry, runs the installed exe, then uninstalls silently
# with the command the entry names and checks that all of it is gone.
#   wine-installer.sh SETUP VERSION HKCU|HKLM UNINSTALL-KEY [/AllUsers]
set -euo pipefail
setup=${1:?} version=${2:?} hive=${3:?} key=${4:?} mode=${5:-}
wine=${wine:-/usr/lib/wine/wine64}
wineserver=${wineserver:-wineserver}
fail() { echo "wine-installer: $*" >&2; exit 1; }
# A command that fails under set -e ends the script: say which, so a
# failure in CI says where (one all-users install ended here without a
# word on 5 December 2026, and passed when run again).
trap 'echo "wine-installer: line $LINENO failed: $BASH_COMMAND" >&2' ERR
w() { "$wine" "$@" | tr -d '\r'; }
# value NAME: one value of the uninstall entry ("" when missing: reg
# query then fails, which under pipefail and set -e would end the script
# without saying why).
value() { { w reg query "$hive\\$key" /v "$1" 2>/dev/null || true; } | sed -n "s/^ *$1 *REG_[A-Z_]* *//p"; }

# shellcheck disable=SC2086 # mode is empty or one word
"$wine" "$setup" /S $mode || fail "setup /S $mode exited $?"
"$wineserver" -w

# If the entry shows only a moment after wineserver -w returns (one
# possible cause of that silent failure: the registry read came back
# empty), look again for a few seconds, and say so when it took that.
loc=$(value InstallLocation)
for try in $(seq 20); do
	[ -z "$loc" ] || break
	sleep 0.5
	loc=$(value InstallLocation)
done
[ -n "$loc" ] || fail "no $hive\\$key after setup /S $mode (looked for 10 s)"
[ "$try" = 1 ] || echo "  the $hive entry showed after $try looks"
case "$hive:$loc" in
HKCU:*'\AppData\Local\Programs\Photo Desk') ;;
HKLM:'C:\Program Files\Photo Desk') ;;
*) fail "installed to '$loc' (registered in $hive)" ;;
esac
dir=$(w winepath -u "$loc")
dir=${dir%/}
[ -f "$dir/photodesk.exe" ] && [ -f "$dir/uninstall.exe" ] || fail "missing files in $dir: $(ls "$dir")"
[ "$(value DisplayName)" = "Photo Desk" ] || fail "DisplayName '$(value DisplayName)'"
[ "$(value DisplayVersion)" = "$version" ] || fail "DisplayVersion '$(value DisplayVersion)', want $version"
[ "$(value Publisher)" = "Photo Desk" ] || fail "Publisher '$(value Publisher)'"
[ "$(value DisplayIcon)" = "$loc\\photodesk.exe,0" ] || fail "DisplayIcon '$(value DisplayIcon)'"
quiet=$(value QuietUninstallString)
[ "$quiet" = "\"$loc\\uninstall.exe\" /S${mode:+ $mode}" ] || fail "QuietUninstallString '$quiet'"
if [ "$hive" = HKCU ]; then
	menu=$(w winepath -u "$(w cmd /c echo %APPDATA%)\\Microsoft\\Windows\\Start Menu\\Programs")
else
	menu=$(w winepath -u "$(w cmd /c echo %ProgramData%)\\Microsoft\\Windows\\Start Menu\\Programs")
fi
lnk="${menu%/}/Photo Desk.lnk"
[ -f "$lnk" ] || fail "no Start-menu shortcut at $lnk"
strings -el "$lnk" | grep -qi 'photodesk.exe' || strings "$lnk" | grep -qi 'photodesk.exe' || fail "the shortcut does not point at photodesk.exe"
v=$(w "$dir/photodesk.exe" --version)
case "$v" in "photodesk $version "*) ;; *) fail "installed photodesk.exe --version said '$v'" ;; esac
echo "  installed to $loc ($hive entry: Photo Desk $version, Photo Desk, icon, quiet uninstall), shortcut, $v"

# The uninstall command exactly as Apps & features (or a deployment tool)
# would run it. NSIS's uninstaller re-launches itself from %TEMP%; wineserver
# -w waits for that copy too.
# shellcheck disable=SC2086
"$wine" "$dir/uninstall.exe" /S $mode || fail "uninstall.exe /S exited $?"
"$wineserver" -w
[ ! -e "$dir" ] || fail "$dir is still there after uninstalling: $(ls -A "$dir")"
[ ! -e "$lnk" ] || fail "the shortcut is still there after uninstalling"
if w reg query "$hive\\$key" >/dev/null 2>&1; then fail "the $hive uninstall entry is still there"; fi
echo "  uninstalled: folder, shortcut and $hive entry gone"
