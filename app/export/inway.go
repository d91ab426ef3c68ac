package export

import (
	"errors"
	"os"
	"strconv"
	"strings"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/graphapi"
)

// formatOfExt is the format (as app.PhotoFileName takes it) that gives a
// photo file its extension; photoName's other extensions are none this
// export writes.
var formatOfExt = map[string]string{"jpg": "jpeg", "png": "png", "gif": "gif"}

// PhotosInTheWay counts the files in dir that an export of people at
// sizes would write again: those named exactly as it names their photos
// (app.PhotoFileName, case aside as Windows and macOS see it) at a size it
// may fetch. They are the files Force would replace; the other photos in
// dir (another export's people, another size) are left alone either way,
// so a question counting them overstated what it risked. An audit
// (ModeNone) writes no photos. A missing dir has none.
//
// Use it when the people are known before the run: a list shown, a list
// of groups. When they are not (every user, a group's members), only
// ExistingPhotos can say what the folder holds.
func PhotosInTheWay(dir string, people []app.Person, sizes Sizes) (int, error) {
	if sizes.Mode == ModeNone || len(people) == 0 {
		return 0, nil
	}
	entries, err := readFolder(dir)
	if err != nil || len(entries) == 0 {
		return 0, err
	}
	// The names the export gives at one size and format, for everyone:
	// built once per size and format the folder holds.
	named := map[string]map[string]bool{}
	n := 0
	for _, e := range entries {
		name := e.Name()
		m := photoName.FindStringSubmatch(name)
		if m == nil || !e.Type().IsRegular() {
			continue
		}
		format, ours := formatOfExt[strings.ToLower(m[3])]
		w, werr := strconv.Atoi(m[1])
		h, herr := strconv.Atoi(m[2])
		if !ours || werr != nil || herr != nil || !mayFetch(sizes, w, h) {
			continue
		}
		tail := strings.ToLower(m[0])
		names, ok := named[tail]
		if !ok {
			names = make(map[string]bool, len(people))
			for _, p := range people {
				names[strings.ToLower(app.PhotoFileName(p, format, w, h))] = true
			}
			named[tail] = names
		}
		if names[strings.ToLower(name)] {
			n++
		}
	}
	return n, nil
}

// mayFetch says whether an export at sizes may write a photo of w x h: any
// size for the largest or for all sizes, else one that fits the size asked
// for (it, or the largest smaller one it falls back to).
func mayFetch(sizes Sizes, w, h int) bool {
	if sizes.Mode == ModeAll || sizes.Size == graphapi.SizeLargest {
		return true
	}
	side := sizes.Size.Pixels()
	return w <= side && h <= side
}

// readFolder lists dir, which may not be there yet (it has no files then).
func readFolder(dir string) ([]os.DirEntry, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	return entries, err
}
