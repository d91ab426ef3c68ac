package sandbox

import (
	"bytes"
	"image"
	"net/http"
	"sync"
	"testing"
	"time"
)

func TestParseFaults(t *testing.T) {
	full := "latency=100ms,server=20ms,concurrency=4,throttle=0.1,retry-after=0.5,unavailable=0.05,reset=0.01,slow=200ms,corrupt=0.02"
	f, err := ParseFaults(full)
	if err != nil {
		t.Fatal(err)
	}
	want := Faults{
		Latency: 100 * time.Millisecond, ServerTime: 20 * time.Millisecond, MaxPhotoConcurrency: 4,
		ThrottleRate: 0.1, RetryAfter: "0.5", UnavailableRate: 0.05, ResetRate: 0.01,
		SlowBody: 200 * time.Millisecond, CorruptRate: 0.02,
	}
	if f != want {
		t.Errorf("ParseFaults = %+v, want %+v", f, want)
	}
	if back, err := ParseFaults(f.String()); err != nil || back != f {
		t.Errorf("String round trip %q -> %+v (%v)", f.String(), back, err)
	}
	for _, ok := range []string{"", "none", " throttle = 1 ", "retry-after=Wed, 21 Oct 2026 07:28:00 GMT", "server-time=1s,slow-body=1ms"} {
		if _, err := ParseFaults(ok); err != nil {
			t.Errorf("ParseFaults(%q): %v", ok, err)
		}
	}
	for _, bad := range []string{"throttle", "throttle=2", "throttle=-0.1", "latency=fast", "latency=-1s", "concurrency=-1", "retry-after=soon", "retry-after=-1", "explode=1"} {
		if _, err := ParseFaults(bad); err == nil {
			t.Errorf("ParseFaults(%q) accepted", bad)
		}
	}
	if (Faults{}).String() != "none" {
		t.Errorf("zero faults print as %q", Faults{}.String())
	}
}

func TestThrottleFault(t *testing.T) {
	c := demo(t)
	for _, ra := range []string{"0.25", "Wed, 21 Oct 2026 07:28:00 GMT"} {
		r := c.get("/users?$top=1", FaultsHeader+": throttle=1,retry-after="+ra)
		wantError(t, r, 429, "TooManyRequests")
		if r.header.Get("Retry-After") != ra {
			t.Errorf("Retry-After %q, want %q", r.header.Get("Retry-After"), ra)
		}
	}
	r := c.get("/me/photo", FaultsHeader+": throttle=1")
	wantError(t, r, 429, "TooManyRequests")
	if r.header.Get("Retry-After") != "1" {
		t.Errorf("default Retry-After %q", r.header.Get("Retry-After"))
	}
	wantError(t, c.get("/me", FaultsHeader+": throttle=lots"), 400, "BadRequest")
}

func TestUnavailableFault(t *testing.T) {
	c := demo(t)
	seen := map[int]bool{}
	for i := 0; i < 200 && !(seen[503] && seen[504]); i++ {
		r := c.get("/me/photo", FaultsHeader+": unavailable=1,retry-after=2")
		switch r.status {
		case 503:
			wantError(t, r, 503, "ServiceNotAvailable")
			if r.header.Get("Retry-After") != "2" {
				t.Errorf("503 Retry-After %q", r.header.Get("Retry-After"))
			}
		case 504:
			wantError(t, r, 504, "GatewayTimeout")
		default:
			t.Fatalf("status %d under unavailable=1", r.status)
		}
		seen[r.status] = true
	}
	if !seen[503] || !seen[504] {
		t.Errorf("saw %v, want both 503 and 504", seen)
	}
}

func TestResetFault(t *testing.T) {
	h, c := isolated(t, 20)
	req, _ := http.NewRequest("GET", c.base+"/me", nil)
	req.Header.Set("Authorization", "Bearer "+c.token)
	req.Header.Set(FaultsHeader, "reset=1")
	resp, err := c.http.Do(req)
	if err == nil {
		resp.Body.Close()
		t.Fatalf("a reset connection answered %d", resp.StatusCode)
	}
	if st := h.Stats(); st.Resets != 1 {
		t.Errorf("resets %d", st.Resets)
	}
	wantStatus(t, c.get("/me"), 200) // the next connection is fine
}

func TestLatencyAndSlowBody(t *testing.T) {
	c := demo(t)
	ex := shared.Directory().Examples()
	want := mustBytes(t, ex.FullHD.ID, 0)
	start := time.Now()
	r := c.get(userPath(ex.FullHD)+"/photo/$value", FaultsHeader+": latency=60ms")
	if d := time.Since(start); d < 60*time.Millisecond {
		t.Errorf("latency=60ms answered in %v", d)
	}
	wantStatus(t, r, 200)
	start = time.Now()
	r = c.get(userPath(ex.FullHD)+"/photo/$value", FaultsHeader+": slow=150ms")
	if d := time.Since(start); d < 140*time.Millisecond {
		t.Errorf("slow=150ms answered in %v", d)
	}
	if !bytes.Equal(r.body, want) {
		t.Error("a slow body arrived damaged")
	}
}

