package export

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/photodesk/photodesk/graphapi"
	"github.com/photodesk/photodesk/graphapi/sandbox"
	"github.com/photodesk/photodesk/graphapi/sandbox/sandboxtest"
)

// examplePeople lists the sandbox's photo variants by UPN, plus an unknown
// UPN and a repeat (by object id) of the first one.
func examplePeople(tn *sandboxtest.Tenant) []string {
	ex := tn.Dir.Examples()
	return []string{
		ex.FullHD.UserPrincipalName, ex.UpTo240.UserPrincipalName, ex.UpTo504.UserPrincipalName,
		ex.EntraOnly.UserPrincipalName, ex.PNG.UserPrincipalName, ex.Guest.UserPrincipalName,
		ex.NoPhoto.UserPrincipalName, ex.LegacyNoPhoto.UserPrincipalName, ex.GIF1x1.UserPrincipalName,
		"nobody.here@contoso.onmicrosoft.com",
		ex.FullHD.ID,
	}
}

func TestExportLargestVariants(t *testing.T) {
	tn := sandboxtest.Start(t, sandbox.Options{Users: 50})
	ex := tn.Dir.Examples()
	sum, rows, dir, err := exportRun(t, t.Context(), Options{
		Client: tn.Client(tn.Token), Source: Source{People: examplePeople(tn)}, Sizes: Sizes{Mode: ModeOne},
	})
	if err != nil {
		t.Fatal(err)
	}
	got := byKey(t, rows)
	if len(rows) != 10 {
		t.Errorf("%d rows, want 10 (9 people + 1 unknown; the repeat of %s is not fetched twice)", len(rows), ex.FullHD.ID)
	}
	want := map[string]Status{
		ex.FullHD.UserPrincipalName: StatusOK, ex.UpTo240.UserPrincipalName: StatusOK,
		ex.UpTo504.UserPrincipalName: StatusOK, ex.EntraOnly.UserPrincipalName: StatusOK,
		ex.PNG.UserPrincipalName: StatusOK, ex.Guest.UserPrincipalName: StatusOK,
		ex.NoPhoto.UserPrincipalName: StatusNoPhoto, ex.LegacyNoPhoto.UserPrincipalName: StatusNoPhoto,
		ex.GIF1x1.UserPrincipalName: StatusNoPhoto, "nobody.here@contoso.onmicrosoft.com": StatusError,
	}
	for upn, st := range want {
		r, ok := got[strings.ToLower(upn)]
		if !ok {
			t.Errorf("%s missing from the report", upn)
			continue
		}
		if r.Status != st {
			t.Errorf("%s: status %s, want %s (%s)", upn, r.Status, st, r.Error)
		}
	}
	entra := got[strings.ToLower(ex.EntraOnly.UserPrincipalName)]
	if entra.Width != 400 || entra.Height != 300 || entra.ContentType != "image/Jpeg" {
		t.Errorf("Entra-only row = %+v, want 400x300 image/Jpeg as sent", entra)
	}
	if r := got[strings.ToLower(ex.UpTo240.UserPrincipalName)]; r.Width != 240 {
		t.Errorf("UpTo240 largest is %dx%d", r.Width, r.Height)
	}
	if r := got[strings.ToLower(ex.PNG.UserPrincipalName)]; !strings.HasSuffix(r.File, ".png") {
		t.Errorf("PNG photo saved as %q", r.File)
	}
	guest := got[strings.ToLower(ex.Guest.UserPrincipalName)]
	if !strings.Contains(guest.File, "#EXT#") || strings.ContainsAny(guest.File, `/\:`) {
		t.Errorf("guest file name %q: want #EXT# kept and no separators", guest.File)
	}
	for _, r := range rows {
		if r.Status == StatusOK && (r.ETag == "" || r.ContentType == "") {
			t.Errorf("%s: ok row without ETag or Content-Type: %+v", r.UPN, r)
		}
	}
	checkFiles(t, dir, rows)
	if sum.Total != sum.Done {
		t.Errorf("total %d but %d done: the repeat must leave the total", sum.Total, sum.Done)
	}
	if sum.Duplicates != 1 || sum.OK != 6 || sum.NoPhoto != 3 || sum.Errors != 1 || sum.Done != 10 || !sum.TotalKnown {
		t.Errorf("summary %+v", sum)
	}
	if sum.OnlySmall != 1 || sum.NonSquare != 1 {
		t.Errorf("audit: %d only small (want 1: UpTo240), %d non-square (want 1: Entra-only)", sum.OnlySmall, sum.NonSquare)
	}
	// One request per person for the photo (the repeat and the unknown
	// UPN cost none), and no metadata or size lists.
	st := tn.Stats()
	if n := st.Requests[sandbox.KindPhotoBytes]; n != 9 {
		t.Errorf("%d photo requests for 9 people, want 9", n)
	}
	if n := st.Requests[sandbox.KindPhotoMeta] + st.Requests[sandbox.KindPhotoSizes]; n != 0 {
		t.Errorf("%d metadata/size-list requests, want 0", n)
	}
}

