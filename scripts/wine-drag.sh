#!/usr/bin/env bash
# Part of scripts/wine-window.sh: drags photos out of Photo Desk's window (X
# window WID, showing photos) onto internal/windroptarget with the mouse, as
# a user would (xdotool), and checks what arrived — what Explorer would
# take: the photo as a file (CF_HDROP) and as a picture (PNG), the same
# photo both ways. In order: the viewer's photo, cancelled with Escape over
# the target (no drop may arrive); the viewer's photo, dropped; a click on
# another person, which must show their photo (OLE's loop eats the
# button's release, which the window must still hear); a result's avatar,
# dropped (its photo is fetched while the pointer travels).
#   wine-drag.sh WID DROPTARGET.exe WORKDIR SHOT.png
set -euo pipefail
wid=${1:?} target=${2:?} work=${3:?} shot=${4:?}
wine=${wine:-/usr/lib/wine/wine64}
log=/dev/null targetpid=""
fail() {
	echo "wine-drag: $*" >&2
	echo "--- the drop target said:" >&2
	tr -d '\r' <"$log" >&2 || true
	import -window root "${shot%.png}-drag.png" 2>/dev/null && echo "(screen: ${shot%.png}-drag.png)" >&2
	exit 1
}
trap '[ -z "$targetpid" ] || kill "$targetpid" 2>/dev/null || true' EXIT
said() { tr -d '\r' <"$log"; }
# waitfor PATTERN WHAT: the target's log gets a line matching PATTERN
# within 20 s.
waitfor() {
	for _ in $(seq 100); do
		said | grep -qx "$1" && return 0
		sleep 0.2
	done
	fail "the drop target did not say $2"
}

# The target's window goes right of Photo Desk's, on the same screen.
eval "$(xdotool getwindowgeometry --shell "$wid")"
tx=$((X + WIDTH + 40)) ty=$((Y + 100))
cx=$((tx + 180)) cy=$((ty + 180))

# start_target NAME: a target waiting for one drop, files into WORK/NAME.
start_target() {
	dir=$work/$1 log=$work/$1.log
	mkdir -p "$dir"
	"$wine" "$target" -x "$tx" -y "$ty" -w 360 -h 360 -timeout 60s -out "Z:${dir//\//\\}" >"$log" 2>&1 &
	targetpid=$!
	waitfor ready "it was ready"
}

# drag FX FY: press at (FX, FY) of the window (per cent of its size) and
# move, in steps as a hand does, to the target's middle. Fyne starts the
# drag past a few pixels of travel; OLE's loop follows the pointer there.
drag() {
	local px=$((X + WIDTH * $1 / 100)) py=$((Y + HEIGHT * $2 / 100)) i
	xdotool mousemove "$px" "$py"
	sleep 0.3
	xdotool mousedown 1
	for i in $(seq 1 20); do
		xdotool mousemove "$((px + (cx - px) * i / 20))" "$((py + (cy - py) * i / 20))"
		sleep 0.1
	done
	sleep 0.5
}

# dropped WHO: the target took one drop and ended; its file is WHO's photo
# as Save names it, its picture the same photo (same size, nearly the same
# pixels: the PNG is the decoded JPEG).
dropped() {
	local name bytes jpeg png diff
	for _ in $(seq 100); do
		kill -0 "$targetpid" 2>/dev/null || break
		sleep 0.2
	done
	wait "$targetpid" || fail "the drop target took no drop"
	targetpid=""
	said | sed 's/^/  target: /'
	said | grep -qx 'enter hdrop png' || fail "the drag did not offer both a file and a picture"
	read -r name bytes < <(said | awk '$1 == "file" {print $2, $3}')
	[ -n "${name:-}" ] || fail "no file line"
	case "$name" in "$1"_[0-9]*x[0-9]*.jpg) ;; *) fail "the dropped file is named '$name', not $1's photo" ;; esac
	jpeg=$(identify -format '%m %wx%h' "$dir/$name") || fail "the dropped file is no picture"
	png=$(identify -format '%m %wx%h' "$dir/dropped.png") || fail "the dropped PNG is no picture"
	echo "  file $name ($bytes bytes): $jpeg; picture: $png"
	[ "${jpeg%% *}" = JPEG ] || fail "the dropped file is $jpeg, not a JPEG"
	[ "$png" = "PNG ${jpeg#* }" ] || fail "the picture ($png) is not the file's photo ($jpeg)"
	diff=$(compare -metric RMSE "$dir/$name" "$dir/dropped.png" null: 2>&1 | sed 's/.*(\(.*\))/\1/') || true
	awk -v d="$diff" 'BEGIN { exit !(d + 0 < 0.02) }' || fail "the picture differs from the file (RMSE $diff)"
}

