#!/usr/bin/env bash
# Part of scripts/wine-window.sh: drags photos out of Photo Desk's window (X
# window WID, showing photos, started with PHOTODESK_TRACE so that it
# prints how each drag ended to WORKDIR/window.log) onto
# internal/windroptarget with the mouse, as a user would (xdotool), and
# checks what arrived — what Explorer would take: the photo as a file
# (CF_HDROP) and as a picture (PNG), the same photo both ways — and what
# Photo Desk says of each drag. In order: the viewer's photo, cancelled
# with Esc over the target (no drop may arrive; the status bar must tell
# of the drag while it runs); the viewer's photo, dropped; a click on
# another person, which must show their photo (OLE's loop eats the
# button's release, which the window must still hear); a result's avatar,
# dropped on a target that takes the data only after the drop, as the
# shell does; a drag let go over Photo Desk's own window (nothing happens);
# and one let go over a window that takes no drops (refused).
#   wine-drag.sh WID DROPTARGET.exe WORKDIR SHOT.png
set -euo pipefail
wid=${1:?} target=${2:?} work=${3:?} shot=${4:?}
wine=${wine:-/usr/lib/wine/wine64}
log=/dev/null targetpid="" drags=0 enters=0
fail() {
	echo "wine-drag: $*" >&2
	echo "--- the drop target said:" >&2
	tr -d '\r' <"$log" >&2 || true
	echo "--- Photo Desk said of its drags:" >&2
	tr -d '\r' <"$work/window.log" | grep 'photodesk-trace: drag' >&2 || true
	import -window root "${shot%.png}-drag.png" 2>/dev/null && echo "(screen: ${shot%.png}-drag.png)" >&2
	# One line for wine-window.sh to end its own failure with: CI shows
	# only the last lines of a run.
	{
		printf '%s (drop target: %s; Photo Desk: %s)\n' "$*" \
			"$(tr -d '\r' <"$log" 2>/dev/null | paste -sd, -)" \
			"$(tr -d '\r' <"$work/window.log" | awk '$2 == "drag" { $1 = ""; print }' | paste -sd, -)"
	} >"$work/drag-failure.txt"
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
# ended RESULT: Photo Desk's next word on a drag's end is RESULT.
ended() {
	local got=""
	for _ in $(seq 100); do
		got=$(tr -d '\r' <"$work/window.log" | awk -v seen="$drags" \
			'$1 == "photodesk-trace:" && $2 == "drag" && ++n > seen { $1 = $2 = $NF = ""; print; exit }' | xargs)
		[ -z "$got" ] || break
		sleep 0.2
	done
	[ -n "$got" ] || fail "Photo Desk did not say how the drag ended"
	drags=$((drags + 1))
	[ "$got" = "$1" ] || fail "Photo Desk says the drag ended '$got', want '$1'"
	echo "  Photo Desk: the drag ended $got"
}

eval "$(xdotool getwindowgeometry --shell "$wid")"
# The target's window goes right of Photo Desk's, on the same screen.
tx=$((X + WIDTH + 40)) ty=$((Y + 100))
cx=$((tx + 180)) cy=$((ty + 180))

# start_target NAME [-late]: a target waiting for one drop, files into
# WORK/NAME.
start_target() {
	dir=$work/$1 log=$work/$1.log quit=$work/$1.quit
	mkdir -p "$dir"
	"$wine" "$target" -x "$tx" -y "$ty" -w 360 -h 360 -timeout 60s ${2:-} -out "Z:${dir//\//\\}" \
		-until "Z:${quit//\//\\}" >"$log" 2>&1 &
	targetpid=$!
	enters=0
	waitfor ready "it was ready"
}

# entered: the target has heard one more drag come over it (its
# DragEnter) than before. A person lets go once the pointer shows the
# target takes the drop; on a slow machine OLE's loop may reach the
# target well after the pointer does.
entered() {
	local n
	for _ in $(seq 100); do
		n=$(said | grep -c '^enter' || true)
		if [ "$n" -gt "$enters" ]; then
			enters=$n
			return 0
		fi
		sleep 0.2
	done
	fail "the drop target never heard the drag come over it (DragEnter) within 20 s"
}

# drag FX FY [TOX TOY]: press at (FX, FY) of the window (per cent of its
# size) and move, in steps as a hand does, to the screen point (TOX, TOY),
# the target's middle by default. Fyne starts the drag past a few pixels
# of travel; OLE's loop follows the pointer there.
drag() {
	local px=$((X + WIDTH * $1 / 100)) py=$((Y + HEIGHT * $2 / 100)) qx=${3:-$cx} qy=${4:-$cy} i
	xdotool mousemove "$px" "$py"
	sleep 0.3
	xdotool mousedown 1
	for i in $(seq 1 20); do
		xdotool mousemove "$((px + (qx - px) * i / 20))" "$((py + (qy - py) * i / 20))"
		sleep 0.1
	done
	sleep 0.5
}

# crop IMAGE GEOMETRY-IN-PER-CENT OUT: a part of a window screenshot.
crop() {
	convert "$1" -crop "$((WIDTH * $4 / 100))x$((HEIGHT * $5 / 100))+$((WIDTH * $2 / 100))+$((HEIGHT * $3 / 100))" +repage "$6"
}
# rmse A B: how far two pictures differ, 0 to 1.
rmse() { compare -metric RMSE "$1" "$2" null: 2>&1 | sed 's/.*(\(.*\))/\1/' || true; }
# over A B, under A B: whether number A is over (under) B.
over() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a + 0 > b) }'; }
under() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a + 0 < b) }'; }