func TestExportFallbackToSmallerSize(t *testing.T) {
	tn := sandboxtest.Start(t, sandbox.Options{Users: 20})
	ex := tn.Dir.Examples()
	people := []string{
		ex.FullHD.UserPrincipalName, ex.UpTo240.UserPrincipalName, ex.UpTo504.UserPrincipalName,
		ex.EntraOnly.UserPrincipalName, ex.NoPhoto.UserPrincipalName,
	}
	sum, rows, dir, err := exportRun(t, t.Context(), Options{
		Client: tn.Client(tn.Token), Source: Source{People: people}, Sizes: Sizes{Mode: ModeOne, Size: "648x648"},
	})
	if err != nil {
		t.Fatal(err)
	}
	got := byKey(t, rows)
	for upn, want := range map[string]string{
		ex.FullHD.UserPrincipalName:    "648x648",
		ex.UpTo240.UserPrincipalName:   "240x240",
		ex.UpTo504.UserPrincipalName:   "504x504",
		ex.EntraOnly.UserPrincipalName: "largest",
	} {
		r := got[strings.ToLower(upn)]
		if r.Status != StatusOK || r.Size != want {
			t.Errorf("%s: %s at %q, want ok at %s (%s)", upn, r.Status, r.Size, want, r.Error)
		}
	}
	if r := got[strings.ToLower(ex.NoPhoto.UserPrincipalName)]; r.Status != StatusNoPhoto {
		t.Errorf("no-photo user: %+v", r)
	}
	checkFiles(t, dir, rows)
	if sum.OnlySmall != 1 {
		t.Errorf("only small = %d, want 1 (the fallback revealed UpTo240)", sum.OnlySmall)
	}
	// 5 photo requests, 4 size lists (everyone but FullHD), 3 fallbacks.
	st := tn.Stats()
	if b, l := st.Requests[sandbox.KindPhotoBytes], st.Requests[sandbox.KindPhotoSizes]; b != 8 || l != 4 {
		t.Errorf("%d photo and %d size-list requests, want 8 and 4", b, l)
	}
}

