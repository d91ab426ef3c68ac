package cli

import (
	"strings"
	"testing"
	"time"

	"github.com/photodesk/photodesk/app/export"
)

func TestWithAPI(t *testing.T) {
	for _, c := range []struct{ in, api, want string }{
		{"http://127.0.0.1:8080/v1.0", "", "http://127.0.0.1:8080/v1.0"},
		{"http://127.0.0.1:8080/v1.0/", "beta", "http://127.0.0.1:8080/beta"},
		{"http://127.0.0.1:8080/BETA", "v1.0", "http://127.0.0.1:8080/v1.0"},
		{"http://127.0.0.1:8080", "", "http://127.0.0.1:8080/v1.0"},
		{"https://graph.example/proxy/", "beta", "https://graph.example/proxy/beta"},
	} {
		got, err := withAPI(c.in, c.api)
		if err != nil || got != c.want {
			t.Errorf("withAPI(%q, %q) = %q, %v; want %q", c.in, c.api, got, err, c.want)
		}
	}
	for _, bad := range []string{"ftp://x/v1.0", "127.0.0.1:8080", "http:///v1.0"} {
		if _, err := withAPI(bad, ""); !isUsage(err) {
			t.Errorf("withAPI(%q): %v, want a usage error", bad, err)
		}
	}
}

func TestProgressPrinter(t *testing.T) {
	var plain, tty strings.Builder
	clock := time.Unix(0, 0)
	now := func() time.Time { return clock }
	pp, pt := newProgressPrinter(&plain, false), newProgressPrinter(&tty, true)
	pp.now, pt.now = now, now
	pr := export.Progress{Done: 5, Total: 10, OK: 4, NoPhoto: 1, Waiting: 1500 * time.Millisecond}
	for range 3 { // same instant: drawn once
		pp.update(pr)
		pt.update(pr)
	}
	pr.Done, pr.TotalKnown = 10, true
	pp.finish(pr)
	pt.finish(pr)
	if n := strings.Count(plain.String(), "\n"); n != 2 || strings.Contains(plain.String(), "\r") {
		t.Errorf("plain output %q: want 2 plain lines", plain.String())
	}
	if !strings.Contains(plain.String(), "5/10+ people") || !strings.Contains(plain.String(), "waiting 1.5s") {
		t.Errorf("plain output %q", plain.String())
	}
	if !strings.Contains(tty.String(), "\r[===============               ] 5/10+") || !strings.HasSuffix(tty.String(), "\n") {
		t.Errorf("bar output %q", tty.String())
	}
}
