#!/usr/bin/env bash
# Runs the Windows build under Wine, as `make test-windows` does:
#   scripts/test-windows.sh VERSION EXE SETUP SHIM CREDCHECK DROPTARGET
# EXE the packaged photodesk.exe, SETUP its NSIS installer, SHIM the
# bcryptprimitives.dll Debian's Wine 8 lacks (Go binaries need its
# ProcessPrng), CREDCHECK and DROPTARGET the cross-built
# internal/wincredcheck and internal/windroptarget.
# Everything happens in a throwaway Wine prefix and HOME. The window's last
# screenshot is kept in $TEST_WINDOWS_OUT (default dist/test-windows).
set -euo pipefail
version=${1:?usage: test-windows.sh VERSION EXE SETUP SHIM CREDCHECK DROPTARGET}
exe=$(realpath "${2:?}") setup=$(realpath "${3:?}") shim=$(realpath "${4:?}") credcheck=$(realpath "${5:?}")
droptarget=$(realpath "${6:?}")
outdir=$(realpath -m "${TEST_WINDOWS_OUT:-dist/test-windows}")
here=$(cd "$(dirname "$0")" && pwd)
wine=/usr/lib/wine/wine64
[ -x "$wine" ] || wine=$(command -v wine64 || command -v wine)
wineserver=$(dirname "$wine")/wineserver
[ -x "$wineserver" ] || wineserver=$(command -v wineserver)
start=$SECONDS

work=$(mktemp -d)
# A killed wineserver dumps its objects on stderr: let it end by itself when
# nothing runs any more, kill it only when something still does.
cleanup() {
	timeout 20 "$wineserver" -w 2>/dev/null || "$wineserver" -k >/dev/null 2>&1 || true
	rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$work/home" "$outdir"
# No Mono or Gecko (they would be offered for download), no debug chatter.
export WINEPREFIX=$work/prefix WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=" HOME=$work/home \
	XDG_CONFIG_HOME=$work/home/.config XDG_DATA_HOME=$work/home/.local/share XDG_CACHE_HOME=$work/home/.cache
unset DISPLAY

fail() { echo "test-windows: FAIL: $*" >&2; exit 1; }
step() { echo "test-windows: [$((SECONDS - start))s] $*"; }
# winpath turns a Linux path into the one Wine's Z: drive shows.
winpath() { local p=${1//\//\\}; echo "Z:$p"; }
# w runs a Windows program and strips the CRLF of its output.
w() { "$wine" "$@" | tr -d '\r'; }
# expect_code CODE ARGS...: photodesk.exe ARGS must exit with CODE (the CLI
# contract: 0 done, 1 error, 2 usage, 3 no photo).
expect_code() {
	local want=$1 got=0
	shift
	"$wine" "$exe" "$@" >"$work/out" 2>"$work/err" || got=$?
	tr -d '\r' <"$work/out" >"$work/out.txt"
	tr -d '\r' <"$work/err" >"$work/err.txt"
	[ "$got" = "$want" ] || { cat "$work/err.txt" >&2; fail "photodesk $* exited $got, want $want"; }
}

step "prefix"
"$wine" wineboot -i >/dev/null 2>&1
"$wineserver" -w
# Wine links Documents, Desktop... to the Unix HOME; make them real folders
# so the prefix is all there is to search for tokens.
find "$WINEPREFIX/drive_c" -type l -print0 | while IFS= read -r -d '' l; do rm "$l" && mkdir "$l"; done
cp "$shim" "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll"
touch "$work/marker"

step "version: photodesk.exe --version, the version resources of the exe and the installer"
v=$(w "$exe" --version)
case "$v" in "photodesk $version (build "*", windows/amd64)") ;; *) fail "--version said '$v'" ;; esac
for f in "$exe" "$setup"; do
	for key in FileVersion ProductVersion; do
		got=$(strings -el "$f" | grep -x -A1 "$key" | sed -n 2p)
		# fyne package writes VERSION.BUILD (0.1.0.1).
		case "$got" in "$version" | "$version".*) ;; *) fail "$key in $(basename "$f") is '$got', want $version" ;; esac
	done
done
echo "  $v"