func TestExportAllSizes(t *testing.T) {
	tn := sandboxtest.Start(t, sandbox.Options{Users: 20})
	ex := tn.Dir.Examples()
	people := []string{ex.FullHD.UserPrincipalName, ex.UpTo240.UserPrincipalName, ex.EntraOnly.UserPrincipalName, ex.NoPhoto.UserPrincipalName}
	sum, rows, dir, err := exportRun(t, t.Context(), Options{
		Client: tn.Client(tn.Token), Source: Source{People: people}, Sizes: Sizes{Mode: ModeAll},
	})
	if err != nil {
		t.Fatal(err)
	}
	perUser := map[string][]string{}
	for _, r := range rows {
		if r.Status == StatusOK {
			perUser[strings.ToLower(r.UPN)] = append(perUser[strings.ToLower(r.UPN)], r.Size)
		}
	}
	if n := len(perUser[strings.ToLower(ex.FullHD.UserPrincipalName)]); n != len(graphapi.HDSizes) {
		t.Errorf("FullHD: %d sizes exported, want %d", n, len(graphapi.HDSizes))
	}
	if n := len(perUser[strings.ToLower(ex.UpTo240.UserPrincipalName)]); n != 5 {
		t.Errorf("UpTo240: %d sizes exported, want 5 (48 to 240)", n)
	}
	if s := perUser[strings.ToLower(ex.EntraOnly.UserPrincipalName)]; len(s) != 1 || s[0] != "largest" {
		t.Errorf("Entra-only: sizes %v, want just largest", s)
	}
	checkFiles(t, dir, rows)
	if sum.Done != 4 || sum.NoPhoto != 1 || sum.Files != 9+5+1 {
		t.Errorf("summary %+v", sum)
	}
}

