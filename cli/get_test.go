package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"image"
	"image/jpeg"
	_ "image/png"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/photodesk/photodesk/app/export"
	"github.com/photodesk/photodesk/graphapi/sandbox"
	"github.com/photodesk/photodesk/graphapi/sandbox/identity"
)

func decodeFile(t *testing.T, path string) image.Config {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s is not an image: %v", path, err)
	}
	return cfg
}

func TestGetToFileNeverOverwritesWithoutForce(t *testing.T) {
	tn := newTenant(t, sandbox.Options{Users: 30})
	ex := tn.Dir.Examples()
	out := filepath.Join(t.TempDir(), "photo.jpg")
	code, _, stderr := photodesk(t, cmdOpts{env: tn.env}, "get", "--user", ex.FullHD.UserPrincipalName, "-o", out)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if cfg := decodeFile(t, out); cfg.Width != 648 || cfg.Height != 648 {
		t.Errorf("largest photo is %dx%d, want 648x648", cfg.Width, cfg.Height)
	}
	if err := os.WriteFile(out, []byte("keep me"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr = photodesk(t, cmdOpts{env: tn.env}, "get", "--user", ex.FullHD.UserPrincipalName, "--size", "48", "-o", out)
	if code != ExitFailure || !strings.Contains(stderr, "--force") {
		t.Errorf("existing file: exit %d, stderr %q; want 1 and a hint about --force", code, stderr)
	}
	if data, _ := os.ReadFile(out); string(data) != "keep me" {
		t.Error("the existing file was overwritten without --force")
	}
	code, _, stderr = photodesk(t, cmdOpts{env: tn.env}, "get", "--user", ex.FullHD.UserPrincipalName, "--size", "48", "-o", out, "--force")
	if code != ExitOK {
		t.Fatalf("--force: exit %d: %s", code, stderr)
	}
	if cfg := decodeFile(t, out); cfg.Width != 48 {
		t.Errorf("--force wrote %dx%d, want 48x48", cfg.Width, cfg.Height)
	}
}

func TestGetMetaReportsFallback(t *testing.T) {
	tn := newTenant(t, sandbox.Options{Users: 30})
	ex := tn.Dir.Examples()
	dir := t.TempDir()
	code, stdout, stderr := photodesk(t, cmdOpts{env: tn.env, dir: dir}, "get", "--user", ex.UpTo240.UserPrincipalName, "--size", "648x648", "--meta")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(stdout), &m); err != nil {
		t.Fatalf("stdout is not one JSON object: %v\n%s", err, stdout)
	}
	for _, k := range []string{"id", "width", "height", "contentType", "etag", "requestedSize", "servedSize"} {
		if _, ok := m[k]; !ok {
			t.Errorf("--meta has no %q: %s", k, stdout)
		}
	}
	if m["requestedSize"] != "648x648" || m["servedSize"] != "240x240" || m["width"] != 240.0 || m["etag"] == "" {
		t.Errorf("--meta = %s", stdout)
	}
	if !strings.Contains(stderr, "not uploaded") {
		t.Errorf("stderr does not mention the fallback: %q", stderr)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("--meta without -o wrote %d files", len(entries))
	}
}

func TestGetDefaultNameAndStdout(t *testing.T) {
	tn := newTenant(t, sandbox.Options{Users: 30})
	ex := tn.Dir.Examples()
	dir := t.TempDir()
	code, _, stderr := photodesk(t, cmdOpts{env: tn.env, dir: dir}, "get", "--user", ex.Guest.UserPrincipalName, "--size", "96x96")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 || !strings.Contains(entries[0].Name(), "#EXT#") || !strings.HasSuffix(entries[0].Name(), "_96x96.jpg") {
		t.Fatalf("files %v: want one <guest upn>_96x96.jpg", entries)
	}
	code, stdout, stderr := photodesk(t, cmdOpts{env: tn.env}, "get", "--user", ex.PNG.ID, "-o", "-")
	if code != ExitOK {
		t.Fatalf("-o -: exit %d: %s", code, stderr)
	}
	if _, format, err := image.DecodeConfig(strings.NewReader(stdout)); err != nil || format != "png" {
		t.Errorf("stdout is not the PNG photo: %v %q", err, format)
	}
}

func TestGetNoPhotoExits3(t *testing.T) {
	tn := newTenant(t, sandbox.Options{Users: 30})
	ex := tn.Dir.Examples()
	for _, u := range []*sandbox.User{ex.NoPhoto, ex.LegacyNoPhoto, ex.GIF1x1} {
		dir := t.TempDir()
		out := filepath.Join(dir, "x.jpg")
		code, stdout, stderr := photodesk(t, cmdOpts{env: tn.env}, "get", "--user", u.UserPrincipalName, "-o", out, "--size", "120x120")
		if code != ExitNoPhoto || !strings.Contains(stderr, "no photo") || stdout != "" {
			t.Errorf("%s: exit %d, stderr %q; want 3 and 'no photo'", u.UserPrincipalName, code, stderr)
		}
		if _, err := os.Stat(out); err == nil {
			t.Errorf("%s: a file was written", u.UserPrincipalName)
		}
	}
}

func TestGetErrorsCarryStatusCodeAndRequestID(t *testing.T) {
	tn := newTenant(t, sandbox.Options{Users: 30})
	code, _, stderr := photodesk(t, cmdOpts{env: tn.env}, "get", "--user", "nobody@contoso.onmicrosoft.com", "--meta")
	if code != ExitFailure {
		t.Fatalf("unknown user: exit %d, want 1", code)
	}
	for _, want := range []string{"HTTP status 404", "request-id"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	// Once, on the facts line: the first line and the error's own words
	// each repeated it.
	if m := regexp.MustCompile(`, request-id (\S+), client-request-id`).FindStringSubmatch(stderr); m == nil || strings.Count(stderr, m[1]) != 1 {
		t.Errorf("want the request id once, on the facts line:\n%s", stderr)
	}
	// Graph answers an unknown user with either code (graph-facts.md).
	if !strings.Contains(stderr, "Graph code Request_ResourceNotFound") && !strings.Contains(stderr, "Graph code ErrorInvalidUser") {
		t.Errorf("stderr lacks Graph's error code:\n%s", stderr)
	}
	bad := map[string]string{EnvGraphURL: tn.env[EnvGraphURL], EnvAccessToken: "not-a-token"}
	code, _, stderr = photodesk(t, cmdOpts{env: bad}, "get", "--me", "--meta")
	if code != ExitFailure || !strings.Contains(stderr, "HTTP status 401") || !strings.Contains(stderr, "InvalidAuthenticationToken") {
		t.Errorf("bad token: exit %d, stderr:\n%s", code, stderr)
	}
}

func TestGetUsageErrors(t *testing.T) {
	env := map[string]string{EnvGraphURL: "http://127.0.0.1:1/v1.0", EnvAccessToken: "x"}
	for _, args := range [][]string{
		{"get"},
		{"get", "--me", "--user", "a@b.c"},
		{"get", "--user", "a@b.c", "--size", "50x50"},
		{"get", "--user", "a@b.c", "-o", "-", "--meta"},
		{"get", "--folder", "f", "--user", "a@b.c"},
		{"get", "--me", "stray"},
		{"get", "--me", "--api", "v2"},
		{"get", "--me", "--sandbox", "--graph-url", "http://127.0.0.1:1/v1.0"},
		{"export", "--all-users"},
		{"export", "--group", "g", "--all-users", "--out", "x"},
		{"export", "--all-users", "--out", "x", "--size", "huge"},
		{"nonsense"},
	} {
		code, _, stderr := photodesk(t, cmdOpts{env: env}, args...)
		if code != ExitUsage || stderr == "" {
			t.Errorf("%v: exit %d, stderr %q; want 2 with a message", args, code, stderr)
		}
	}
	code, stdout, _ := photodesk(t, cmdOpts{env: env}, "get", "-h")
	if code != ExitOK || !strings.Contains(stdout, "--contact ID") || !strings.Contains(stdout, "Exit codes") {
		t.Errorf("get -h: exit %d, usage %q", code, stdout)
	}
}

func TestGetInProcessSandbox(t *testing.T) {
	code, stdout, stderr := photodesk(t, cmdOpts{}, "get", "--sandbox", "--me", "--meta", "--api", "beta")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var m photoMeta
	if err := json.Unmarshal([]byte(stdout), &m); err != nil || m.Width == 0 || m.ETag == "" {
		t.Errorf("--sandbox --me --meta = %q (%v)", stdout, err)
	}
}

// -o is checked before anything is fetched: a missing folder or a file
// that exists (without --force) fail at once with one clear line, and an
// existing folder receives the photo under its usual name.
func TestGetOutputPathChecks(t *testing.T) {
	tn := newTenant(t, sandbox.Options{Users: 30})
	upn := tn.Dir.Examples().FullHD.UserPrincipalName
	dir := t.TempDir()
	existing := filepath.Join(dir, "taken.jpg")
	if err := os.WriteFile(existing, []byte("keep me"), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct{ out, want string }{
		{filepath.Join(dir, "missing", "a.jpg"), "does not exist"},
		{filepath.Join(dir, "missing") + string(filepath.Separator), "does not exist"},
		{existing, "--force"},
		// Item 6 of the tester's report: a name longer than file systems
		// take failed only at the rename, after the download.
		{filepath.Join(dir, strings.Repeat("n", 300)+".jpg"), "at most 255"},
	}
	if os.Geteuid() != 0 { // root writes anywhere
		readOnly := filepath.Join(dir, "read-only")
		if err := os.Mkdir(readOnly, 0o500); err != nil {
			t.Fatal(err)
		}
		cases = append(cases, struct{ out, want string }{readOnly, "permission denied"},
			struct{ out, want string }{filepath.Join(readOnly, "a.jpg"), "permission denied"})
	}
	for _, tc := range cases {
		tn.ResetStats()
		code, _, stderr := photodesk(t, cmdOpts{env: tn.env}, "get", "--user", upn, "-o", tc.out)
		if code != ExitFailure || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, tc.want) || strings.Contains(stderr, ".tmp") {
			t.Errorf("-o %s: exit %d, stderr:\n%s\nwant exit 1 and one line saying %q", tc.out, code, stderr, tc.want)
		}
		if n := tn.Stats().Requests[sandbox.KindPhotoBytes]; n != 0 {
			t.Errorf("-o %s: the photo was fetched (%d requests) before the path was found unusable", tc.out, n)
		}
	}
	if data, _ := os.ReadFile(existing); string(data) != "keep me" {
		t.Error("the existing file was overwritten without --force")
	}
	code, _, stderr := photodesk(t, cmdOpts{env: tn.env}, "get", "--user", upn, "-o", dir)
	if code != ExitOK {
		t.Fatalf("-o FOLDER: exit %d: %s", code, stderr)
	}
	if cfg := decodeFile(t, filepath.Join(dir, upn+"_648x648.jpg")); cfg.Width != 648 {
		t.Errorf("-o FOLDER saved a %dx%d photo", cfg.Width, cfg.Height)
	}
}

// Issue 14, defect 12: an empty --contact or --size is a usage error
// (exit 2) naming the flag, not a Graph error or a silent "largest".
func TestGetEmptyFlagValuesAreUsageErrors(t *testing.T) {
	env := map[string]string{EnvGraphURL: "http://127.0.0.1:1/v1.0", EnvAccessToken: "x"}
	for _, tc := range []struct {
		args []string
		flag string
	}{
		{[]string{"get", "--contact", ""}, "--contact"},
		{[]string{"get", "--user", "a@b.c", "--size", ""}, "--size"},
		{[]string{"get", "--user", "a@b.c", "--size", " "}, "--size"},
	} {
		code, _, stderr := photodesk(t, cmdOpts{env: env}, tc.args...)
		if code != ExitUsage || !strings.Contains(stderr, tc.flag) {
			t.Errorf("%q: exit %d, stderr %q; want 2 and a line naming %s", tc.args, code, stderr, tc.flag)
		}
	}
}

// Issue 14, defect 12: --meta on metadata Graph cut short is an error
// (exit 1), not a JSON line of empty fields; and the photo is not written
// first, or a retry would find its file there and need --force.
func TestGetMetaOnTruncatedMetadataFails(t *testing.T) {
	photo := encodeTestJPEG(t)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("request-id", "11111111-2222-3333-4444-555555555555")
		if strings.HasSuffix(r.URL.Path, "/$value") {
			w.Header().Set("Content-Type", "image/jpeg")
			_, _ = w.Write(photo)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"@odata.mediaEtag":"W/\"abc\"","id":"64X6`))
	}))
	t.Cleanup(srv.Close)
	env := map[string]string{EnvGraphURL: srv.URL + "/v1.0", EnvAccessToken: "x"}
	dir := t.TempDir()
	code, stdout, stderr := photodesk(t, cmdOpts{env: env, dir: dir}, "get", "--user", "adele@contoso.com", "--meta", "-o", "adele.jpg")
	if code != ExitFailure || stdout != "" || !strings.Contains(stderr, "metadata") {
		t.Errorf("exit %d, stdout %q, stderr:\n%s\nwant exit 1, nothing on stdout and a line about the metadata", code, stdout, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "adele.jpg")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the failed run wrote the photo: %v", err)
	}
}