func TestServerTimeAppliesToPhotosOnly(t *testing.T) {
	c := demo(t)
	start := time.Now()
	wantStatus(t, c.get("/me/photo", FaultsHeader+": server=80ms"), 200)
	if d := time.Since(start); d < 80*time.Millisecond {
		t.Errorf("photo with server=80ms took %v", d)
	}
	h, c2 := isolated(t, 20)
	h.SetFaults(Faults{ServerTime: time.Hour})
	wantStatus(t, c2.get("/users?$top=1"), 200) // would hang if server time applied
}

func TestCorruptFault(t *testing.T) {
	c := demo(t)
	ex := shared.Directory().Examples()
	good := mustBytes(t, ex.FullHD.ID, 240)
	for range 8 {
		r := c.get(userPath(ex.FullHD)+"/photos/240x240/$value", FaultsHeader+": corrupt=1")
		wantStatus(t, r, 200)
		if r.header.Get("Content-Type") != "image/jpeg" {
			t.Errorf("corrupt photo Content-Type %q", r.header.Get("Content-Type"))
		}
		if bytes.Equal(r.body, good) {
			t.Fatal("corrupt=1 served the intact photo")
		}
		// truncated bytes must not decode; garbled ones may, damaged
		if len(r.body) < len(good) {
			if _, _, err := image.Decode(bytes.NewReader(r.body)); err == nil {
				t.Error("a truncated photo still decodes")
			}
		}
	}
	// metadata is never corrupted
	wantStatus(t, c.get("/me/photo", FaultsHeader+": corrupt=1"), 200)
}

// TestConcurrencyRule checks Outlook's rule: more than N photo requests in
// flight for one app get 429 ApplicationThrottled; N at once all pass.
func TestConcurrencyRule(t *testing.T) {
	h, c := isolated(t, 40)
	var users []*User
	for _, u := range h.dir.Users() {
		if u.Photo.HasPhoto() {
			users = append(users, u)
		}
	}
	h.SetFaults(Faults{MaxPhotoConcurrency: 4, ServerTime: 150 * time.Millisecond})
	var mu sync.Mutex
	statuses := map[int]int{}
	var throttled []result
	run := func(n int) {
		parallel(n, func(i int) {
			r := c.get("/users/" + users[i].ID + "/photo")
			mu.Lock()
			defer mu.Unlock()
			statuses[r.status]++
			if r.status == 429 {
				throttled = append(throttled, r)
			}
		})
	}
	run(4)
	if statuses[200] != 4 {
		t.Fatalf("4 concurrent requests under a limit of 4: %v", statuses)
	}
	if p := h.Stats().PeakPhotoConcurrency; p > 4 {
		t.Errorf("peak %d after 4 requests", p)
	}
	h.ResetStats()
	h.SetFaults(Faults{MaxPhotoConcurrency: 2, ServerTime: 300 * time.Millisecond, RetryAfter: "0.3"})
	clear(statuses)
	run(8)
	if statuses[429] == 0 || statuses[200] < 2 || statuses[200]+statuses[429] != 8 {
		t.Fatalf("8 concurrent requests under a limit of 2: %v", statuses)
	}
	for _, r := range throttled {
		msg := wantError(t, r, 429, "ApplicationThrottled")
		if msg != "Application is over its MailboxConcurrency limit." || r.header.Get("Retry-After") != "0.3" {
			t.Errorf("throttled: %q, Retry-After %q", msg, r.header.Get("Retry-After"))
		}
	}
	if p := h.Stats().PeakPhotoConcurrency; p < 3 {
		t.Errorf("peak photo concurrency %d with %d refused", p, statuses[429])
	}
	if n := h.Stats().ConcurrencyThrottled; n != statuses[429] {
		t.Errorf("%d counted as refused by the concurrency rule, %d were", n, statuses[429])
	}
	// directory requests do not count against the photo limit
	h.SetFaults(Faults{MaxPhotoConcurrency: 1, ServerTime: 300 * time.Millisecond})
	clear(statuses)
	parallel(4, func(int) {
		r := c.get("/users?$top=1")
		mu.Lock()
		statuses[r.status]++
		mu.Unlock()
	})
	if statuses[200] != 4 {
		t.Errorf("directory requests under a photo limit: %v", statuses)
	}
}

func TestServerFaultsAndHeaderOverride(t *testing.T) {
	h, c := isolated(t, 20)
	h.SetFaults(Faults{ThrottleRate: 1})
	if h.Faults().ThrottleRate != 1 {
		t.Fatal("SetFaults not kept")
	}
	wantError(t, c.get("/me"), 429, "TooManyRequests")
	wantStatus(t, c.get("/me", FaultsHeader+": none"), 200)
	h.SetFaults(Faults{})
	wantStatus(t, c.get("/me"), 200)
}

// TestParseServeFaults: a served sandbox keeps Outlook's rule on unless the
// spec says otherwise.
func TestParseServeFaults(t *testing.T) {
	for spec, want := range map[string]int{
		"": OutlookConcurrency, "latency=10ms": OutlookConcurrency, "concurrency=2": 2,
		"concurrency=0": 0, "none": 0, "NONE": 0,
	} {
		f, err := ParseServeFaults(spec)
		if err != nil || f.MaxPhotoConcurrency != want {
			t.Errorf("ParseServeFaults(%q) = %d, %v; want %d", spec, f.MaxPhotoConcurrency, err, want)
		}
	}
	if _, err := ParseServeFaults("concurrency=x"); err == nil {
		t.Error("a bad spec is accepted")
	}
}
