package app

import (
	"errors"
	"strings"
	"testing"
)

// Names a person may type into Save: each refused one says why, and every
// name SafeFileName suggests passes.
func TestFileNameProblem(t *testing.T) {
	for _, c := range []struct {
		name string
		want error // nil: fine; errAny: refused with a reason of its own
	}{
		{"ann.jpg", nil},
		{"  ticket 4711 (Ann).jpg  ", nil},
		{"Anne-Marie Müller.png", nil},
		{"", ErrNoFileName},
		{"..", ErrNoFileName},
		{"a/b.jpg", ErrFileNameIsPath},
		{`a\b.jpg`, ErrFileNameIsPath},
		{"ticket:4711.jpg", ErrFileNameChars},
		{"a?b", ErrFileNameChars},
		{"x<y>.jpg", ErrFileNameChars},
		{"tab\there", ErrFileNameChars},
		{"invoice\u202egpj.exe", ErrFileNameBidi},
		{"ann.", ErrFileNameEnd},
		{".hidden.jpg", ErrFileNameHidden},
		{strings.Repeat("a", MaxFileNameBytes+1), ErrFileNameTooLong},
		{"CON", errAny},
		{"con.jpg", errAny},
		{"LPT1 .png", errAny},
		{"COM\u00b2.jpg", errAny},
		{"conout$.jpg", errAny},
	} {
		got := FileNameProblem(c.name)
		switch {
		case c.want == nil && got != nil:
			t.Errorf("%q refused: %v", c.name, got)
		case c.want == errAny && got == nil:
			t.Errorf("%q accepted", c.name)
		case c.want != nil && c.want != errAny && !errors.Is(got, c.want):
			t.Errorf("%q: %v, want %v", c.name, got, c.want)
		}
	}
	for _, s := range []string{"jane_fabrikam.com#EXT#@contoso.onmicrosoft.com", "CON", "a:b*c", ". dots .", "\u202eevil"} {
		if err := FileNameProblem(SafeFileName(s) + ".jpg"); err != nil {
			t.Errorf("SafeFileName(%q) = %q is refused: %v", s, SafeFileName(s), err)
		}
	}
}

// errAny stands for "refused, for a reason of its own" in the table above.
var errAny = errors.New("any")
