package startup

import (
	"testing"

	"github.com/photodesk/photodesk/graphapi/sandbox"
)

// TestDemoSandboxOutlookRule: the demo enforces Outlook's four photo
// requests at a time unless the spec switches it off.
func TestDemoSandboxOutlookRule(t *testing.T) {
	for spec, want := range map[string]int{"": sandbox.OutlookConcurrency, "latency=5ms": sandbox.OutlookConcurrency, "none": 0, "concurrency=0": 0} {
		opts, err := DemoSandbox(spec)
		if err != nil || opts.Faults.MaxPhotoConcurrency != want {
			t.Errorf("DemoSandbox(%q): concurrency %d, %v; want %d", spec, opts.Faults.MaxPhotoConcurrency, err, want)
		}
	}
	if _, err := DemoSandbox("concurrency=-1"); err == nil {
		t.Error("a bad spec is accepted")
	}
	t.Setenv(EnvSandboxFaults, "bogus")
	if got := demoSandboxFromEnv().Faults.MaxPhotoConcurrency; got != sandbox.OutlookConcurrency {
		t.Errorf("a bad %s leaves concurrency %d, want the default rule", EnvSandboxFaults, got)
	}
}

// TestDemoSandboxUsersFromEnv: PHOTODESK_SANDBOX_USERS sizes the demo's
// tenant; anything but a number from 1 to sandbox.MaxUsers is ignored (the default stands).
func TestDemoSandboxUsersFromEnv(t *testing.T) {
	for v, want := range map[string]int{"1000": 1000, "": 0, "0": 0, "lots": 0, "-5": 0, "100000": 100000, "100001": 0, "99999999": 0} {
		t.Setenv(EnvSandboxUsers, v)
		if got := demoSandboxFromEnv().Users; got != want {
			t.Errorf("%s=%q: %d users, want %d", EnvSandboxUsers, v, got, want)
		}
	}
}
