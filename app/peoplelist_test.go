package app

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
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
		{"csv without a known column", "x.csv", "name,email\nAnn,ann@contoso.com\n", nil, true},
		{"empty csv", "e.csv", "", nil, false},
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
