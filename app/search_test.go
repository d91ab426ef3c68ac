package app

import (
	"context"
	"strings"
	"testing"
)

func TestLooksLikeUPNOrID(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"ann@contoso.com", true},
		{"  ann.barker@contoso.onmicrosoft.com ", true},
		{"jane_fabrikam.com#EXT#@contoso.onmicrosoft.com", true},
		{"6e7b768e-07e2-4810-8459-485f84f8f204", true},
		{"6E7B768E-07E2-4810-8459-485F84F8F204", true},
		{"6e7b768e-07e2-4810-8459-485f84f8f20", false},
		{"ann", false},
		{"ann barker", false},
		{"ann@", false},
		{"@contoso.com", false},
		{"ann@contoso", false},
		{"ann@contoso.", false},
		{"ann @contoso.com", false},
		{"ann@contoso..com", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := LooksLikeUPNOrID(tt.in); got != tt.want {
			t.Errorf("LooksLikeUPNOrID(%q) = %v", tt.in, got)
		}
	}
}

func TestSearchText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"ann", "ann"},
		{"  ann barker ", "ann barker"},
		{`ann"`, "ann"},
		{`"ann" OR "x`, "ann OR x"},
		{"mail:ann", `"mail:ann"`},
		{"DisplayName: Ann", `"displayName:Ann"`},
		{"foo:bar", "foo bar"},
		{"mail:", "mail"},
		{`\`, ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := searchText(tt.in); got != tt.want {
			t.Errorf("searchText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestNewSearchPagerHandsOutItsPages(t *testing.T) {
	pages := [][]Person{{userPerson("a"), userPerson("b")}, {userPerson("c")}}
	p := NewSearchPager(func(context.Context) ([]Person, error) {
		page := pages[0]
		pages = pages[1:]
		return page, nil
	}, func() bool { return len(pages) == 0 })
	var got []string
	for !p.Done() {
		page, err := p.Next(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		for _, person := range page {
			got = append(got, person.ID)
		}
	}
	if strings.Join(got, ",") != "a,b,c" {
		t.Errorf("pages = %v", got)
	}
}
