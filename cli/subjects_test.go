package cli

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/photodesk/photodesk/graphapi/sandbox"
	"github.com/photodesk/photodesk/graphapi/sandbox/identity"
)

// inProcess runs a command in this process with getenv answering from vars.
func inProcess(t *testing.T, vars map[string]string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errs bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errs, getenv: func(k string) string { return vars[k] }}
	code = run(t.Context(), args, e)
	return code, out.String(), errs.String()
}

// padded is s as pasted from a spreadsheet or a chat: spaces and a tab
// around it.
func padded(s string) string { return "  " + s + "\t " }

// TestSubjectsPastedWithSpacesNameTheSame: every command that names whose
// photo reads its user, group, contact and --of-user through one helper
// (subject), so a value pasted with spaces around it names the person,
// group or contact it would without them, in each command.
func TestSubjectsPastedWithSpacesNameTheSame(t *testing.T) {
	tn := newTenant(t, sandbox.Options{Users: 20})
	ex := tn.Dir.Examples()
	tok, err := tn.UserToken(identity.DemoUPN, "User.ReadBasic.All", "GroupMember.Read.All", "ProfilePhoto.ReadWrite.All",
		"Contacts.ReadWrite", "Contacts.ReadWrite.Shared")
	if err != nil {
		t.Fatal(err)
	}
	vars := map[string]string{EnvGraphURL: tn.env[EnvGraphURL], EnvAccessToken: tok}
	upn, group, contact := ex.FullHD.UserPrincipalName, ex.Sales.ID, ex.ContactWithPhoto.ID

	// get: --meta's id is the photo's, the same padded or not.
	for _, target := range [][]string{
		{"--user", upn},
		{"--group", group},
		{"--contact", contact},
		{"--contact", contact, "--user", identity.DemoUPN},
	} {
		var ids [2]string
		for i, pad := range []bool{false, true} {
			args := append([]string{"get", "--meta"}, target...)
			if pad {
				for k := 2; k < len(args); k += 2 {
					args[k+1] = padded(args[k+1])
				}
			}
			code, stdout, stderr := inProcess(t, vars, args...)
			var m photoMeta
			if code != ExitOK || json.Unmarshal([]byte(stdout), &m) != nil {
				t.Errorf("%q: exit %d, stdout %q, stderr %q", args, code, stdout, stderr)
			}
			ids[i] = m.ID + " " + m.ETag
		}
		if ids[0] != ids[1] {
			t.Errorf("get %q: %q padded, %q not", target, ids[1], ids[0])
		}
	}

	// set and remove: the change names whom it changed.
	pic := picture(t, 100, 100)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"set", "--user", padded(upn), "--file", pic}, "changed the photo of " + ex.FullHD.DisplayName + " (" + upn + ")"},
		{[]string{"set", "--group", padded(group), "--file", pic}, "changed the photo of " + ex.Sales.DisplayName + " (group " + group + ")"},
		{[]string{"set", "--contact", padded(contact), "--of-user", padded(identity.DemoUPN), "--file", pic}, "changed the photo of "},
		{[]string{"remove", "--user", padded(upn), "--yes"}, "removed the photo of " + ex.FullHD.DisplayName + " (" + upn + ")"},
		{[]string{"remove", "--group", padded(group), "--yes"}, "removed the photo of " + ex.Sales.DisplayName + " (group " + group + ")"},
	} {
		args := append(c.args, "--backup", t.TempDir())
		code, _, stderr := inProcess(t, vars, args...)
		if code != ExitOK || !strings.Contains(stderr, c.want) {
			t.Errorf("%q: exit %d, stderr %q; want 0 and %q", c.args, code, stderr, c.want)
		}
	}

	// export: --group, and each --group-photo.
	for _, source := range [][]string{
		{"--group", padded(group)},
		{"--group-photo", padded(ex.Interns.DisplayName), "--group-photo", padded(ex.AllCompany.Mail)},
	} {
		out := t.TempDir()
		args := append(append([]string{"export"}, source...), "--out", out, "--size", "48x48")
		code, _, stderr := inProcess(t, vars, args...)
		if code != ExitOK {
			t.Errorf("%q: exit %d, stderr %q", args, code, stderr)
		}
		if matches, _ := filepath.Glob(filepath.Join(out, "*.jpg")); len(matches) == 0 {
			t.Errorf("%q exported no photo", args)
		}
	}
}

// TestSubjectOfOnlySpacesSaysWhatItTakes: a subject that is nothing once
// its spaces are gone (an unset variable quoted with a space, a blank
// cell) is a usage error before any request, in one line that names the
// flag, says it was only spaces and what it takes — in every command that
// takes one. (undo and import take no subject: undo finds it in the change
// log, import in the pictures' names.)
func TestSubjectOfOnlySpacesSaysWhatItTakes(t *testing.T) {
	vars := map[string]string{EnvGraphURL: "http://127.0.0.1:1/v1.0", EnvAccessToken: "x"}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"get", "--user", "  "}, "--user was given only spaces: it takes an id or UPN"},
		{[]string{"get", "--group", "\t"}, "--group was given only spaces: it takes the group's object id"},
		{[]string{"get", "--contact", " ", "--user", "a@b.c"}, "--contact was given only spaces: it takes the contact's id"},
		{[]string{"get", "--contact", "AAMk", "--user", " "}, "--user was given only spaces: it takes an id or UPN"},
		{[]string{"set", "--user", " ", "--file", "x.png"}, "--user was given only spaces: it takes an id or UPN"},
		{[]string{"set", "--group", " ", "--file", "x.png"}, "--group was given only spaces: it takes the group's object id"},
		{[]string{"set", "--contact", "AAMk", "--of-user", " ", "--file", "x.png"}, "--of-user was given only spaces: it takes an id or UPN"},
		{[]string{"remove", "--user", " ", "--yes"}, "--user was given only spaces: it takes an id or UPN"},
		{[]string{"remove", "--group", "", "--yes"}, "--group was given an empty value: it takes the group's object id"},
		{[]string{"export", "--group", " ", "--out", "x"}, "--group was given only spaces: it takes the group's object id"},
		{[]string{"export", "--group-photo", " ", "--out", "x"}, "--group-photo was given only spaces: it takes a group's id, mail or display name"},
	} {
		code, _, stderr := inProcess(t, vars, c.args...)
		want := "photodesk " + c.args[0] + ": " + c.want + "\nRun photodesk " + c.args[0] + " -h for help.\n"
		if code != ExitUsage || stderr != want {
			t.Errorf("%q: exit %d, stderr %q; want 2 and %q", c.args, code, stderr, want)
		}
	}
}
