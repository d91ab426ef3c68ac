package app

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/photodesk/photodesk/graphapi"
	"github.com/photodesk/photodesk/graphapi/sandbox"
)

// A group is found by what a person knows it by — its id, its mail, its
// name in any case — each group once however many entries name it; an
// entry no group answers to says what it was read as, and a name typed
// short names the groups it starts.
func TestSandboxFindGroups(t *testing.T) {
	tn := startTenant(t, sandbox.Options{Users: 30})
	c := tn.e.Client()
	sales, interns, hires := tn.ex.Sales, tn.ex.Interns, tn.ex.NewHires
	entries := []string{
		sales.ID, strings.ToUpper(interns.Mail), " new HIRES ", sales.DisplayName,
		"Sal", "nobody-group@contoso.onmicrosoft.com", "00000000-0000-0000-0000-000000000000",
	}
	groups, problems := FindGroups(t.Context(), c, entries)
	var ids []string
	for _, g := range groups {
		if g.Kind != KindGroup || g.Subject != graphapi.Group(g.ID) {
			t.Errorf("%+v is not a group's subject", g)
		}
		ids = append(ids, g.ID)
	}
	if want := []string{sales.ID, interns.ID, hires.ID}; !slices.Equal(ids, want) {
		t.Errorf("groups %v, want %v (Sales once)", ids, want)
	}
	want := []string{
		`no group is named "Sal"; groups whose name starts so: "Sales" (id ` + sales.ID + ", " + sales.Mail + ")",
		"no group has the mail address nobody-group@contoso.onmicrosoft.com",
		"no group has the id 00000000-0000-0000-0000-000000000000",
	}
	if len(problems) != len(want) {
		t.Fatalf("problems %+v, want %d", problems, len(want))
	}
	for i, p := range problems {
		if !strings.HasPrefix(p.Err.Error(), want[i]) || !errors.Is(p.Err, ErrNoSuchGroup) || p.Entry != entries[4+i] {
			t.Errorf("problem %d: %q: %v; want %q…, not found", i, p.Entry, p.Err, want[i])
		}
	}
}

// Two groups may share a name: the entry is refused with both ids to
// pick from, rather than one picked at random.
func TestFindGroupOfASharedName(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/v1.0/groups" || !strings.Contains(r.URL.Query().Get("$filter"), "startswith(displayName,'Support')") {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"value":[
			{"id":"11111111-1111-1111-1111-111111111111","displayName":"Support","mail":"support@contoso.com"},
			{"id":"22222222-2222-2222-2222-222222222222","displayName":"support","mail":"support-emea@contoso.com"},
			{"id":"33333333-3333-3333-3333-333333333333","displayName":"Support Leads"}]}`))
	}))
	t.Cleanup(srv.Close)
	c := graphapi.New(graphapi.WithBaseURL(srv.URL+"/v1.0"), graphapi.WithTokenSource(graphapi.StaticToken("t")))
	_, err := FindGroup(t.Context(), c, "Support")
	amb, ok := errors.AsType[*AmbiguousGroupError](err)
	if !ok || len(amb.Groups) != 2 {
		t.Fatalf("FindGroup(Support) = %v, want the two groups named so", err)
	}
	if msg := err.Error(); !strings.Contains(msg, "2 groups answer to \"Support\"") ||
		!strings.Contains(msg, `"Support" (id 11111111-1111-1111-1111-111111111111, support@contoso.com)`) ||
		!strings.Contains(msg, "22222222-2222-2222-2222-222222222222") || strings.Contains(msg, "Leads") {
		t.Errorf("message %q, want both ids to pick from and not the group named otherwise", msg)
	}
}

// A list of groups is one a line — names with commas kept whole — or a
// CSV with an id, mail or displayName column; each entry once.
func TestReadGroupList(t *testing.T) {
	dir := t.TempDir()
	txt := filepath.Join(dir, "groups.txt")
	if err := os.WriteFile(txt, []byte("# sites\nSales, Marketing and PR\n\nsales@contoso.com\nSALES@contoso.com\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	got, err := ReadGroupList(txt)
	if want := []string{"Sales, Marketing and PR", "sales@contoso.com"}; err != nil || !slices.Equal(got, want) {
		t.Errorf("ReadGroupList(txt) = %q, %v; want %q", got, err, want)
	}
	csv := filepath.Join(dir, "groups.csv")
	if err := os.WriteFile(csv, []byte("displayName,id\n\"Sales, EMEA\",59ee1e9b-e3a3-459c-931d-3dd411f1cfc6\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	got, err = ReadGroupList(csv)
	if want := []string{"59ee1e9b-e3a3-459c-931d-3dd411f1cfc6"}; err != nil || !slices.Equal(got, want) {
		t.Errorf("ReadGroupList(csv) = %q, %v; want the id column %q", got, err, want)
	}
	bin := filepath.Join(dir, "groups.bin")
	if err := os.WriteFile(bin, []byte{0, 1, 2}, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadGroupList(bin); err == nil || !strings.Contains(err.Error(), "one group id, mail or display name a line") {
		t.Errorf("ReadGroupList(binary) = %v, want it refused with what the file should hold", err)
	}
}
