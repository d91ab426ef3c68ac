package sandbox

import (
	"strings"
	"testing"
	"time"

	"github.com/photodesk/photodesk/internal/testkit"
)

// limitedHandler is an isolated tenant whose mailbox limits run on a fake
// clock.
func limitedHandler(t *testing.T, f Faults, upn string, scopes ...string) (*Handler, *client, *testkit.Clock) {
	t.Helper()
	h, c := isolated(t, 30)
	if upn != "" {
		c = c.as(userToken(t, upn, scopes...))
	}
	clock := testkit.NewClockAt(time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC))
	h.now = clock.Now
	h.SetFaults(f)
	return h, c, clock
}

// wantLimited checks Outlook's 429 for a per-mailbox limit: not the
// concurrency rule's words, and a Retry-After for when the window ends.
func wantLimited(t *testing.T, r result, msg, retryAfter string) {
	t.Helper()
	if got := wantError(t, r, 429, "ApplicationThrottled"); got != msg || strings.Contains(got, "oncurrency") {
		t.Errorf("message %q, want %q", got, msg)
	}
	if ra := r.header.Get("Retry-After"); ra != retryAfter {
		t.Errorf("Retry-After %q, want %q", ra, retryAfter)
	}
}

// TestMailboxRequestLimit: Outlook's "10,000 requests per 10 minutes per
// app per mailbox" (graph-facts "Throttling"), here 3: every photo path to
// one mailbox counts, batch items too; other mailboxes and other apps have
// their own count, and the next window starts afresh.
func TestMailboxRequestLimit(t *testing.T) {
	h, c, clock := limitedHandler(t, Faults{MailboxRequests: 3}, "")
	ex := h.dir.Examples()
	adele := userPath(ex.FullHD)
	for _, p := range []string{adele + "/photo", "/users/" + ex.FullHD.ID + "/photo/$value", adele + "/photos/48x48"} {
		wantStatus(t, c.get(p), 200)
	}
	clock.Advance(4 * time.Minute)
	wantLimited(t, c.get(adele+"/photos"), msgMailboxRequests, "360")
	_, items, _ := batch(t, c, []map[string]any{get("1", "/users/"+strings.ToUpper(ex.FullHD.ID)+"/photo")})
	if it := items["1"]; it.Status != 429 || it.Headers["Retry-After"] != "360" || !strings.Contains(string(it.Body), "request limit") {
		t.Errorf("batch item over the limit: %d %v %s", it.Status, it.Headers, it.Body)
	}

	wantStatus(t, c.get(userPath(ex.UpTo504)+"/photo"), 200) // another mailbox
	wantStatus(t, c.get("/users/"+ex.FullHD.ID), 200)        // the directory is not Outlook
	wantStatus(t, c.as(appToken(t, usersOnlyAppID)).get(adele+"/photo"), 200)

	// /me, the caller's id and its contacts are one mailbox.
	for _, p := range []string{"/me/photo", "/users/" + ex.Helpdesk.ID + "/photo", "/me/contacts/" + ex.ContactWithPhoto.ID + "/photo"} {
		wantStatus(t, c.get(p), 200)
	}
	wantLimited(t, c.get("/me/photo/$value"), msgMailboxRequests, "600")
	wantStatus(t, c.get("/users/nobody@contoso.onmicrosoft.com/photo"), 404) // no mailbox to count

	clock.Advance(6 * time.Minute)
	wantStatus(t, c.get(adele+"/photo"), 200)
}

// TestMailboxUploadCap: Outlook's upload cap per app and mailbox
// (graph-facts "Changing photos": 150 MB per 5 minutes), here two photos'
// worth.
func TestMailboxUploadCap(t *testing.T) {
	img := twoTone(t, 96, 96)
	h, c, clock := limitedHandler(t, Faults{MailboxUploadBytes: int64(2 * len(img))}, helpdesk, allWriteScopes...)
	ex := h.dir.Examples()
	p := userPath(ex.NoPhoto) + "/photo/$value"
	wantStatus(t, c.put(p, img, "image/jpeg"), 200)
	wantStatus(t, c.do("PATCH", p, img, "Content-Type: image/png"), 200)
	wantLimited(t, c.put(p, img, "image/jpeg"), msgMailboxUpload, "300")
	wantStatus(t, c.get(p), 200) // reads do not count towards the cap
	wantStatus(t, c.put(userPath(ex.FullHD)+"/photo/$value", img, "image/jpeg"), 200)
	clock.Advance(5 * time.Minute)
	wantStatus(t, c.put(p, img, "image/jpeg"), 200)
}

