#!/usr/bin/env bash
# Part of scripts/wine-window.sh: drags the viewer's photo out of Photo
# Desk's window (X window WID, showing photos) onto internal/windroptarget,
# with the mouse as a user would (xdotool), and checks that the target got
# what Explorer would: the photo as a file (CF_HDROP) and as a picture
# (PNG), the same photo both ways. Then Photo Desk must still answer a
# click: OLE's loop eats the button's release, which the window must hear.
#   wine-drag.sh WID DROPTARGET.exe WORKDIR SHOT.png
set -euo pipefail
wid=${1:?} target=${2:?} work=${3:?} shot=${4:?}
wine=${wine:-/usr/lib/wine/wine64}
drop=$work/drop
mkdir -p "$drop"
fail() {
	echo "wine-drag: $*" >&2
	echo "--- the drop target said:" >&2
	tr -d '\r' <"$work/drop.log" >&2 || true
	import -window root "${shot%.png}-drag.png" 2>/dev/null && echo "(screen: ${shot%.png}-drag.png)" >&2
	exit 1
}

# The target's window goes right of Photo Desk's, on the same screen.
eval "$(xdotool getwindowgeometry --shell "$wid")"
tx=$((X + WIDTH + 40)) ty=$((Y + 100))
"$wine" "$target" -x "$tx" -y "$ty" -w 360 -h 360 -timeout 60s -out "Z:${drop//\//\\}" >"$work/drop.log" 2>&1 &
targetpid=$!
trap 'kill $targetpid 2>/dev/null || true' EXIT
for _ in $(seq 100); do
	grep -q ready "$work/drop.log" 2>/dev/null && break
	kill -0 "$targetpid" 2>/dev/null || fail "the drop target ended before it was ready"
	sleep 0.2
done
grep -q ready "$work/drop.log" || fail "the drop target was not ready in 20 s"

# From the middle of the viewer's photo (where wine-window.sh saw it), in
# steps, as a hand moves: Fyne starts the drag past a few pixels of travel,
# and OLE's loop follows the pointer from there.
px=$((X + WIDTH * 52 / 100)) py=$((Y + HEIGHT * 60 / 100))
cx=$((tx + 180)) cy=$((ty + 180))
xdotool mousemove "$px" "$py"
sleep 0.3
xdotool mousedown 1
for i in $(seq 1 20); do
	xdotool mousemove "$((px + (cx - px) * i / 20))" "$((py + (cy - py) * i / 20))"
	sleep 0.1
done
sleep 0.5
xdotool mouseup 1
for _ in $(seq 150); do
	kill -0 "$targetpid" 2>/dev/null || break
	sleep 0.2
done
wait "$targetpid" || fail "the drop target took no drop"
trap - EXIT
tr -d '\r' <"$work/drop.log" | sed 's/^/  target: /'
tr -d '\r' <"$work/drop.log" | grep -qx 'enter hdrop png' || fail "the drag did not offer both a file and a picture"

# The file: a JPEG named as Save names it; the picture: a PNG of the same
# photo (same size, nearly the same pixels: the PNG is the decoded JPEG).
read -r name bytes < <(tr -d '\r' <"$work/drop.log" | awk '$1 == "file" {print $2, $3}')
[ -n "${name:-}" ] || fail "no file line"
case "$name" in *_[0-9]*x[0-9]*.jpg) ;; *) fail "the dropped file is named '$name'" ;; esac
jpeg=$(identify -format '%m %wx%h' "$drop/$name") || fail "the dropped file is no picture"
png=$(identify -format '%m %wx%h' "$drop/dropped.png") || fail "the dropped PNG is no picture"
echo "  file $name ($bytes bytes): $jpeg; picture: $png"
[ "${jpeg%% *}" = JPEG ] || fail "the dropped file is $jpeg, not a JPEG"
[ "$png" = "PNG ${jpeg#* }" ] || fail "the picture ($png) is not the file's photo ($jpeg)"
diff=$(compare -metric RMSE "$drop/$name" "$drop/dropped.png" null: 2>&1 | sed 's/.*(\(.*\))/\1/') || true
awk -v d="$diff" 'BEGIN { exit !(d + 0 < 0.02) }' || fail "the picture differs from the file (RMSE $diff)"

# The window after the drop: a click on another person shows their photo.
# (Had the window not heard the button come up, it would take the click for
# the end of a drag and select no one.)
photo_area() { # the viewer's photo, as wine-window.sh finds it
	convert "$1" -crop "$((WIDTH * 35 / 100))x$((HEIGHT * 56 / 100))+$((WIDTH * 34 / 100))+$((HEIGHT * 32 / 100))" +repage "$2"
}
import -window "$wid" "$work/dropped.png" && photo_area "$work/dropped.png" "$work/photo-before.png"
xdotool mousemove "$((X + WIDTH * 10 / 100))" "$((Y + HEIGHT * 38 / 100))" click 1
for _ in $(seq 50); do
	sleep 0.2
	import -window "$wid" "$work/clicked.png" 2>/dev/null || continue
	photo_area "$work/clicked.png" "$work/photo-after.png"
	d=$(compare -metric RMSE "$work/photo-before.png" "$work/photo-after.png" null: 2>&1 | sed 's/.*(\(.*\))/\1/') || true
	if awk -v d="$d" 'BEGIN { exit !(d + 0 > 0.05) }'; then
		echo "  a click after the drop shows another photo (RMSE $d against the dropped one's)"
		exit 0
	fi
done
cp "$work/clicked.png" "${shot%.png}-after-drop.png"
fail "a click on another person after the drop changed nothing (${shot%.png}-after-drop.png)"
