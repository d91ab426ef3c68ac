#!/usr/bin/env bash
# Part of scripts/test-windows.sh, run inside an X server (xvfb-run) with the
# Wine prefix set: starts photodesk.exe (the window, on the sandbox: a fresh
# prefix has no settings), waits for its window, and screenshots it until one
# shows photos, or fails at a deadline with the last screenshot kept. Given
# a DROPTARGET (internal/windroptarget), it then drags the viewer's photo out
# of the window onto it, with the mouse, and checks what arrived.
#   wine-window.sh EXE OUT.png WORKDIR [DROPTARGET]
set -euo pipefail
exe=${1:?} out=${2:?} work=${3:?} droptarget=${4:-}
wine=${wine:-/usr/lib/wine/wine64}
deadline=$((SECONDS + ${WINDOW_TIMEOUT:-120}))

PHOTODESK_TRACE=1 "$wine" "$exe" >"$work/window.log" 2>&1 &
app=$!
stop() {
	kill "$app" 2>/dev/null || true
	timeout 20 "${wineserver:-wineserver}" -w 2>/dev/null || "${wineserver:-wineserver}" -k >/dev/null 2>&1 || true
}
trap stop EXIT
# The reason comes last as well: CI shows only a run's last lines.
fail() {
	echo "wine-window: $*" >&2
	echo "--- the app's first and last lines:" >&2
	head -n 15 "$work/window.log" | tr -d '\r' >&2
	echo "..." >&2
	tail -n 10 "$work/window.log" | tr -d '\r' >&2
	echo "wine-window: $*" >&2
	exit 1
}

# mean saturation and grey-level spread of a box given in fractions of the
# image: a photo is colourful and varied, a blank or error window is neither.
measure() {
	local img=$1 x0=$2 y0=$3 x1=$4 y1=$5 w h
	read -r w h < <(identify -format '%w %h\n' "$img")
	local geo
	geo=$(awk -v w="$w" -v h="$h" -v a="$x0" -v b="$y0" -v c="$x1" -v d="$y1" \
		'BEGIN { printf "%dx%d+%d+%d", (c-a)*w, (d-b)*h, a*w, b*h }')
	convert "$img" -crop "$geo" +repage \
		\( +clone -colorspace HSL -channel G -separate +channel -format '%[fx:mean] ' -write info: +delete \) \
		-colorspace Gray -format '%[fx:standard_deviation]\n' info:
}
# above SAT SD: both numbers of the box pass.
above() { awk -v s="$1" -v d="$2" -v ms="$3" -v md="$4" 'BEGIN { exit !(s >= ms && d >= md) }'; }

# The layout of a first start (window at its default size): the viewer's
# photo fills the middle column, the sidebar's avatars its left edge.
photos() {
	local img=$1 ok=0 s d
	read -r s d < <(measure "$img" 0.34 0.32 0.69 0.88) # inside the photo
	echo "photo area: saturation $s, spread $d"
	above "$s" "$d" 0.15 0.05 || ok=1
	read -r s d < <(measure "$img" 0.32 0.30 0.36 0.35) # the photo's corner: a placeholder leaves it white
	echo "photo corner: saturation $s"
	above "$s" 0 0.15 0 || ok=1
	read -r s d < <(measure "$img" 0.007 0.25 0.047 0.93) # the avatars
	echo "avatars: saturation $s, spread $d"
	above "$s" "$d" 0.12 0.05 || ok=1
	return $ok
}

# The check must be able to fail: a blank window and one with only the
# no-photo placeholder's circle on white must not pass it.
convert -size 1180x760 xc:white "$work/blank.png"
convert "$work/blank.png" -fill '#2e8b57' -draw 'circle 600,450 600,390' "$work/placeholder.png"
for img in blank placeholder; do
	if photos "$work/$img.png" >/dev/null; then fail "the photo check passes a $img window"; fi
done

wid=""
while [ -z "$wid" ]; do
	kill -0 "$app" 2>/dev/null || fail "photodesk.exe exited before its window opened"
	[ "$SECONDS" -lt "$deadline" ] || fail "no 'Photo Desk' window"
	wid=$(xdotool search --onlyvisible --name '^Photo Desk$' 2>/dev/null | head -n1 || true)
	[ -n "$wid" ] || sleep 0.5
