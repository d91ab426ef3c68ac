package export

import (
	"strings"
	"sync"
	"testing"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/graphapi"
	"github.com/photodesk/photodesk/graphapi/sandbox"
	"github.com/photodesk/photodesk/graphapi/sandbox/sandboxtest"
)

// groupPerson is a sandbox group as the window's Groups list holds it.
func groupPerson(g *sandbox.Group) app.Person {
	return app.PersonFromGroup(graphapi.GroupInfo{ID: g.ID, DisplayName: g.DisplayName, Mail: g.Mail})
}

// TestListedGroupsExportTheirOwnPhotos: a list of groups exports each
// group's own photo, counted as groups, once each, into files named after
// the group's mail, as the window's Save names them; a group without a
// photo is a no-photo row. Nothing but the groups' photos is asked for.
func TestListedGroupsExportTheirOwnPhotos(t *testing.T) {
	tn := sandboxtest.Start(t, sandbox.Options{Users: 20})
	ex := tn.Dir.Examples()
	var mu sync.Mutex
	var paths []string
	tn.Handler().Observe(func(s sandbox.Seen) {
		mu.Lock()
		defer mu.Unlock()
		paths = append(paths, s.Path)
	})
	t.Cleanup(func() { tn.Handler().Observe(nil) })
	sum, rows, dir, err := exportRun(t, t.Context(), Options{
		Client: tn.Client(tn.Token),
		Source: Source{Groups: []app.Person{groupPerson(ex.Sales), groupPerson(ex.Interns), groupPerson(ex.GroupNoPhoto), groupPerson(ex.Sales)}},
		Sizes:  Sizes{Mode: ModeOne, Size: graphapi.SizeLargest},
	})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Done != 3 || sum.Total != 3 || sum.OK != 2 || sum.NoPhoto != 1 || sum.Errors != 0 || sum.Unit(sum.Done) != "groups" {
		t.Errorf("summary: %+v (%s), want 3 groups: 2 with a photo, 1 without", sum.Progress, sum.Unit(sum.Done))
	}
	got := map[string]Row{}
	for _, r := range rows {
		got[r.ID] = r
	}
	if len(rows) != 3 {
		t.Errorf("%d rows, want one a group: %+v", len(rows), rows)
	}
	sales, interns := got[ex.Sales.ID], got[ex.Interns.ID]
	if sales.Status != StatusOK || sales.DisplayName != ex.Sales.DisplayName || !strings.HasPrefix(sales.File, app.SafeFileName(ex.Sales.Mail)+"_") {
		t.Errorf("Sales: %+v, want its photo in a file named after %s", sales, ex.Sales.Mail)
	}
	if interns.Status != StatusOK || interns.Width != 240 || interns.Small != FlagTrue {
		t.Errorf("Interns: %+v, want its 240x240 photo, flagged small", interns)
	}
	if r := got[ex.GroupNoPhoto.ID]; r.Status != StatusNoPhoto {
		t.Errorf("group without a photo: %+v", r)
	}
	checkFiles(t, dir, rows)
	mu.Lock()
	defer mu.Unlock()
	for _, p := range paths {
		if strings.Contains(p, "/users") {
			t.Errorf("a user was asked for (%s): only the groups' photos are", p)
		}
	}

	_, err = Run(t.Context(), Options{Client: tn.Client(tn.Token), Source: Source{Groups: []app.Person{app.PersonFromUser(graphapi.UserInfo{ID: "u1"})}}, Dir: t.TempDir()})
	if err == nil || !strings.Contains(err.Error(), "not a group") {
		t.Errorf("a user in the list of groups: %v", err)
	}
}
