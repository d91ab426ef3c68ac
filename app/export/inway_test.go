package export

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/graphapi"
)

// TestPhotosInTheWayCountsOnlyThisExportsNames: a folder that holds an
// every-user export at all sizes, asked about by an export of two of
// those people, counts only their files at the sizes it may fetch, where
// ExistingPhotos (the whole folder) counted everyone's.
func TestPhotosInTheWayCountsOnlyThisExportsNames(t *testing.T) {
	user := func(upn string) app.Person {
		return app.PersonFromUser(graphapi.UserInfo{ID: "id-" + upn, UserPrincipalName: upn})
	}
	ann, ben := user("ann@contoso.com"), user("ben@contoso.com")
	// Not listed; her UPN starts as Ann's name does, so a prefix guess
	// ("ann@contoso.com") took her files for Ann's.
	annette := user("ann@contoso.com.au")
	entra := user("lee@contoso.com") // not listed either
	dir := t.TempDir()
	write := func(name string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	for _, p := range []app.Person{ann, ben, annette, entra} {
		for _, side := range []int{48, 240, 648} {
			write(app.PhotoFileName(p, "jpeg", side, side))
		}
	}
	write(app.PhotoFileName(entra, "jpeg", 1200, 800))            // an Entra-only upload
	write(strings.ToUpper(app.PhotoFileName(ben, "png", 96, 96))) // case aside, Ben's
	write("photodesk-report-20250101-120000.csv")
	write("notes_48x48.txt")
	if err := os.Mkdir(filepath.Join(dir, app.PhotoFileName(ann, "jpeg", 64, 64)), 0o755); err != nil {
		t.Fatal(err) // a folder is no file in the way
	}

	all, err := ExistingPhotos(dir)
	if err != nil || all != 14 {
		t.Fatalf("ExistingPhotos = %d, %v; want the folder's 14 photos", all, err)
	}
	listed := []app.Person{ann, ben}
	for _, c := range []struct {
		sizes Sizes
		want  int
	}{
		{Sizes{Mode: ModeAll}, 7},
		{Sizes{Mode: ModeOne, Size: graphapi.SizeLargest}, 7},
		{Sizes{Mode: ModeOne, Size: "240x240"}, 5}, // 48, 96 (Ben's png) and 240: it or a fallback
		{Sizes{Mode: ModeOne, Size: "48x48"}, 2},
		{Sizes{Mode: ModeNone}, 0}, // an audit writes no photos
	} {
		got, err := PhotosInTheWay(dir, listed, c.sizes)
		if err != nil || got != c.want {
			t.Errorf("size %s: PhotosInTheWay = %d, %v; want %d", c.sizes, got, err, c.want)
		}
	}
	if got, err := PhotosInTheWay(filepath.Join(dir, "not-yet"), listed, Sizes{Mode: ModeAll}); err != nil || got != 0 {
		t.Errorf("a folder not made yet: %d, %v; want 0", got, err)
	}
}