// TestServedSandboxHasOutlooksLimits: `photodesk sandbox` and the demo
// enforce the per-mailbox limits by default, as they do the concurrency
// rule; a spec can change or switch off each.
func TestServedSandboxHasOutlooksLimits(t *testing.T) {
	for spec, want := range map[string][2]int64{
		"":                                    {OutlookMailboxRequests, OutlookMailboxUploadBytes},
		"latency=5ms":                         {OutlookMailboxRequests, OutlookMailboxUploadBytes},
		"mailbox-requests=50":                 {50, OutlookMailboxUploadBytes},
		"mailbox-upload=2MB":                  {OutlookMailboxRequests, 2 << 20},
		"mailbox-requests=0,mailbox-upload=0": {0, 0},
		"none":                                {0, 0},
	} {
		f, err := ParseServeFaults(spec)
		if err != nil || int64(f.MailboxRequests) != want[0] || f.MailboxUploadBytes != want[1] {
			t.Errorf("ParseServeFaults(%q) = %d, %d, %v; want %v", spec, f.MailboxRequests, f.MailboxUploadBytes, err, want)
		}
		if back, err := ParseFaults(f.String()); err != nil || back != f {
			t.Errorf("%q does not read back: %+v, %v", f.String(), back, err)
		}
	}
	if s := (Faults{MailboxUploadBytes: OutlookMailboxUploadBytes}).String(); s != "mailbox-upload=150MB" {
		t.Errorf("String() = %q, want mailbox-upload=150MB", s)
	}
	if f, _ := ParseServeFaults("latency=5ms"); f.WithoutOutlookLimits() != (Faults{Latency: 5 * time.Millisecond, DirectoryUnits: DirectoryUnitsByTenant}) {
		t.Errorf("WithoutOutlookLimits kept %+v", f.WithoutOutlookLimits())
	}
	for _, bad := range []string{"mailbox-requests=-1", "mailbox-upload=x", "mailbox-upload=-2KB"} {
		if _, err := ParseFaults(bad); err == nil {
			t.Errorf("ParseFaults(%q) accepted", bad)
		}
	}
}

// TestConcurrencyRefusalIsNotCounted: a photo request refused by the
// concurrency rule was never served, so it uses none of the mailbox's
// 10,000 requests, nor any of its upload cap: three refused and then three
// served fit a budget of three. (The refused ones used to count, and the
// served ones were throttled for the rest of the window.)
func TestConcurrencyRefusalIsNotCounted(t *testing.T) {
	img := twoTone(t, 96, 96)
	h, c, _ := limitedHandler(t, Faults{MaxPhotoConcurrency: 1, MailboxRequests: 3, MailboxUploadBytes: int64(len(img))}, helpdesk, allWriteScopes...)
	ex := h.dir.Examples()
	adele := userPath(ex.FullHD) + "/photo"
	upload := userPath(ex.NoPhoto) + "/photo/$value"
	app := PublicClientID
	// Another of the app's photo requests holds its one slot.
	h.counters.enterPhoto(app)
	for range 3 {
		wantError(t, c.get(adele), 429, "ApplicationThrottled")
	}
	wantError(t, c.put(upload, img, "image/jpeg"), 429, "ApplicationThrottled")
	h.counters.leavePhoto(app)
	for range 3 {
		wantStatus(t, c.get(adele), 200)
	}
	wantStatus(t, c.put(upload, img, "image/jpeg"), 200)
	if n := h.Stats().ConcurrencyThrottled; n != 4 {
		t.Errorf("%d refused by the concurrency rule, want 4", n)
	}
}
