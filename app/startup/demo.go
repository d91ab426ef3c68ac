package startup

import (
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/photodesk/photodesk/app/change"
	"github.com/photodesk/photodesk/app/session"
	"github.com/photodesk/photodesk/graphapi/sandbox"
)

// EnvSandboxFaults names a fault spec (the syntax of `photodesk sandbox
// --faults`) for the demo's in-process sandbox. Outlook's 4-at-a-time rule
// for photos is on unless the spec sets concurrency (concurrency=0
// switches it off) or is "none".
const EnvSandboxFaults = "PHOTODESK_SANDBOX_FAULTS"

// EnvSandboxUsers sets how many people the demo's sandbox has (the
// default is sandbox.DefaultUsers): `make bench` scrolls through 1,000.
const EnvSandboxUsers = "PHOTODESK_SANDBOX_USERS"

// EnvSandboxConsent, set to "user", makes the demo's sandbox a tenant
// where the write permissions are not consented yet: the first change
// asks for consent on the sign-in page (given there by the person, or an
// administrator). Unset, the admin consented to everything and nothing is
// asked.
const EnvSandboxConsent = "PHOTODESK_SANDBOX_CONSENT"

// writePermissions are what a user consents to with EnvSandboxConsent=user.
var writePermissions = []string{change.PermPhotoWrite, change.PermContactWrite, change.PermSharedContactWrite}

// DemoSandbox is how the window and `--sandbox` on the command line run the
// sandbox: the default people, with the faults spec asks for, Outlook's
// concurrency rule included by default so a client that floods Graph
// fails in the demo as it would against Microsoft.
func DemoSandbox(spec string) (sandbox.Options, error) {
	f, err := sandbox.ParseServeFaults(spec)
	if err != nil {
		return sandbox.Options{}, fmt.Errorf("%s: %w", EnvSandboxFaults, err)
	}
	return sandbox.Options{Faults: f}, nil
}

// demoSandboxFromEnv is DemoSandbox for the environment's spec; a bad spec
// is reported on stderr and the default (the rule on) stands, so a typo
// never stops the window from opening.
func demoSandboxFromEnv() sandbox.Options {
	opts := sandboxFromEnv()
	switch v := os.Getenv(EnvSandboxConsent); v {
	case "":
	case "user":
		opts.UserConsent = writePermissions
	default:
		fmt.Fprintf(os.Stderr, "photodesk: ignoring %s=%q: the one value is user\n", EnvSandboxConsent, v)
	}
	return opts
}

// sandboxFromEnv is the demo's sandbox as the environment describes it
// (faults and number of people), in a tenant whose administrator
// consented to everything: what the command line's own sandbox is when it
// follows the window's account there. EnvSandboxConsent is the window's
// alone, since consent given in the window's sandbox never reaches
// another process's.
func sandboxFromEnv() sandbox.Options {
	opts, err := DemoSandbox(os.Getenv(EnvSandboxFaults))
	if err != nil {
		fmt.Fprintln(os.Stderr, "photodesk: ignoring", err)
		opts, _ = DemoSandbox("")
	}
	if n, err := SandboxUsers(os.Getenv(EnvSandboxUsers)); err == nil {
		opts.Users = n
	} else {
		fmt.Fprintln(os.Stderr, "photodesk: ignoring", err)
	}
	return opts
}

// SandboxUsers reads a value of EnvSandboxUsers: how many people the
// demo's sandbox has, 0 (the default) when unset; above sandbox.MaxUsers
// is refused, since generating them would take minutes. The window and the
// command line, with --sandbox or following the window's account, read it
// alike.
func SandboxUsers(v string) (int, error) {
	if v == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil || n < 1 || n > sandbox.MaxUsers {
		return 0, fmt.Errorf("%s=%q: want a number of people, 1 to %d", EnvSandboxUsers, v, sandbox.MaxUsers)
	}
	return n, nil
}

// WindowOpener is the window's Opener: the sandbox, when chosen, as the
// demo shows it (the default people, Outlook's concurrency rule on; see
// EnvSandboxFaults).
func WindowOpener() session.Opener { return Opener(demoSandboxFromEnv()) }
