package app

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf16"
)

func TestReadPeopleList(t *testing.T) {
	tests := []struct {
		name, file, body string
		want             []string
		wantErr          bool
	}{
		{"txt", "people.txt", "ann@contoso.com\n\n  bob@contoso.com  \n# a comment\nANN@contoso.com\r\n", []string{"ann@contoso.com", "bob@contoso.com"}, false},
		{"txt with BOM and CRLF", "p.txt", "\uFEFFann@contoso.com\r\nbob@contoso.com\r\n", []string{"ann@contoso.com", "bob@contoso.com"}, false},
		{"csv upn column", "users.csv", "id,displayName,userPrincipalName\n1,Ann,ann@contoso.com\n2,\"Barker, Bob\",bob@contoso.com\n", []string{"ann@contoso.com", "bob@contoso.com"}, false},
		{"csv with semicolons", "ids.CSV", "\uFEFFId;UPN\n1;ann@contoso.com\n", []string{"ann@contoso.com"}, false},
		{"csv id column", "ids.csv", "\uFEFFid,note\naaaa-1,x\n,empty\nbbbb-2\n", []string{"aaaa-1", "bbbb-2"}, false},
		{"csv guest", "g.csv", "userPrincipalName\njane_fabrikam.com#EXT#@contoso.onmicrosoft.com\n", []string{"jane_fabrikam.com#EXT#@contoso.onmicrosoft.com"}, false},
		// A list of addresses from HR: the window and export look each up
		// by mail when it is nobody's UPN, so its mail column is read.
		{"csv mail column", "hr.csv", "name,Email\nAnn,ann@contoso.com\nJane,jane@fabrikam.com\n", []string{"ann@contoso.com", "jane@fabrikam.com"}, false},
		{"csv upn before mail", "u.csv", "mail,userPrincipalName\njane@fabrikam.com,jane_fabrikam.com#EXT#@contoso.onmicrosoft.com\n", []string{"jane_fabrikam.com#EXT#@contoso.onmicrosoft.com"}, false},
		{"csv without a known column", "x.csv", "name,phone\nAnn,555\n", nil, true},
		// A .csv of UPNs or ids with no header row: the first column.
		{"csv without a header", "list.csv", "ann@contoso.com\nbob@contoso.com,note\n", []string{"ann@contoso.com", "bob@contoso.com"}, false},
		{"csv of ids without a header", "ids.csv", "\uFEFF8d2a0c61-5b2e-4b7e-9c1f-0a1b2c3d4e5f\n", []string{"8d2a0c61-5b2e-4b7e-9c1f-0a1b2c3d4e5f"}, false},
		{"empty csv", "e.csv", "", nil, false},
		// PowerShell 5's Out-File and Notepad's "Unicode" write UTF-16 with a BOM.
		{"txt in UTF-16LE", "ps.txt", utf16Text("ann@contoso.com\r\nbob@contoso.com\r\n", false), []string{"ann@contoso.com", "bob@contoso.com"}, false},
		{"txt in UTF-16BE", "be.txt", utf16Text("ann@contoso.com\n", true), []string{"ann@contoso.com"}, false},
		{"csv in UTF-16LE", "u.csv", utf16Text("userPrincipalName,displayName\r\nann@contoso.com,Ann\r\n", false), []string{"ann@contoso.com"}, false},
		// Excel's "Unicode text" is UTF-16 and tab-separated.
		{"tab-separated csv", "t.csv", utf16Text("displayName\tuserPrincipalName\r\nAnn\tann@contoso.com\r\n", false), []string{"ann@contoso.com"}, false},
		// A list saved as .txt that is really a CSV, or has a header line.
		{"txt holding a csv", "list.txt", "userPrincipalName,displayName\nann@contoso.com,Ann\n", []string{"ann@contoso.com"}, false},
		{"txt with a header line", "list.txt", "UserPrincipalName\nann@contoso.com\n", []string{"ann@contoso.com"}, false},
		{"binary file", "photo.jpg", "\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\n\x00\x00", nil, true},
		{"not UTF-8", "latin1.txt", "ann@contoso.com\nj\xf6rg@contoso.com\n", nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), tt.file)
			if err := os.WriteFile(path, []byte(tt.body), 0o600); err != nil {
				t.Fatal(err)
			}
			got, err := ReadPeopleList(path)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v", err)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
	if _, err := ReadPeopleList(filepath.Join(t.TempDir(), "missing.txt")); err == nil {
		t.Error("missing file: no error")
	}
}

// utf16Text encodes s as UTF-16 with a byte order mark.
func utf16Text(s string, bigEndian bool) string {
	var b []byte
	put := func(u uint16) {
		if bigEndian {
			b = append(b, byte(u>>8), byte(u))
		} else {
			b = append(b, byte(u), byte(u>>8))
		}
	}
	put(0xFEFF)
	for _, u := range utf16.Encode([]rune(s)) {
		put(u)
	}
	return string(b)
}

// A list file holding a secret — shell lines of a token request given by
// mistake — is refused, whichever secret it is: a refresh token or client
// secret is not JWT-shaped, and only the bearer token and the JWT were
// looked for, so refresh_token=… was read as a person and sent to Graph.
func TestListHoldingASecretIsRefused(t *testing.T) {
	for name, line := range map[string]string{
		"refresh token":      "export REFRESH=refresh_token=0.AQoA-opaque_value",
		"client secret":      `{"client_secret":"Abc8Q~secret-value"}`,
		"bearer token":       "Authorization: Bearer EwA4opaque-token",
		"jwt":                "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwczovL2dyYXBoIn0.c2ln",
		"url-encoded secret": "x?refresh_token%3D0.AQoA-opaque",
	} {
		path := filepath.Join(t.TempDir(), "people.txt")
		if err := os.WriteFile(path, []byte("ann@contoso.com\n"+line+"\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		got, err := ReadPeopleList(path)
		if err == nil || !strings.Contains(err.Error(), "entry 2 holds an access token or another secret") {
			t.Errorf("%s: got %q, err %v; want entry 2 refused as a secret", name, got, err)
		}
		if err != nil && strings.Contains(err.Error(), "opaque") {
			t.Errorf("%s: the error shows the secret: %v", name, err)
		}
	}
}