done
echo "  window $wid after ${SECONDS}s: $(xdotool getwindowgeometry "$wid" | tr -s ' \n' ' ')"

while :; do
	kill -0 "$app" 2>/dev/null || fail "photodesk.exe exited"
	if import -window "$wid" "$out" 2>/dev/null && photos "$out" >"$work/measure.txt"; then
		sed 's/^/  /' "$work/measure.txt"
		echo "  photos shown after ${SECONDS}s: $out"
		break
	fi
	[ "$SECONDS" -lt "$deadline" ] || { cat "$work/measure.txt" >&2; fail "no photos in the window ($out)"; }
	sleep 1
done

[ -n "$droptarget" ] || exit 0
"$(dirname "$0")/wine-drag.sh" "$wid" "$droptarget" "$work" "$out" ||
	fail "dragging the photo out: $(cat "$work/drag-failure.txt" 2>/dev/null || echo "wine-drag.sh failed")"

# Copy image: Windows' clipboard gets the viewer's photo as a picture, which
# Wine offers X programs as image/bmp (a paste into a mail takes the DIB).
eval "$(xdotool getwindowgeometry --shell "$wid")"
xdotool mousemove "$((X + WIDTH * 267 / 1000))" "$((Y + HEIGHT * 64 / 1000))" click 1
pic=""
for _ in $(seq 50); do
	if xclip -selection clipboard -o -t image/bmp >"$work/clip.bmp" 2>/dev/null &&
		pic=$(identify -format '%m %w %h' "$work/clip.bmp" 2>/dev/null); then
		break
	fi
	sleep 0.2
done
read -r kind w h <<<"${pic:-none 0 0}"
echo "  Copy image: the clipboard holds a $kind of ${w}x${h}"
case "$kind" in BMP*) ;; *) fail "Copy image put no picture on the clipboard ($(xclip -selection clipboard -o -t TARGETS 2>&1 | tr '\n' ' '))" ;; esac
[ "$w" = "$h" ] && [ "$w" -ge 48 ] || fail "the copied picture is ${w}x${h}, not a square photo"
read -r s d < <(measure "$work/clip.bmp" 0.05 0.05 0.95 0.95)
above "$s" "$d" 0.15 0.05 || fail "the copied picture is not a photo (saturation $s, spread $d)"

# Copy as > File: Windows' clipboard gets the photo as a file (CF_HDROP, with
# the picture), which Wine offers X programs as text/uri-list: the file
# must be the viewer's photo (whoever the drag test left shown), named as
# Save names it. The menu may open late on a slow machine; a click that
# missed it is closed with Esc and tried again.
uri=""
for _ in 1 2 3; do
	xdotool mousemove "$((X + WIDTH * 347 / 1000))" "$((Y + HEIGHT * 64 / 1000))" click 1
	sleep 0.7
	xdotool mousemove "$((X + WIDTH * 328 / 1000))" "$((Y + HEIGHT * 110 / 1000))" click 1
	for _ in $(seq 25); do
		uri=$(xclip -selection clipboard -o -t text/uri-list 2>/dev/null | tr -d '\r' | grep -m1 '^file://' || true)
		[ -z "$uri" ] || break 2
		sleep 0.2
	done
	xdotool key Escape
done
[ -n "$uri" ] || fail "Copy as > File put no file on the clipboard ($(xclip -selection clipboard -o -t TARGETS 2>&1 | tr '\n' ' '))"
path=$(printf '%b' "$(printf '%s' "${uri#file://}" | sed 's/%/\\x/g')")
name=$(basename "$path")
case "$name" in *@contoso.onmicrosoft.com_[0-9]*x[0-9]*.jpg) ;; *) fail "Copy file put '$name' on the clipboard, not the photo as Save names it" ;; esac
jpeg=$(identify -format '%m %wx%h' "$path") || fail "the copied file $path is no picture"
[ "${jpeg%% *}" = JPEG ] || fail "the copied file is $jpeg, not a JPEG"
echo "  Copy file: the clipboard holds $name ($jpeg)"
