#!/usr/bin/env bash
# Installs what a Photo Desk target needs on a fresh machine, and nothing else.
#   scripts/deps.sh run|test|package|windows|install
# Debian/Ubuntu: apt-get (with sudo when not root). macOS/Windows: prints what to install.
set -euo pipefail
target=${1:?usage: deps.sh run|test|package|windows|install}

# Debian packages per target: the Fyne GL build, then the headless desktop for
# tests (Xvfb, a session bus, a real Secret Service; xdotool and a real file
# manager, pcmanfm, to drag photos into), then the packages (the Windows cross
# compiler, dpkg-shlibdeps for the .deb's Depends:, ImageMagick for the icon
# sizes, NSIS for the Windows installer), then Wine with a headless X server
# and screenshots for `make test-windows`, then the validators of `make
# test-install`. Separate modes keep `make test` from installing Wine.
run_pkgs=(gcc pkg-config libgl1-mesa-dev xorg-dev libx11-dev)
test_pkgs=("${run_pkgs[@]}" xvfb xauth dbus dbus-x11 gnome-keyring xdotool pcmanfm libfm-modules)
package_pkgs=("${run_pkgs[@]}" gcc-mingw-w64-x86-64 xz-utils dpkg-dev imagemagick nsis)
windows_pkgs=(gcc-mingw-w64-x86-64 wine64 xvfb xauth xdotool xclip imagemagick)
install_pkgs=(desktop-file-utils appstream imagemagick util-linux)

case "$target" in
run) want=("${run_pkgs[@]}") ;;
test) want=("${test_pkgs[@]}") ;;
package) want=("${package_pkgs[@]}") ;;
windows) want=("${windows_pkgs[@]}") ;;
install) want=("${install_pkgs[@]}") ;;
*) echo "deps.sh: unknown target '$target' (run, test, package, windows or install)" >&2; exit 2 ;;
esac

case "$(uname -s)" in
Darwin)
	command -v go >/dev/null || echo "Install Go 1.26 from https://go.dev/dl/"
	xcode-select -p >/dev/null 2>&1 || echo "Install the Xcode command line tools: xcode-select --install"
	exit 0 ;;
MINGW* | MSYS* | CYGWIN* | Windows_NT)
	echo "On Windows install Go 1.26 and a cgo compiler (MSYS2 with mingw-w64-x86_64-gcc, or TDM-GCC), then run 'go run -tags migrated_fynedo,no_emoji .'"
	exit 0 ;;
esac

if ! command -v dpkg-query >/dev/null; then
	echo "deps.sh: not a Debian-like system; install the equivalents of: ${want[*]}" >&2
	exit 0
fi

missing=()
for p in "${want[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "deps.sh: installing ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
