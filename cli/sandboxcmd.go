package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/photodesk/photodesk/app/change"
	"github.com/photodesk/photodesk/graphapi/sandbox"
	"github.com/photodesk/photodesk/graphapi/sandbox/identity"
)

// EnvCACert names a PEM file of extra roots the command line trusts, so
// get and export can talk to `photodesk sandbox --tls`.
const EnvCACert = "PHOTODESK_CA_CERT"

// sandboxWriteScopes are what the printed token holds on top of the
// default ones with --write: enough to change users', groups' and
// contacts' photos.
var sandboxWriteScopes = []string{change.PermPhotoWrite, change.PermContactWrite}

// sandboxTokenTTL keeps the printed token valid for a working day of curl.
const sandboxTokenTTL = 12 * time.Hour

const sandboxUsage = `usage: photodesk sandbox [--addr HOST:PORT] [--users N] [--seed N] [--latency D]
                        [--faults SPEC] [--no-outlook-limit] [--tls] [--write]

Serve the offline sandbox tenant: Microsoft Graph's photo and directory
endpoints under /v1.0 and /beta, and Entra ID sign-in, on loopback. Once
listening it prints two shell lines on stdout,
  export PHOTODESK_GRAPH_URL=http://127.0.0.1:PORT/v1.0
  export PHOTODESK_ACCESS_TOKEN=<delegated token of helpdesk@contoso.onmicrosoft.com>
so  photodesk sandbox --addr 127.0.0.1:0 > sandbox.env & sleep 1; . ./sandbox.env
(or copying them) sets up curl and photodesk get/export (with --write,
set/remove/undo/import too). It serves until
Ctrl+C (SIGINT) or SIGTERM.

Flags:
  --addr HOST:PORT  Graph listen address, loopback only (default
                    127.0.0.1:8080; port 0 picks a free one)
  --users N         how many users to generate (default 200, at most
                    100000)
  --seed N          which people to generate (default 1; same seed, same
                    answers)
  --latency D       added to every request, e.g. 100ms
  --faults SPEC     e.g. latency=100ms,server=20ms,concurrency=4,throttle=0.1,
                    retry-after=0.5,unavailable=0.05,reset=0.01,slow=200ms,
                    corrupt=0.02,size-1x1=1 (one request can override
                    with the X-Sandbox-Faults header). Outlook's limits
                    per app (429 ApplicationThrottled with Retry-After
                    beyond) are on unless SPEC sets them or is "none":
                    concurrency=4 photo requests in flight,
                    mailbox-requests=10000 photo requests per mailbox in
                    10 minutes, mailbox-upload=150MB of uploads per
                    mailbox in 5 minutes; so is the directory's,
                    directory-units=tenant (3,500 to 8,000 resource
                    units per 10 seconds by the tenant's size);
                    --faults "" is the same as "none"
  --no-outlook-limit
                    switch Outlook's limits off
  --tls             serve Graph over TLS too; a third line,
                    export PHOTODESK_CA_CERT=FILE, names the CA to trust
                    (curl --cacert FILE; photodesk reads the variable)
  --write           the printed token may also change photos
                    (ProfilePhoto.ReadWrite.All, Contacts.ReadWrite), for
                    photodesk set, remove, undo and import; without it,
                    it reads only, as a helpdesk account does until the
                    first change asks for more
`

func runSandbox(ctx context.Context, e *env, args []string) int {
	fs := newFlags("sandbox")
	addr := fs.String("addr", "127.0.0.1:8080", "")
	users := fs.Int("users", 0, "")
	seed := fs.Int64("seed", 1, "")
	latency := fs.Duration("latency", 0, "")
	spec := fs.String("faults", "", "")
	useTLS := fs.Bool("tls", false, "")
	noLimit := fs.Bool("no-outlook-limit", false, "")
	write := fs.Bool("write", false, "")
	if code, done := parseFlags(fs, e, args, sandboxUsage); done {
		return code
	}
	set := flagSet(fs)
	if set["faults"] && strings.TrimSpace(*spec) == "" {
		// Given empty, it says no faults (emptyMeans), as "none": a spec
		// of nothing would otherwise read as the default, Outlook's limits
		// on, which an empty flag never means.
		*spec = "none"
	}
	faults, err := sandbox.ParseServeFaults(*spec)
	if err != nil {
		return usageFail(e, "sandbox", fmt.Errorf("--faults: %w", err))
	}
	if *noLimit {
		faults = faults.WithoutOutlookLimits()
	}
	if *users < 0 || (set["users"] && *users == 0) || *users > sandbox.MaxUsers {
		return usageFail(e, "sandbox", fmt.Errorf("--users must be 1 to %d, not %d (default %d)", sandbox.MaxUsers, *users, sandbox.DefaultUsers))
	}
	if err := checkLoopback(*addr); err != nil {
		return usageFail(e, "sandbox", err)
	}
	if set["latency"] {
		if *latency < 0 {
			return usageFail(e, "sandbox", fmt.Errorf("--latency must not be negative, not %s", *latency))
		}
		faults.Latency = *latency
	}
	srv, err := sandbox.Start(sandbox.Options{
		Seed: *seed, Users: *users, Addr: *addr, TLS: *useTLS, Faults: faults, TokenTTL: sandboxTokenTTL,
	})
	if err != nil {
		return fail(e, "sandbox", listenError(*addr, err))
	}
	defer srv.Close()
	var tok string
	if *write {
		tok, err = srv.UserToken(identity.DemoUPN, append(slices.Clone(identity.DefaultDelegatedScopes), sandboxWriteScopes...)...)
	} else {
		tok, err = srv.DemoToken()
	}
	if err != nil {
		return fail(e, "sandbox", err)
	}
	var caFile string
	if *useTLS {
		if caFile, err = writeCA(srv); err != nil {
			return fail(e, "sandbox", err)
		}
		defer os.RemoveAll(filepath.Dir(caFile))
	}
	printExport(e.stdout, EnvGraphURL, srv.GraphURL("v1.0"))
	printExport(e.stdout, EnvAccessToken, tok)
	if caFile != "" {
		printExport(e.stdout, EnvCACert, caFile)
	}
	describeSandbox(e, srv, faults)

	<-ctx.Done()
	note(e.stderr, "sandbox", "stopping")
	shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_ = srv.Shutdown(shut)
	return ExitOK
}