# The keys go where the pointer is on an X server with no window manager;
# on Windows the drag's own window has them.
xdotool windowfocus "$wid"
start_target first
echo "  the viewer's photo, Escape over the target"
# The status bar's right half, where the drag is told: the window cannot
# paint while OLE's loop runs, so it must have shown it before.
status_area() {
	import -window "$wid" "$1" 2>/dev/null &&
		convert "$1" -crop "$((WIDTH / 2))x$((HEIGHT * 4 / 100))+$((WIDTH / 2))+$((HEIGHT * 96 / 100))" +repage "$1"
}
status_area "$work/status-before.png"
drag 52 60
status_area "$work/status-during.png"
d=$(compare -metric RMSE "$work/status-before.png" "$work/status-during.png" null: 2>&1 | sed 's/.*(\(.*\))/\1/') || true
awk -v d="$d" 'BEGIN { exit !(d + 0 > 0.01) }' || fail "the status bar said nothing during the drag (RMSE $d)"
echo "  the status bar tells of the drag while it runs (RMSE $d against before it)"
xdotool key Escape
sleep 0.3
xdotool mouseup 1
waitfor leave "the drag left"
! said | grep -q '^file\|^dropped' || fail "Escape did not cancel: the target got a drop"

echo "  the viewer's photo, dropped"
drag 52 60
xdotool mouseup 1
dropped helpdesk@contoso.onmicrosoft.com

# The window after the drop: a click on another person shows their photo.
# (Had the window not heard the button come up, it would take the click for
# the end of a drag and select no one.)
photo_area() { # the viewer's photo, as wine-window.sh finds it
	convert "$1" -crop "$((WIDTH * 35 / 100))x$((HEIGHT * 56 / 100))+$((WIDTH * 34 / 100))+$((HEIGHT * 32 / 100))" +repage "$2"
}
import -window "$wid" "$work/dropped.png" && photo_area "$work/dropped.png" "$work/photo-before.png"
xdotool mousemove "$((X + WIDTH * 10 / 100))" "$((Y + HEIGHT * 38 / 100))" click 1
changed=""
for _ in $(seq 50); do
	sleep 0.2
	import -window "$wid" "$work/clicked.png" 2>/dev/null || continue
	photo_area "$work/clicked.png" "$work/photo-after.png"
	d=$(compare -metric RMSE "$work/photo-before.png" "$work/photo-after.png" null: 2>&1 | sed 's/.*(\(.*\))/\1/') || true
	if awk -v d="$d" 'BEGIN { exit !(d + 0 > 0.05) }'; then
		changed=$d
		break
	fi
done
[ -n "$changed" ] || {
	cp "$work/clicked.png" "${shot%.png}-after-drop.png"
	fail "a click on another person after the drop changed nothing (${shot%.png}-after-drop.png)"
}
echo "  a click after the drop shows another photo (RMSE $changed against the dropped one's)"

# The third result's avatar (Megan Bowen in the sandbox's first page).
start_target avatar
echo "  a result's avatar, dropped"
drag 2 47
xdotool mouseup 1
dropped megan.bowen@contoso.onmicrosoft.com