# dropped WHO: the target took one drop and ended (let go once Photo Desk
# has said how its drag ended: see windroptarget's -until); its file is WHO's photo
# as Save names it, its picture the same photo (same size, nearly the same
# pixels: the PNG is the decoded JPEG).
dropped() {
	local name bytes jpeg png diff
	touch "$quit"
	for _ in $(seq 100); do
		kill -0 "$targetpid" 2>/dev/null || break
		sleep 0.2
	done
	# Its own timer cannot end a target stuck in a call to a hung source.
	! kill -0 "$targetpid" 2>/dev/null || fail "the drop target is still inside the drop after 20 s (Photo Desk hung?)"
	wait "$targetpid" || fail "the drop target took no drop"
	targetpid=""
	said | sed 's/^/  target: /'
	said | grep -qx 'enter hdrop png' || fail "the drag did not give both a file and a picture"
	said | grep -qx 'formats hdrop png' || fail "the drag did not list both a file and a picture"
	said | grep -qx 'files 1' || fail "the file list does not hold one file"
	read -r name bytes < <(said | awk '$1 == "file" {print $2, $3}')
	[ -n "${name:-}" ] || fail "no file line"
	case "$name" in "$1"_[0-9]*x[0-9]*.jpg) ;; *) fail "the dropped file is named '$name', not $1's photo" ;; esac
	jpeg=$(identify -format '%m %wx%h' "$dir/$name") || fail "the dropped file is no picture"
	png=$(identify -format '%m %wx%h' "$dir/dropped.png") || fail "the dropped PNG is no picture"
	echo "  file $name ($bytes bytes): $jpeg; picture: $png"
	[ "${jpeg%% *}" = JPEG ] || fail "the dropped file is $jpeg, not a JPEG"
	[ "$png" = "PNG ${jpeg#* }" ] || fail "the picture ($png) is not the file's photo ($jpeg)"
	diff=$(rmse "$dir/$name" "$dir/dropped.png")
	under "$diff" 0.02 || fail "the picture differs from the file (RMSE $diff)"
}

photo_area() { import -window "$wid" "$1.full.png" && crop "$1.full.png" 34 32 35 56 "$1"; }
status_area() { import -window "$wid" "$1.full.png" && crop "$1.full.png" 50 96 50 4 "$1"; }

# Keys go where the pointer is on an X server with no window manager; the
# Esc below must reach Photo Desk, as it would on Windows during its drag.
xdotool windowfocus "$wid"
start_target first
echo "  the viewer's photo, Esc over the target"
status_area "$work/status-before.png"
drag 52 60
entered
status_area "$work/status-during.png"
d=$(rmse "$work/status-before.png" "$work/status-during.png")
# The window cannot paint while OLE's loop runs: it must have shown it before.
over "$d" 0.01 || fail "the status bar said nothing during the drag (RMSE $d)"
echo "  the status bar tells of the drag while it runs (RMSE $d against before it)"
xdotool key Escape
sleep 0.3
xdotool mouseup 1
waitfor leave "the drag left"
ended cancelled
! said | grep -q '^file\|^dropped' || fail "Esc did not cancel: the target got a drop"

echo "  the viewer's photo, dropped"
drag 52 60
entered
xdotool mouseup 1
ended dropped
dropped helpdesk@contoso.onmicrosoft.com

# The window after the drop: a click on another person shows their photo.
# (Had the window not heard the button come up, it would take the click for
# the end of a drag and select no one.)
photo_area "$work/photo-before.png"
xdotool mousemove "$((X + WIDTH * 10 / 100))" "$((Y + HEIGHT * 38 / 100))" click 1
changed=""
for _ in $(seq 50); do
	sleep 0.2
	photo_area "$work/photo-after.png" 2>/dev/null || continue
	d=$(rmse "$work/photo-before.png" "$work/photo-after.png")
	if over "$d" 0.05; then
		changed=$d
		break
	fi
done
[ -n "$changed" ] || fail "a click on another person after the drop changed nothing"
echo "  a click after the drop shows another photo (RMSE $changed against the dropped one's)"

# The third result's avatar (Megan Bowen in the sandbox's first page), on
# a target that reads the data after the drop is over for Photo Desk.
start_target avatar -late
echo "  a result's avatar, dropped, its data taken after the drop"
drag 2 47
entered
xdotool mouseup 1
ended dropped
dropped megan.bowen@contoso.onmicrosoft.com
said | grep -qx 'dropped late' || fail "the target did not take the data late"

echo "  the viewer's photo, let go over Photo Desk's own window"
photo_area "$work/photo-before.png"
drag 52 60 "$((X + WIDTH * 60 / 100))" "$((Y + HEIGHT * 45 / 100))"
xdotool mouseup 1
ended "no target"
sleep 1 # had it opened the photo editor, that takes a moment to show
photo_area "$work/photo-after.png"
d=$(rmse "$work/photo-before.png" "$work/photo-after.png")
under "$d" 0.01 || fail "letting go over the window changed it (RMSE $d): the editor opened?"

echo "  the viewer's photo, let go where no window takes drops"
drag 52 60 "$((X + WIDTH + 200))" "$((Y + HEIGHT - 50))"
xdotool mouseup 1
ended refused