step "command line against the sandbox: get and export, exit codes"
mkdir -p "$work/cli" && cd "$work/cli"
expect_code 0 get --sandbox --user adele.vance@contoso.onmicrosoft.com --meta
grep -q '"width":648' "$work/out.txt" || fail "get --meta printed $(cat "$work/out.txt")"
expect_code 3 get --sandbox --user nestor.wilke@contoso.onmicrosoft.com --meta
expect_code 2 get --sandbox --me --size 7x7
expect_code 1 get --sandbox --user nobody.here@contoso.onmicrosoft.com --meta
# A guest's #EXT# UPN becomes the default file name, as Windows takes it.
guest='jane_fabrikam.com#EXT#@contoso.onmicrosoft.com'
expect_code 0 get --sandbox --user "$guest" --size 96x96
[ -f "${guest}_96x96.jpg" ] || fail "get saved no ${guest}_96x96.jpg: $(ls)"
[ "$(identify -format '%wx%h %m' "${guest}_96x96.jpg")" = "96x96 JPEG" ] || fail "the guest's photo is not a 96x96 JPEG"
# Never replaces a file without --force: an error (1), and the file stays.
before=$(md5sum <"${guest}_96x96.jpg")
expect_code 1 get --sandbox --me -o "${guest}_96x96.jpg"
grep -q -- '--force' "$work/err.txt" || fail "refusing to replace said: $(cat "$work/err.txt")"
[ "$(md5sum <"${guest}_96x96.jpg")" = "$before" ] || fail "the refused get changed the file"
expect_code 0 export --sandbox --all-users --size 48x48 --out exp
echo "  $(tail -n 2 "$work/err.txt" | head -n 1)"

step "file names: every exported file is a valid Windows name, as Windows lists it"
report=exp/report.csv
[ -f "$report" ] || fail "no $report"
# The report's file column, the files on disk and cmd's dir must agree.
# Columns by name, so new report columns do not shift them.
awk -F, 'NR == 1 {for (i = 1; i <= NF; i++) col[$i] = i; next}
	$col["status"] == "ok" {print $col["file"]}' "$report" | sort >"$work/report-files"
(cd exp && ls -1 | grep -v '^report.csv$' | sort) >"$work/disk-files"
w cmd /c dir /b "$(winpath "$work/cli/exp")" | grep -v '^report.csv$' | sort >"$work/dir-files"
n=$(wc -l <"$work/disk-files")
[ "$n" -ge 100 ] || fail "only $n files exported"
diff -u "$work/report-files" "$work/disk-files" >&2 || fail "report and folder disagree"
diff -u "$work/disk-files" "$work/dir-files" >&2 || fail "Windows lists other names than the folder holds"
# Windows' rules: no <>:"/\|?* or control characters, no trailing dot or
# space, no reserved device name as the stem.
bad=$(grep -E '[<>:"/\\|?*[:cntrl:]]|[. ]$|^(CON|PRN|AUX|NUL|COM[0-9]|LPT[0-9])(\.|$)' -i "$work/disk-files" || true)
[ -z "$bad" ] || fail "names Windows refuses: $bad"
grep -q '#EXT#' "$work/disk-files" || fail "no guest (#EXT#) file among the exports"
echo "  $n files, $(grep -c '#EXT#' "$work/disk-files") of them guests'"

step "window: opens on the sandbox under Xvfb, with photos; its photo dragged out onto an OLE drop target"
# Wine's desktop process belongs to a wineserver session: let the one the
# command line ran in (started with no display) end, so the window's session
# starts under Xvfb.
"$wineserver" -w
export wine wineserver
# Wide enough for the drop target beside the window.
timeout 600 xvfb-run -a -s "-screen 0 1700x800x24" "$here/wine-window.sh" "$exe" "$outdir/window.png" "$work" "$droptarget" ||
	fail "the window (screenshot: $outdir/window.png)"

step "tokens: in Credential Manager, chunked, and nowhere on disk (after the command line and the window signed in)"
"$wineserver" -w
w "$credcheck" -newer "$(winpath "$work/marker")" -scan "$(winpath "$WINEPREFIX")" -scan "$(winpath "$work/cli")" \
	>"$work/cred.txt" || { cat "$work/cred.txt"; fail "wincredcheck"; }
sed 's/^/  /' "$work/cred.txt"

step "installer: silent install for this user, then silent uninstall"
key='Software\Microsoft\Windows\CurrentVersion\Uninstall\io.github.photodesk.photodesk'
"$here/wine-installer.sh" "$setup" "$version" HKCU "$key" ||
	fail "per-user install"
step "installer: /AllUsers"
"$here/wine-installer.sh" "$setup" "$version" HKLM "$key" /AllUsers ||
	fail "all-users install"

step "ok in $((SECONDS - start))s"