// Issue 14, defect 12: a file name that starts a message is not
// capitalised ("Keep.jpg exists" names another file).
func TestGetExistingFileNameIsNotCapitalised(t *testing.T) {
	env := map[string]string{EnvGraphURL: "http://127.0.0.1:1/v1.0", EnvAccessToken: "x"}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "keep.jpg"), []byte("keep me"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := photodesk(t, cmdOpts{env: env, dir: dir}, "get", "--user", "a@b.c", "-o", "keep.jpg")
	if code != ExitFailure || !strings.Contains(stderr, "keep.jpg exists") || strings.Contains(stderr, "Keep.jpg") {
		t.Errorf("exit %d, stderr:\n%s\nwant exit 1 and \"keep.jpg exists\" as written", code, stderr)
	}
}

func encodeTestJPEG(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	img := image.NewRGBA(image.Rect(0, 0, 64, 64))
	if err := jpeg.Encode(&buf, img, nil); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestGetOtherUsersContact: another user's contact needs
// Contacts.Read.Shared. A token without it gets Graph's 403 in words a
// helpdesk person understands; --sandbox asks for it and gets the photo.
func TestGetOtherUsersContact(t *testing.T) {
	tn := newTenant(t, sandbox.Options{Users: 30})
	ex := tn.Dir.Examples()
	var ct *sandbox.Contact
	for _, c := range tn.Dir.Contacts(ex.FullHD.ID) {
		if c.Photo == sandbox.PhotoContact {
			ct = c
			break
		}
	}
	if ct == nil {
		t.Fatal("Adele has no contact with a photo")
	}
	code, _, stderr := photodesk(t, cmdOpts{env: tn.env}, "get", "--contact", ct.ID, "--user", ex.FullHD.UserPrincipalName, "--meta")
	if code != ExitFailure || !strings.Contains(stderr, "shared their Contacts folder") || !strings.Contains(stderr, "Contacts.Read.Shared") {
		t.Errorf("without Contacts.Read.Shared: exit %d, stderr %q", code, stderr)
	}
	code, stdout, stderr := photodesk(t, cmdOpts{}, "get", "--sandbox", "--contact", ct.ID, "--user", ex.FullHD.UserPrincipalName, "--meta")
	if code != ExitOK || !strings.Contains(stdout, `"width":240`) {
		t.Errorf("--sandbox: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
}

// A contact that is not there (a typo in --contact or --folder) is an
// error that names the flags, not "no photo" (exit 3), which a contact
// without a photo still gets.
func TestGetMissingContactIsNotNoPhoto(t *testing.T) {
	tn := newTenant(t, sandbox.Options{Users: 30})
	ex := tn.Dir.Examples()
	env := writeEnv(t, tn, identity.DemoUPN)
	for _, args := range [][]string{
		{"get", "--contact", "no-such-contact", "--meta"},
		{"get", "--contact", ex.ContactNoPhoto.ID, "--folder", "no-such-folder", "--meta"},
	} {
		code, _, stderr := photodesk(t, cmdOpts{env: env}, args...)
		if code != ExitFailure || !strings.Contains(stderr, "check --contact and --folder (and --user for another mailbox)") {
			t.Errorf("%v: exit %d, stderr %q; want 1 naming --contact and --folder", args, code, stderr)
		}
	}
	if code, _, stderr := photodesk(t, cmdOpts{env: env}, "get", "--contact", ex.ContactNoPhoto.ID, "--meta"); code != ExitNoPhoto {
		t.Errorf("a contact without a photo: exit %d, stderr %q; want 3", code, stderr)
	}
}

// TestUPNStartingWithDollar: a UPN that starts with "$" is fetched and
// exported like any other (Graph needs it as users('$…'); the sandbox
// answers /users/$… with a 400, as Graph does).
func TestUPNStartingWithDollar(t *testing.T) {
	tn := newTenant(t, sandbox.Options{Users: 30})
	upn := tn.Dir.Examples().DollarUPN.UserPrincipalName
	dir := t.TempDir()
	file := filepath.Join(dir, "kiosk.jpg")
	if code, _, stderr := photodesk(t, cmdOpts{env: tn.env}, "get", "--user", upn, "--size", "96x96", "-o", file); code != ExitOK {
		t.Fatalf("get: exit %d: %s", code, stderr)
	}
	if data, err := os.ReadFile(file); err != nil || !bytes.HasPrefix(data, []byte{0xff, 0xd8}) {
		t.Fatalf("get wrote no JPEG: %v", err)
	}
	list := filepath.Join(dir, "people.txt")
	if err := os.WriteFile(list, []byte(upn+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	if code, _, stderr := photodesk(t, cmdOpts{env: tn.env}, "export", "--users-file", list, "--out", out, "--size", "48x48"); code != ExitOK {
		t.Fatalf("export: exit %d: %s", code, stderr)
	}
	data, err := os.ReadFile(filepath.Join(out, "report.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if r, ok := readReport(t, data)[strings.ToLower(upn)]; !ok || r.Status != export.StatusOK {
		t.Errorf("report row of %s: %+v (found %v), want ok", upn, r, ok)
	}
}

// Item 6 of the tester's report: -o x.png wrote a JPEG under .png. As the
// window's Save does, an image extension of another format is corrected,
// and said; a name without one is kept as typed.
func TestGetOutputExtensionFollowsThePhoto(t *testing.T) {
	tn := newTenant(t, sandbox.Options{Users: 30})
	upn := tn.Dir.Examples().FullHD.UserPrincipalName
	dir := t.TempDir()
	code, _, stderr := photodesk(t, cmdOpts{env: tn.env, dir: dir}, "get", "--user", upn, "-o", "x.png")
	if code != ExitOK || !strings.Contains(stderr, "saving it as x.jpg") {
		t.Fatalf("-o x.png: exit %d, stderr %q; want the JPEG saved as x.jpg, said", code, stderr)
	}
	if cfg := decodeFile(t, filepath.Join(dir, "x.jpg")); cfg.Width != 648 {
		t.Errorf("x.jpg is %dx%d", cfg.Width, cfg.Height)
	}
	if _, err := os.Stat(filepath.Join(dir, "x.png")); err == nil {
		t.Error("x.png was written too")
	}
	// The window's Save corrects every picture extension a person might
	// type, TIFF and HEIC too; -o used to write JPEG bytes under them.
	for _, name := range []string{"z.tiff", "h.HEIC"} {
		code, _, stderr := photodesk(t, cmdOpts{env: tn.env, dir: dir}, "get", "--user", upn, "-o", name)
		fixed := strings.TrimSuffix(name, filepath.Ext(name)) + ".jpg"
		if code != ExitOK || !strings.Contains(stderr, "saving it as "+fixed) {
			t.Errorf("-o %s: exit %d, stderr %q; want the JPEG saved as %s, said", name, code, stderr, fixed)
		}
		if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
			t.Errorf("%s was written", name)
		}
	}
	for _, name := range []string{"y.JPEG", "j.jfif", "photo"} {
		code, _, stderr := photodesk(t, cmdOpts{env: tn.env, dir: dir}, "get", "--user", upn, "-o", name)
		if _, err := os.Stat(filepath.Join(dir, name)); code != ExitOK || err != nil || strings.Contains(stderr, "saving it as") {
			t.Errorf("-o %s: exit %d, stderr %q, stat %v; want it written as typed", name, code, stderr, err)
		}
	}
}

// An -o name that exists, with an image extension, stops get before the
// fetch only when it is the file the photo would be written to. For
// someone without a photo that is no file at all (exit 3, as without the
// file there), and for a guest given by their own mail, whose photo only
// the fetch finds, it is the name with the photo's extension; both used to
// be refused with "exists; pass --force".
func TestGetOutputTakenButNotWritten(t *testing.T) {
	tn := newTenant(t, sandbox.Options{Users: 30})
	ex := tn.Dir.Examples()
	dir := t.TempDir()
	keep := filepath.Join(dir, "n.png")
	if err := os.WriteFile(keep, []byte("keep me"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := photodesk(t, cmdOpts{env: tn.env, dir: dir}, "get", "--user", ex.NoPhoto.UserPrincipalName, "-o", "n.png")
	if code != ExitNoPhoto || !strings.Contains(stderr, "has no photo") || strings.Contains(stderr, "--force") {
		t.Errorf("-o n.png (exists) for someone without a photo: exit %d, stderr %q; want 3, no photo", code, stderr)
	}
	gif := filepath.Join(dir, "n.gif")
	if err := os.WriteFile(gif, []byte("keep me"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr = photodesk(t, cmdOpts{env: tn.env, dir: dir}, "get", "--user", ex.GIF1x1.UserPrincipalName, "-o", "n.gif")
	if code != ExitNoPhoto || strings.Contains(stderr, "--force") {
		t.Errorf("-o n.gif (exists) for someone answered with the 1x1 GIF: exit %d, stderr %q; want 3, no photo", code, stderr)
	}
	code, _, stderr = photodesk(t, cmdOpts{env: tn.env, dir: dir}, "get", "--user", ex.Guest.Mail, "-o", "n.png")
	if code != ExitOK || !strings.Contains(stderr, "saving it as n.jpg") {
		t.Errorf("-o n.png (exists) for a guest given by mail: exit %d, stderr %q; want n.jpg written", code, stderr)
	}
	if cfg := decodeFile(t, filepath.Join(dir, "n.jpg")); cfg.Width != 648 {
		t.Errorf("n.jpg is %dx%d, want 648x648", cfg.Width, cfg.Height)
	}
	for _, kept := range []string{keep, gif} {
		if data, _ := os.ReadFile(kept); string(data) != "keep me" {
			t.Errorf("%s was overwritten without --force", kept)
		}
	}
}

// A guest's own mail given to --user (what a ticket names them by) is no
// one's UPN: get finds them by mail, as the window's search box does,
// rather than calling a real guest "Not found".
func TestGetUserByGuestMail(t *testing.T) {
	tn := newTenant(t, sandbox.Options{Users: 30})
	guest := tn.Dir.Examples().Guest
	if strings.EqualFold(guest.Mail, guest.UserPrincipalName) {
		t.Fatalf("the guest's mail %q is their UPN: nothing to test", guest.Mail)
	}
	dir := t.TempDir()
	code, _, stderr := photodesk(t, cmdOpts{env: tn.env, dir: dir}, "get", "--user", strings.ToUpper(guest.Mail), "--size", "96x96")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stderr, "no one's UPN") || !strings.Contains(stderr, guest.UserPrincipalName) {
		t.Errorf("stderr does not say whose mail it is:\n%s", stderr)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 || entries[0].Name() != guest.UserPrincipalName+"_96x96.jpg" {
		t.Errorf("files %v: want the guest's <upn>_96x96.jpg", entries)
	}
}

// A group's name (or mail) given to --group is a usage error saying that
// Graph reads groups by object id, not "no such group … it may have been
// deleted" from the tenant; spaces around a pasted id are still dropped.
func TestGetGroupTakesAnObjectID(t *testing.T) {
	env := map[string]string{EnvGraphURL: "http://127.0.0.1:1/v1.0", EnvAccessToken: "x"}
	for _, name := range []string{"Sales", "sales@contoso.onmicrosoft.com"} {
		code, _, stderr := photodesk(t, cmdOpts{env: env}, "get", "--group", name, "--meta")
		if code != ExitUsage || !strings.Contains(stderr, "object id") || !strings.Contains(stderr, name) {
			t.Errorf("--group %s: exit %d, stderr %q; want 2 saying it takes an object id", name, code, stderr)
		}
	}
	tn := newTenant(t, sandbox.Options{Users: 30})
	sales := tn.Dir.Examples().Sales
	code, _, stderr := photodesk(t, cmdOpts{env: tn.env}, "get", "--group", " "+strings.ToUpper(sales.ID)+" ", "--meta")
	if code != ExitOK {
		t.Errorf("--group with Sales's id: exit %d: %s", code, stderr)
	}
}

// servedSize names the pixels served, not the word asked for: "largest"
// and a fallback to the default photo used to come back as "largest".
func TestGetMetaServedSizeIsPixels(t *testing.T) {
	tn := newTenant(t, sandbox.Options{Users: 30})
	ex := tn.Dir.Examples()
	for _, c := range []struct {
		user, size, want string
	}{
		{ex.FullHD.UserPrincipalName, "largest", "648x648"},
		{ex.FullHD.UserPrincipalName, "96x96", "96x96"},
		{ex.UpTo504.UserPrincipalName, "largest", "504x504"},
		{ex.UpTo240.UserPrincipalName, "360x360", "240x240"},
		{ex.EntraOnly.UserPrincipalName, "largest", "400x300"},
		{ex.EntraOnly.UserPrincipalName, "648x648", "400x300"},
	} {
		code, stdout, stderr := photodesk(t, cmdOpts{env: tn.env, dir: t.TempDir()}, "get", "--user", c.user, "--size", c.size, "--meta")
		if code != ExitOK {
			t.Fatalf("%s --size %s: exit %d: %s", c.user, c.size, code, stderr)
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(stdout), &m); err != nil {
			t.Fatalf("stdout is not one JSON object: %v\n%s", err, stdout)
		}
		if m["servedSize"] != c.want {
			t.Errorf("%s --size %s: servedSize %v, want %s (%s)", c.user, c.size, m["servedSize"], c.want, stdout)
		}
	}
}

// -o x.png for a JPEG writes x.jpg, so an x.png that exists is no reason
// to refuse; an x.jpg that exists is, and is found before the photo is
// fetched, named in the message, with nothing written.
func TestGetOutputExistsUnderTheOtherName(t *testing.T) {
	tn := newTenant(t, sandbox.Options{Users: 30})
	ex := tn.Dir.Examples()
	dir := t.TempDir()
	keep := func(name string) string {
		t.Helper()
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte("keep me"), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	kept := func(path string) {
		t.Helper()
		if data, _ := os.ReadFile(path); string(data) != "keep me" {
			t.Errorf("%s was overwritten without --force", path)
		}
	}

	png := keep("x.png")
	code, _, stderr := photodesk(t, cmdOpts{env: tn.env}, "get", "--user", ex.FullHD.UserPrincipalName, "-o", png)
	if code != ExitOK || !strings.Contains(stderr, filepath.Join(dir, "x.jpg")) {
		t.Fatalf("-o x.png (exists) for a JPEG: exit %d, stderr %q; want x.jpg written", code, stderr)
	}
	if cfg := decodeFile(t, filepath.Join(dir, "x.jpg")); cfg.Width != 648 {
		t.Errorf("x.jpg is %dx%d, want 648x648", cfg.Width, cfg.Height)
	}
	kept(png)

	// Now x.jpg, the file a JPEG would be written to, exists too.
	tn.ResetStats()
	code, _, stderr = photodesk(t, cmdOpts{env: tn.env}, "get", "--user", ex.FullHD.UserPrincipalName, "-o", png)
	if code != ExitFailure || !strings.Contains(stderr, filepath.Join(dir, "x.jpg")+" exists") || !strings.Contains(stderr, "--force") {
		t.Errorf("-o x.png with x.jpg there: exit %d, stderr %q; want 1 naming x.jpg", code, stderr)
	}
	if n := tn.Stats().Requests[sandbox.KindPhotoBytes]; n != 0 {
		t.Errorf("the photo was fetched (%d requests) before x.jpg was found to exist", n)
	}

	// A PNG photo is written under .png: an existing y.jpg does not stand
	// in its way, an existing y.png does.
	jpg := keep("y.jpg")
	code, _, stderr = photodesk(t, cmdOpts{env: tn.env}, "get", "--user", ex.PNG.UserPrincipalName, "-o", jpg)
	if code != ExitOK {
		t.Fatalf("-o y.jpg (exists) for a PNG: exit %d, stderr %q; want y.png written", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "y.png")); err != nil {
		t.Errorf("y.png was not written: %v", err)
	}
	kept(jpg)
	z := keep("z.png")
	tn.ResetStats()
	code, _, stderr = photodesk(t, cmdOpts{env: tn.env}, "get", "--user", ex.PNG.UserPrincipalName, "-o", z)
	if code != ExitFailure || !strings.Contains(stderr, z+" exists") || tn.Stats().Requests[sandbox.KindPhotoBytes] != 0 {
		t.Errorf("-o z.png (exists) for a PNG: exit %d, stderr %q; want 1 naming z.png, found before the fetch", code, stderr)
	}
	kept(z)
	kept(png)
	if entries, _ := os.ReadDir(dir); len(entries) != 5 {
		t.Errorf("the folder holds %d files, want x.png, x.jpg, y.jpg, y.png, z.png (no half-written file)", len(entries))
	}
}

// -o FOLDER (and get without -o, into this folder) refuses an existing
// <upn>_<W>x<H>.<ext> before the photo is fetched, from its metadata, as
// -o FILE does: it was refused only after the download. Another size's
// file does not stand in the way, and --force replaces.
func TestGetIntoAFolderRefusesAnExistingNameBeforeTheFetch(t *testing.T) {
	tn := newTenant(t, sandbox.Options{Users: 30})
	upn := tn.Dir.Examples().FullHD.UserPrincipalName
	dir := t.TempDir()
	small := filepath.Join(dir, upn+"_48x48.jpg")
	for _, path := range []string{small, filepath.Join(dir, upn+"_648x648.jpg")} {
		if err := os.WriteFile(path, []byte("keep me"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []struct {
		name string
		o    cmdOpts
		args []string
		file string
	}{
		{"-o FOLDER", cmdOpts{env: tn.env}, []string{"-o", dir}, upn + "_648x648.jpg"},
		{"-o FOLDER --size 48", cmdOpts{env: tn.env}, []string{"-o", dir, "--size", "48"}, upn + "_48x48.jpg"},
		{"no -o, in the folder", cmdOpts{env: tn.env, dir: dir}, nil, upn + "_648x648.jpg"},
	} {
		tn.ResetStats()
		code, _, stderr := photodesk(t, c.o, append([]string{"get", "--user", upn}, c.args...)...)
		if code != ExitFailure || !strings.Contains(stderr, c.file+" exists; pass --force") {
			t.Errorf("%s: exit %d, stderr %q; want 1 naming %s", c.name, code, stderr, c.file)
		}
		if n := tn.Stats().Requests[sandbox.KindPhotoBytes]; n != 0 {
			t.Errorf("%s: the photo was fetched (%d requests) before %s was found to exist", c.name, n, c.file)
		}
	}
	if code, _, stderr := photodesk(t, cmdOpts{env: tn.env}, "get", "--user", upn, "-o", dir, "--size", "96"); code != ExitOK {
		t.Errorf("-o FOLDER --size 96 beside other sizes' files: exit %d, stderr %q", code, stderr)
	}
	if code, _, stderr := photodesk(t, cmdOpts{env: tn.env}, "get", "--user", upn, "-o", dir, "--size", "48", "--force"); code != ExitOK {
		t.Errorf("-o FOLDER --force: exit %d, stderr %q", code, stderr)
	}
	if cfg := decodeFile(t, small); cfg.Width != 48 {
		t.Errorf("--force wrote %dx%d, want 48x48", cfg.Width, cfg.Height)
	}
	if data, _ := os.ReadFile(filepath.Join(dir, upn+"_648x648.jpg")); string(data) != "keep me" {
		t.Error("the existing 648x648 file was overwritten without --force")
	}
}

// A guest's UPN copied out of a URL (Graph Explorer, an admin center)
// comes percent-escaped: "jane_fabrikam.com%23EXT%23@…". No UPN holds a
// '%', so the escapes are undone and the guest is found, by --user and in
// a --users-file; it used to be "Not found: no such user" for someone
// right there.
func TestGuestUPNCopiedFromAURLIsFound(t *testing.T) {
	tn := newTenant(t, sandbox.Options{Users: 30})
	guest := tn.Dir.Examples().Guest
	escaped := strings.ReplaceAll(guest.UserPrincipalName, "#", "%23")
	dir := t.TempDir()
	code, _, stderr := photodesk(t, cmdOpts{env: tn.env, dir: dir}, "get", "--user", escaped, "--size", "96x96")
	if code != ExitOK {
		t.Fatalf("get --user %s: exit %d: %s", escaped, code, stderr)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 || entries[0].Name() != guest.UserPrincipalName+"_96x96.jpg" {
		t.Errorf("files %v: want the guest's <upn>_96x96.jpg", entries)
	}
	list := filepath.Join(t.TempDir(), "people.txt")
	if err := os.WriteFile(list, []byte(strings.ToLower(escaped)+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	code, _, stderr = photodesk(t, cmdOpts{env: tn.env}, "export", "--users-file", list, "--out", out, "--size", "48x48")
	if code != ExitOK || !strings.Contains(stderr, "1 with a photo") {
		t.Errorf("export of the escaped UPN: exit %d: %s", code, stderr)
	}
}

// get -o - on a terminal refuses before any request: the photo's bytes
// garbled the terminal, and a hostile answer's escape sequences reached
// it unsanitised. Piped or redirected, stdout takes them as before.
func TestGetToStdoutRefusesATerminal(t *testing.T) {
	tn := newTenant(t, sandbox.Options{Users: 30})
	ex := tn.Dir.Examples()
	var stdout, stderr bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr, getenv: func(k string) string { return tn.env[k] }, stdoutTerminal: true}
	code := run(t.Context(), []string{"get", "--user", ex.FullHD.UserPrincipalName, "-o", "-"}, e)
	if code != ExitUsage || stdout.Len() != 0 || !strings.Contains(stderr.String(), "terminal") {
		t.Errorf("exit %d, %d bytes on stdout, stderr %q; want 2, nothing, and why", code, stdout.Len(), stderr.String())
	}
	if n := requestsSeen(tn); n != 0 {
		t.Errorf("%d requests before the refusal", n)
	}
	e.stdoutTerminal = false
	if code := run(t.Context(), []string{"get", "--user", ex.FullHD.UserPrincipalName, "-o", "-"}, e); code != ExitOK || stdout.Len() == 0 {
		t.Errorf("to a pipe: exit %d, %d bytes, stderr %q", code, stdout.Len(), stderr.String())
	}
}