func TestExportAuditWritesNoFiles(t *testing.T) {
	tn := sandboxtest.Start(t, sandbox.Options{Users: 60})
	dir := t.TempDir()
	sum, rows, _, err := exportRun(t, t.Context(), Options{
		Client: tn.Client(tn.Token), Source: Source{AllUsers: true}, Sizes: Sizes{Mode: ModeNone}, Dir: dir,
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(filesIn(t, dir)) != 0 {
		t.Error("the audit wrote files")
	}
	users := tn.Dir.Users()
	got := byKey(t, rows)
	if len(got) != len(users) {
		t.Errorf("%d rows for %d users", len(got), len(users))
	}
	for _, u := range users {
		if _, ok := got[strings.ToLower(u.UserPrincipalName)]; !ok {
			t.Errorf("%s missing", u.UserPrincipalName)
		}
	}
	st := tn.Stats()
	if st.Requests[sandbox.KindPhotoBytes] != 0 || st.Requests[sandbox.KindPhotoMeta] != len(users) {
		t.Errorf("requests %v: want one metadata request per user and no bytes", st.Requests)
	}
	ex := tn.Dir.Examples()
	if r := got[strings.ToLower(ex.EntraOnly.UserPrincipalName)]; r.Size != "default" || r.Width != 400 {
		t.Errorf("Entra-only audit row %+v", r)
	}
	if sum.OnlySmall == 0 || sum.NonSquare == 0 || sum.NoPhoto == 0 {
		t.Errorf("audit found nothing: %+v", sum)
	}
}

// TestExportGroupUnderFaults exports a 1,000-member group while the
// sandbox throttles, fails, enforces four concurrent photo requests and
// corrupts images: everyone must be in the report exactly once, a photo
// damaged on the way must be read again rather than saved or reported
// broken, and every file must decode.
func TestExportGroupUnderFaults(t *testing.T) {
	if testing.Short() {
		t.Skip("1,000 people")
	}
	tn := sandboxtest.Start(t, sandbox.Options{Users: 1000, Faults: sandbox.Faults{
		MaxPhotoConcurrency: 4, ThrottleRate: 0.1, UnavailableRate: 0.05,
		CorruptRate: 0.05, RetryAfter: "0.05",
	}})
	g := tn.Dir.Examples().AllCompany
	var meter WaitMeter
	c := tn.Client(tn.Token, graphapi.WithRetry(meter.Policy(graphapi.RetryPolicy{BaseDelay: 10_000_000, MaxAttempts: 8})))
	sum, rows, dir, err := exportRun(t, t.Context(), Options{
		Client: c, Source: Source{GroupID: g.ID}, Sizes: Sizes{Mode: ModeOne, Size: "96x96"}, Waits: &meter,
	})
	if err != nil {
		t.Fatal(err)
	}
	got := byKey(t, rows)
	members := 0
	for _, m := range g.Members {
		if m.User == nil {
			continue
		}
		members++
		if _, ok := got[strings.ToLower(m.User.UserPrincipalName)]; !ok {
			t.Errorf("member %s lost", m.User.UserPrincipalName)
		}
	}
	if members < 1000 || len(rows) != len(g.Members) {
		t.Errorf("%d rows for %d members (%d users)", len(rows), len(g.Members), members)
	}
	corrupt := 0
	for _, r := range rows {
		if r.Status == StatusError && strings.Contains(r.Error, "corrupt") {
			corrupt++
		}
	}
	// Three damaged reads in a row happen to one person in 8,000 at 5%.
	if corrupt*100 > len(rows) {
		t.Errorf("%d people reported with a corrupt photo at a 5%% corruption rate: damaged transfers are not read again", corrupt)
	}
	if st := tn.Stats(); st.Requests[sandbox.KindPhotoBytes] <= sum.OK {
		t.Errorf("%d photo requests for %d photos: nothing arrived damaged and was read again", st.Requests[sandbox.KindPhotoBytes], sum.OK)
	}
	checkFiles(t, dir, rows)
	st := tn.Stats()
	if st.PeakPhotoConcurrency > 4 {
		t.Errorf("peak photo concurrency %d > 4", st.PeakPhotoConcurrency)
	}
	if sum.Throttled == 0 {
		t.Error("no item was requeued to wait out its Retry-After under a 10% throttle rate")
	}
	t.Logf("%s; %d corrupt; requests %v; pacing %+v", sum, corrupt, st.Requests, c.Pacing())
}

func TestExportResumeSkipsUnchanged(t *testing.T) {
	tn := sandboxtest.Start(t, sandbox.Options{Users: 40})
	dir := t.TempDir()
	opts := Options{Client: tn.Client(tn.Token), Source: Source{AllUsers: true}, Sizes: Sizes{Mode: ModeOne, Size: "120x120"}, Dir: dir}
	first, rows, _, err := exportRun(t, t.Context(), opts)
	if err != nil {
		t.Fatal(err)
	}
	// Change one person's photo and delete another's file.
	var changed, deleted Row
	for _, r := range rows {
		if r.Status != StatusOK {
			continue
		}
		switch {
		case changed.ID == "":
			changed = r
		case deleted.ID == "":
			deleted = r
		}
	}
	tn.Dir.TouchPhoto(changed.ID)
	if err := os.Remove(filepath.Join(dir, deleted.File)); err != nil {
		t.Fatal(err)
	}
	tn.ResetStats()
	opts.Resume, opts.Previous = true, rows
	second, rows2, _, err := exportRun(t, t.Context(), opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows2) != len(rows) {
		t.Errorf("resumed report has %d rows, first had %d", len(rows2), len(rows))
	}
	// A row of another size than asked for (a fallback: UpTo96 has no
	// 120x120) is downloaded again, as the report cannot tell a fallback
	// from an earlier run's other --size (TestResumeAtAnotherSizeDownloadsAgain).
	fallbacks := 0
	for _, r := range rows {
		if r.Status == StatusOK && r.Size != "120x120" {
			fallbacks++
		}
	}
	if fallbacks == 0 {
		t.Fatal("the tenant has nobody without 120x120")
	}
	if second.Unchanged != first.OK-2-fallbacks {
		t.Errorf("%d unchanged, want %d (all but the changed, the deleted and the %d fallbacks)", second.Unchanged, first.OK-2-fallbacks, fallbacks)
	}
	st := tn.Stats()
	// Bytes again only for the changed, the deleted, the no-photo people and
	// the fallbacks (their size, missing, then the one served).
	if n, want := st.Requests[sandbox.KindPhotoBytes], 2+first.NoPhoto+2*fallbacks; n != want {
		t.Errorf("%d photo downloads on resume, want %d", n, want)
	}
	if n, want := st.Requests[sandbox.KindPhotoMeta], first.OK-1-fallbacks; n != want {
		t.Errorf("%d metadata checks, want %d (one per kept file of the size asked for)", n, want)
	}
	got := byKey(t, rows2)
	if r := got[strings.ToLower(changed.UPN)]; r.ETag == changed.ETag || r.Status != StatusOK {
		t.Errorf("changed photo: %+v, old ETag %s", r, changed.ETag)
	}
	checkFiles(t, dir, rows2)
}

func TestExportCancelKeepsFinishedRows(t *testing.T) {
	tn := sandboxtest.Start(t, sandbox.Options{Users: 300})
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	sum, rows, dir, err := exportRun(t, ctx, Options{
		Client: tn.Client(tn.Token), Source: Source{AllUsers: true}, Sizes: Sizes{Mode: ModeOne, Size: "48x48"},
		Workers: 1,
		OnRow: func(Row) {
			cancel() // after the first row
		},
	})
	if !errors.Is(err, context.Canceled) || !sum.Cancelled {
		t.Fatalf("err %v, cancelled %v", err, sum.Cancelled)
	}
	if !sum.LargestUnknown {
		t.Error("an export of 48x48 claims to know who has only small photos")
	}
	if len(rows) == 0 || len(rows) >= len(tn.Dir.Users()) {
		t.Errorf("%d rows after cancelling, want some but not all %d", len(rows), len(tn.Dir.Users()))
	}
	byKey(t, rows)
	checkFiles(t, dir, rows)
}

func TestExportGroupSkipsNonUsers(t *testing.T) {
	tn := sandboxtest.Start(t, sandbox.Options{Users: 60})
	g := tn.Dir.Examples().NewHires
	sum, rows, _, err := exportRun(t, t.Context(), Options{
		Client: tn.Client(tn.Token), Source: Source{GroupID: g.ID}, Sizes: Sizes{Mode: ModeNone},
	})
	if err != nil {
		t.Fatal(err)
	}
	groups := 0
	for _, m := range g.Members {
		if m.Group != nil {
			groups++
		}
	}
	if groups == 0 || sum.Skipped != groups || len(rows) != len(g.Members) {
		t.Errorf("%d skipped of %d nested groups; %d rows for %d members", sum.Skipped, groups, len(rows), len(g.Members))
	}
	skippedRows := 0
	for _, r := range rows {
		if strings.Contains(r.Error, "not a user") {
			if r.Status != StatusSkipped {
				t.Errorf("skipped member has status %s, want skipped (not an error)", r.Status)
			}
			skippedRows++
		}
	}
	if skippedRows != groups {
		t.Errorf("%d rows say why they were skipped, want %d", skippedRows, groups)
	}
}

func TestExportUnknownGroupFails(t *testing.T) {
	tn := sandboxtest.Start(t, sandbox.Options{Users: 10})
	_, rows, _, err := exportRun(t, t.Context(), Options{
		Client: tn.Client(tn.Token), Source: Source{GroupID: "00000000-0000-0000-0000-000000000000"}, Sizes: Sizes{Mode: ModeNone},
	})
	if !graphapi.IsNotFound(err) || len(rows) != 0 {
		t.Errorf("err %v, %d rows; want a 404 and an empty report", err, len(rows))
	}
}

func TestExportAllSizesResume(t *testing.T) {
	tn := sandboxtest.Start(t, sandbox.Options{Users: 20})
	ex := tn.Dir.Examples()
	dir := t.TempDir()
	opts := Options{
		Client: tn.Client(tn.Token), Dir: dir, Sizes: Sizes{Mode: ModeAll},
		Source: Source{People: []string{ex.FullHD.UserPrincipalName, ex.UpTo504.UserPrincipalName, ex.EntraOnly.UserPrincipalName}},
	}
	first, rows, _, err := exportRun(t, t.Context(), opts)
	if err != nil {
		t.Fatal(err)
	}
	tn.Dir.TouchPhoto(ex.UpTo504.ID)
	tn.ResetStats()
	opts.Resume, opts.Previous = true, rows
	second, rows2, _, err := exportRun(t, t.Context(), opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows2) != len(rows) || second.Files != 8 || second.Unchanged != first.OK-1 {
		t.Errorf("resume: %d rows (first %d), %d files written, %d people unchanged; want UpTo504's 8 sizes again and the other two unchanged", len(rows2), len(rows), second.Files, second.Unchanged)
	}
	// One size list each; bytes only for the changed person's 8 sizes.
	st := tn.Stats()
	if st.Requests[sandbox.KindPhotoSizes] != 3 || st.Requests[sandbox.KindPhotoBytes] != 8 {
		t.Errorf("requests on resume: %v", st.Requests)
	}
	checkFiles(t, dir, rows2)
}

// A resumed run that stops early must not drop the people it had not
// reached yet: their files are still in the folder, so the report carries
// their last rows over and the next --resume can skip them again.
func TestExportResumeCancelledKeepsUnreachedRows(t *testing.T) {
	tn := sandboxtest.Start(t, sandbox.Options{Users: 60})
	dir := t.TempDir()
	opts := Options{Client: tn.Client(tn.Token), Source: Source{AllUsers: true}, Sizes: Sizes{Mode: ModeOne, Size: "120x120"}, Dir: dir}
	_, rows, _, err := exportRun(t, t.Context(), opts)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	opts.Resume, opts.Previous, opts.Workers = true, rows, 1
	opts.OnRow = func(Row) { cancel() } // after the first row
	sum, rows2, _, err := exportRun(t, ctx, opts)
	if !errors.Is(err, context.Canceled) || !sum.Cancelled {
		t.Fatalf("err %v, cancelled %v", err, sum.Cancelled)
	}
	before, after := byKey(t, rows), byKey(t, rows2)
	for k, r := range before {
		got, ok := after[k]
		if !ok {
			t.Errorf("%s (%s) dropped from the report of the stopped resume", k, r.Status)
			continue
		}
		if got.File != r.File || got.Status != r.Status {
			t.Errorf("%s: row %+v, was %+v", k, got, r)
		}
	}
	if len(rows2) != len(rows) {
		t.Errorf("%d rows after the stopped resume, want %d", len(rows2), len(rows))
	}
	if sum.CarriedOver == 0 || sum.CarriedOver >= len(rows) {
		t.Errorf("%d rows carried over, want some but not all %d", sum.CarriedOver, len(rows))
	}
	checkFiles(t, dir, rows2)
}

// A resume with another --size than the run it resumes downloads the size
// asked for: an earlier 120x120 or largest file is not taken for the
// fallback of 240x240 (it is kept, and listed, as the export's own).
func TestResumeAtAnotherSizeDownloadsAgain(t *testing.T) {
	for _, c := range []struct{ first, second graphapi.Size }{{"120x120", "240x240"}, {graphapi.SizeLargest, "240x240"}} {
		tn := sandboxtest.Start(t, sandbox.Options{Users: 20})
		ex := tn.Dir.Examples()
		opts := Options{Client: tn.Client(tn.Token), Source: Source{People: []string{ex.FullHD.UserPrincipalName}}, Sizes: Sizes{Mode: ModeOne, Size: c.first}, Dir: t.TempDir()}
		_, rows, _, err := exportRun(t, t.Context(), opts)
		if err != nil {
			t.Fatal(err)
		}
		opts.Sizes.Size = c.second
		opts.Resume, opts.Previous = true, rows
		_, again, dir, err := exportRun(t, t.Context(), opts)
		// The first run's file stays in the folder and in the report
		// (TestResumeAtAnotherSizeKeepsItsOwnFiles), after the new row.
		if err != nil || len(again) != 2 || again[0].Width != 240 || again[0].Size != "240x240" || again[1] != rows[0] {
			t.Errorf("%s, then --resume --size %s: %+v, %v; want the 240x240 photo, and the earlier row kept", c.first, c.second, again, err)
		}
		checkFiles(t, dir, again)
	}
}

// Stopped while an envelope's answers are being settled, its throttled
// people are not reached, not errors: no error row says 429, and a resume
// asks for them again.
func TestStopLeavesThrottledPeopleUnreached(t *testing.T) {
	tn := sandboxtest.Start(t, sandbox.Options{Users: 40, Faults: sandbox.Faults{ThrottleRate: 0.5, RetryAfter: "0.05"}})
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	sum, rows, _, _ := exportRun(t, ctx, Options{
		Client: tn.Client(tn.Token), Source: Source{AllUsers: true}, Sizes: Sizes{Mode: ModeOne, Size: graphapi.SizeLargest}, Workers: 1,
		Progress: func(p Progress) {
			if p.Throttled > 0 {
				cancel()
			}
		},
	})
	for _, r := range rows {
		if r.Status == StatusError {
			t.Errorf("%s: an error row after the stop: %s", r.UPN, r.Error)
		}
	}
	if sum == nil || sum.Errors != 0 {
		t.Errorf("summary %v; want no errors", sum)
	}
}

// A person who fails in a resumed run keeps the file the run before wrote
// in their error row, so the next resume still knows it for the export's
// own and replaces it with the photo now there, instead of keeping the
// old one as "exists".
func TestFailedResumeKeepsTheFileItsOwn(t *testing.T) {
	tn := sandboxtest.Start(t, sandbox.Options{Users: 20})
	ex := tn.Dir.Examples()
	dir := t.TempDir()
	opts := Options{Client: tn.Client(tn.Token), Source: Source{People: []string{ex.FullHD.UserPrincipalName}}, Sizes: Sizes{Mode: ModeOne, Size: "120x120"}, Dir: dir}
	_, first, _, err := exportRun(t, t.Context(), opts)
	if err != nil || len(first) != 1 || first[0].Status != StatusOK {
		t.Fatalf("first run: %+v, %v", first, err)
	}
	tn.Dir.TouchPhoto(ex.FullHD.ID)
	failing := opts
	failing.Resume, failing.Previous, failing.MaxImagePixels = true, first, 1 // any per-person failure
	_, second, _, _ := exportRun(t, t.Context(), failing)
	if len(second) != 1 || second[0].Status != StatusError || second[0].File != first[0].File {
		t.Fatalf("failed resume: %+v; want an error row keeping %s", second, first[0].File)
	}
	again := opts
	again.Resume, again.Previous = true, second
	_, third, _, err := exportRun(t, t.Context(), again)
	if err != nil || len(third) != 1 || third[0].Status != StatusOK {
		t.Fatalf("next resume: %+v, %v", third, err)
	}
	served, err := opts.Client.PhotoBytes(t.Context(), graphapi.User(ex.FullHD.ID), "120x120")
	if err != nil {
		t.Fatal(err)
	}
	if ondisk, _ := os.ReadFile(filepath.Join(dir, first[0].File)); !bytes.Equal(ondisk, served.Bytes) {
		t.Errorf("%s still holds the old photo", first[0].File)
	}
}

// A resumed --size all run stopped part-way through a person keeps the
// earlier rows of the sizes it did not reach: their files are still
// there and the export's own, and the next resume must know them.
func TestStoppedResumeKeepsThePersonsOtherSizes(t *testing.T) {
	tn := sandboxtest.Start(t, sandbox.Options{Users: 20})
	ex := tn.Dir.Examples()
	opts := Options{Client: tn.Client(tn.Token), Source: Source{People: []string{ex.FullHD.UserPrincipalName}}, Sizes: Sizes{Mode: ModeAll}, Dir: t.TempDir(), Workers: 1}
	_, first, _, err := exportRun(t, t.Context(), opts)
	if err != nil || len(first) < 8 {
		t.Fatalf("first run: %d rows, %v", len(first), err)
	}
	// Half the answers throttled, and a stop at the first: the sizes
	// throttled then are left not reached (TestStopLeavesThrottledPeopleUnreached).
	// Rounds enough that nothing is given up on first (an error row, the
	// person then reached): with graphapi's 5 tries and the default 3
	// rounds, the person's first request throttled 8 times running, 1 in
	// 256, failed the test now and then.
	tn.SetFaults(sandbox.Faults{ThrottleRate: 0.5, RetryAfter: "0.05"})
	opts.MaxRounds = 60
	opts.Resume, opts.Previous = true, first
	var second []Row
	fresh := 0 // rows the stopped run wrote itself
	// A draw that throttles none of the nine sizes (1 in 512) lets the
	// run end before any stop, and says nothing of a stop part-way: it is
	// drawn again, with every size changed again.
	for range 5 {
		tn.Dir.TouchPhoto(ex.FullHD.ID) // every size is fetched again
		ctx, cancel := context.WithCancel(t.Context())
		var mu sync.Mutex
		fresh = 0
		opts.OnRow = func(Row) { mu.Lock(); fresh++; mu.Unlock() }
		opts.Progress = func(p Progress) { // under the run's lock, as OnRow
			if p.Throttled > 0 && fresh > 0 {
				cancel() // the envelope's throttled sizes are then not reached
			}
		}
		_, second, _, _ = exportRun(t, ctx, opts)
		cancel()
		if fresh != len(first) {
			break
		}
	}
	if fresh == 0 || fresh == len(first) {
		t.Fatalf("%d of %d sizes fetched again before the stop; want some, not all", fresh, len(first))
	}
	sizes := map[string]bool{}
	for _, r := range second {
		sizes[r.Size] = true
	}
	if len(sizes) != len(first) {
		t.Errorf("after a stop part-way, the report holds %d of the person's %d sizes: %v", len(sizes), len(first), second)
	}
}

// A tenant that answers a size not uploaded with the Get photo document's
// 1x1 GIF, rather than a 404, gets the same fallback: the largest smaller
// size, not "no photo" (graph-facts: both answers mean "size not
// available"). The old tenants' 1x1 for no photo at all stays no photo.
func TestExportFallsBackFromA1x1Size(t *testing.T) {
	tn := sandboxtest.Start(t, sandbox.Options{Users: 20})
	tn.SetFaults(sandbox.Faults{SizePlaceholderRate: 1})
	ex := tn.Dir.Examples()
	people := []string{ex.FullHD.UserPrincipalName, ex.UpTo240.UserPrincipalName, ex.GIF1x1.UserPrincipalName, ex.NoPhoto.UserPrincipalName}
	_, rows, _, err := exportRun(t, t.Context(), Options{
		Client: tn.Client(tn.Token), Source: Source{People: people}, Sizes: Sizes{Mode: ModeOne, Size: "648x648"},
	})
	if err != nil {
		t.Fatal(err)
	}
	got := byKey(t, rows)
	for upn, want := range map[string]string{ex.FullHD.UserPrincipalName: "648x648", ex.UpTo240.UserPrincipalName: "240x240"} {
		if r := got[strings.ToLower(upn)]; r.Status != StatusOK || r.Size != want {
			t.Errorf("%s: %s at %q, want ok at %s (%s)", upn, r.Status, r.Size, want, r.Error)
		}
	}
	for _, upn := range []string{ex.GIF1x1.UserPrincipalName, ex.NoPhoto.UserPrincipalName} {
		if r := got[strings.ToLower(upn)]; r.Status != StatusNoPhoto {
			t.Errorf("%s: %+v, want no photo", upn, r)
		}
	}
}
