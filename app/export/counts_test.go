package export

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/photodesk/photodesk/graphapi"
	"github.com/photodesk/photodesk/graphapi/sandbox"
	"github.com/photodesk/photodesk/graphapi/sandbox/sandboxtest"
)

// checkBuckets fails unless every person done is in exactly one bucket.
func checkBuckets(t *testing.T, s *Summary) {
	t.Helper()
	if got := s.OK + s.NoPhoto + s.Errors + s.Skipped; got != s.Done {
		t.Errorf("%d ok + %d no photo + %d errors + %d skipped = %d, but %d people done",
			s.OK, s.NoPhoto, s.Errors, s.Skipped, got, s.Done)
	}
}

// people is the number of distinct people in a report.
func people(rows []Row) int {
	seen := map[string]bool{}
	for _, r := range rows {
		seen[rowKey(r)] = true
	}
	return len(seen)
}

// Size "all" writes a file a size; the summary still counts people, with
// files apart (issue 18: "30 people: 163 ok").
func TestExportAllSizesCountsPeopleNotFiles(t *testing.T) {
	tn := sandboxtest.Start(t, sandbox.Options{Users: 20})
	ex := tn.Dir.Examples()
	src := []string{ex.FullHD.UserPrincipalName, ex.UpTo240.UserPrincipalName, ex.EntraOnly.UserPrincipalName, ex.NoPhoto.UserPrincipalName}
	sum, rows, _, err := exportRun(t, t.Context(), Options{
		Client: tn.Client(tn.Token), Source: Source{People: src}, Sizes: Sizes{Mode: ModeAll},
	})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Done != 4 || sum.OK != 3 || sum.NoPhoto != 1 || sum.Files != 15 || sum.Rows != len(rows) {
		t.Errorf("done %d, ok %d, no photo %d, files %d, rows %d (report %d); want 4 people: 3 with a photo, 1 without, 15 files",
			sum.Done, sum.OK, sum.NoPhoto, sum.Files, sum.Rows, len(rows))
	}
	checkBuckets(t, sum)
	line := sum.String()
	if !strings.HasPrefix(line, "4 people: 3 with a photo, 1 without photo, 0 errors") || !strings.Contains(line, "15 files written") {
		t.Errorf("summary line %q", line)
	}
	// The audit's findings: UpTo240 is small, the Entra-only 400x300 is
	// not square; each is named once however many sizes were written.
	names := map[string]Finding{}
	for _, f := range sum.Findings {
		names[f.Person.UPN] = f
	}
	if f := names[ex.UpTo240.UserPrincipalName]; !f.Small || f.NonSquare {
		t.Errorf("UpTo240's finding %+v, want small and square", f)
	}
	if f := names[ex.EntraOnly.UserPrincipalName]; !f.NonSquare || f.Width != 400 || f.Height != 300 {
		t.Errorf("Entra-only finding %+v, want 400x300 not square", f)
	}
	if _, ok := names[ex.FullHD.UserPrincipalName]; ok || len(sum.Findings) != 2 {
		t.Errorf("findings %+v, want only UpTo240 and the Entra-only person", sum.Findings)
	}
	// The report's small and square columns say the same per row.
	for _, r := range rows {
		var small, square Flag
		switch r.UPN {
		case ex.FullHD.UserPrincipalName:
			small, square = FlagFalse, FlagTrue
		case ex.UpTo240.UserPrincipalName:
			small, square = FlagTrue, FlagTrue
		case ex.EntraOnly.UserPrincipalName:
			small, square = FlagFalse, FlagFalse
		default:
			small, square = FlagUnknown, FlagUnknown
		}
		if r.Small != small || r.Square != square {
			t.Errorf("%s %s: small %q square %q, want %q %q", r.UPN, r.Size, r.Small, r.Square, small, square)
		}
	}
}

// A group with a nested group: the skipped member is one of the members,
// so the buckets add up to the members listed, and the summary counts
// members, not people: a nested group is no person.
func TestExportGroupBucketsAddUp(t *testing.T) {
	tn := sandboxtest.Start(t, sandbox.Options{Users: 60})
	g := tn.Dir.Examples().NewHires
	sum, _, _, err := exportRun(t, t.Context(), Options{
		Client: tn.Client(tn.Token), Source: Source{GroupID: g.ID}, Sizes: Sizes{Mode: ModeOne, Size: graphapi.SizeLargest},
	})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Done != len(g.Members) || sum.Skipped == 0 {
		t.Errorf("%d done, %d skipped, for %d members", sum.Done, sum.Skipped, len(g.Members))
	}
	checkBuckets(t, sum)
	line := sum.String()
	if want := fmt.Sprintf("%d members: ", len(g.Members)); !strings.HasPrefix(line, want) || strings.Contains(line, "people") {
		t.Errorf("summary %q: want it to count %q, not people", line, want)
	}
	if !strings.Contains(line, "1 skipped (not a user)") {
		t.Errorf("summary %q does not name the skipped member", line)
	}
	if !sum.Members || sum.Unit(2) != "members" {
		t.Errorf("progress of a group's export counts %q", sum.Unit(2))
	}
}

// Stopping part-way through a person's sizes still counts that person, so
// the summary and the report name the same people.
func TestExportCancelledCountsThePeopleInTheReport(t *testing.T) {
	tn := sandboxtest.Start(t, sandbox.Options{Users: 40})
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	rowsSeen := 0
	sum, rows, _, err := exportRun(t, ctx, Options{
		Client: tn.Client(tn.Token), Source: Source{AllUsers: true}, Sizes: Sizes{Mode: ModeAll}, Workers: 1,
		OnRow: func(Row) {
			rowsSeen++
			if rowsSeen == 20 {
				cancel()
			}
		},
	})
	if !errors.Is(err, context.Canceled) || !sum.Cancelled {
		t.Fatalf("err %v, cancelled %v", err, sum.Cancelled)
	}
	if n := people(rows); sum.Done != n {
		t.Errorf("summary says %d people, the report has %d", sum.Done, n)
	}
	if sum.OK > sum.Done || sum.Rows != len(rows) {
		t.Errorf("%d with a photo of %d people; %d rows counted, %d in the report", sum.OK, sum.Done, sum.Rows, len(rows))
	}
	checkBuckets(t, sum)
}

// Durations are written one way (issue 18: "100ms" next to "0s").
func TestFormatDuration(t *testing.T) {
	for d, want := range map[time.Duration]string{
		40 * time.Millisecond:    "under 0.1s",
		100 * time.Millisecond:   "0.1s",
		12340 * time.Millisecond: "12.3s",
		125 * time.Second:        "2m5s",
	} {
		if got := FormatDuration(d); got != want {
			t.Errorf("FormatDuration(%v) = %q, want %q", d, got, want)
		}
	}
}