// checkLoopback refuses an --addr that is not a loopback address. The
// sandbox gives a valid token to anyone who asks, over plain HTTP, and
// the contract is "on loopback": 0.0.0.0 or a LAN address would
// hand that to the network. (From a container or VM, forward a port to
// the loopback address instead.)
func checkLoopback(addr string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("--addr %q: want HOST:PORT, e.g. 127.0.0.1:8080 (port 0 picks a free one)", addr)
	}
	if strings.EqualFold(host, "localhost") {
		return nil
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return nil
	}
	return fmt.Errorf("--addr %s: the sandbox listens on a loopback address only (127.0.0.1, ::1 or localhost), "+
		"since it hands out tokens over plain HTTP to anyone who can reach it", addr)
}

// listenError words a failure to start listening; as it is, app.Friendly
// would call a network error "cannot reach Microsoft Graph".
func listenError(addr string, err error) error {
	var op *net.OpError
	switch {
	case errors.Is(err, syscall.EADDRINUSE):
		return fmt.Errorf("cannot listen on %s: the address is in use (another program, or another photodesk sandbox?); "+
			"pick another port, or --addr 127.0.0.1:0 for a free one", addr)
	case errors.As(err, &op):
		return fmt.Errorf("cannot listen on %s: %v", addr, op.Err)
	}
	return err
}

// writeCA saves the sandbox CA for curl --cacert and PHOTODESK_CA_CERT.
func writeCA(srv *sandbox.Server) (string, error) {
	dir, err := os.MkdirTemp("", "photodesk-sandbox-")
	if err != nil {
		return "", fmt.Errorf("save the sandbox CA: %w", err)
	}
	path := filepath.Join(dir, "ca.pem")
	if err := os.WriteFile(path, srv.CA().CertPEM(), 0o644); err != nil {
		return "", fmt.Errorf("save the sandbox CA: %w", err)
	}
	return path, nil
}

// describeSandbox tells a person on stderr what is being served and how
// to try it; stdout stays machine-readable.
func describeSandbox(e *env, srv *sandbox.Server, f sandbox.Faults) {
	dir := srv.Directory()
	ex := dir.Examples()
	w := e.stderr
	fmt.Fprintf(w, "photodesk sandbox: Graph at %s (and /beta), %d users, tenant %s\n",
		srv.GraphURL("v1.0"), len(dir.Users()), srv.TenantID())
	fmt.Fprintf(w, "  Entra ID authority %s, public client %s\n", srv.AuthorityURL(), srv.PublicClientID())
	if s := f.String(); s != "" {
		fmt.Fprintf(w, "  faults: %s\n", s)
	}
	fmt.Fprintf(w, "  try: curl -H \"Authorization: Bearer $%s\" \"$%s/users/%s/photo/\\$value\" -o photo.jpg\n",
		EnvAccessToken, EnvGraphURL, ex.FullHD.UserPrincipalName)
	fmt.Fprintf(w, "  examples: all sizes %s, up to 240 %s, Entra-only %s, no photo %s, guest %s, group Sales %s\n",
		ex.FullHD.UserPrincipalName, ex.UpTo240.UserPrincipalName, ex.EntraOnly.UserPrincipalName,
		ex.NoPhoto.UserPrincipalName, ex.Guest.UserPrincipalName, ex.Sales.ID)
	fmt.Fprintf(w, "  older answers: text/plain 404 for a size %s, GetUserPhoto %s, no mailbox %s (graphapi/sandbox/README.md)\n",
		ex.TextPlainSize.UserPrincipalName, ex.GetUserPhoto.UserPrincipalName, ex.NoMailbox.UserPrincipalName)
	fmt.Fprintln(w, "  Ctrl+C stops.")
}

// printExport prints one shell line that sets and exports name: sourced
// (". ./sandbox.env"), a plain NAME=value would set a shell variable that
// the photodesk and curl started next never see. value is quoted when it
// holds anything a shell would read otherwise (a CA file under a folder
// with spaces).
func printExport(w io.Writer, name, value string) {
	fmt.Fprintf(w, "export %s=%s\n", name, shellQuote(value))
}

// shellQuote is s as one POSIX shell word.
func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_./:@%+,-") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
