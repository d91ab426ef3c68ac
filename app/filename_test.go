package app

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSafeFileName(t *testing.T) {
	long := strings.Repeat("é", 150) // 300 bytes
	tests := []struct {
		name, in, want string
	}{
		{"plain upn", "ann.barker@contoso.com", "ann.barker@contoso.com"},
		{"guest keeps #EXT#", "jane_fabrikam.com#EXT#@contoso.onmicrosoft.com", "jane_fabrikam.com#EXT#@contoso.onmicrosoft.com"},
		{"slash", "a/b", "a_b"},
		{"backslash", `a\b`, "a_b"},
		{"every forbidden char", `a:b*c?d"e<f>g|h`, "a_b_c_d_e_f_g_h"},
		{"control chars", "a\x00b\tc\nd\x7fe", "a_b_c_d_e"},
		{"C1 control", "a\u0085b", "a_b"},
		{"dot dot", "..", "unnamed"},
		{"traversal", "../../etc/passwd", "_._etc_passwd"},
		{"inner dots collapse", "a..b...c", "a.b.c"},
		{"leading dot hidden", ".profile", "profile"},
		{"trailing dots and spaces", "name. . ", "name"},
		{"surrounding space", "  name  ", "name"},
		{"reserved CON", "CON", "_CON"},
		{"reserved lower", "con", "_con"},
		{"reserved with ext", "nul.jpg", "_nul.jpg"},
		{"reserved COM1", "com1", "_com1"},
		{"reserved LPT9 ext", "LPT9.txt", "_LPT9.txt"},
		{"reserved before space", "AUX .txt", "_AUX .txt"},
		{"reserved COM superscript", "COM\u00b9", "_COM\u00b9"},
		{"reserved LPT superscript ext", "lpt\u00b3.jpg", "_lpt\u00b3.jpg"},
		{"reserved CONIN$", "conin$", "_conin$"},
		{"reserved CONOUT$ ext", "CONOUT$.png", "_CONOUT$.png"},
		{"not reserved COM0", "COM0", "COM0"},
		{"not reserved COM superscript 4", "COM\u2074", "COM\u2074"},
		{"not reserved CONSOLE", "console", "console"},
		{"not reserved COM10", "COM10", "COM10"},
		{"empty", "", "unnamed"},
		{"only forbidden", "///", "___"},
		{"invalid utf8", "a\xffb", "a_b"},
		{"unicode kept", "Zoë Ångström", "Zoë Ångström"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := SafeFileName(tt.in); got != tt.want {
				t.Errorf("SafeFileName(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
	t.Run("length", func(t *testing.T) {
		got := SafeFileName(long)
		if len(got) > MaxFileNameBytes || !utf8.ValidString(got) {
			t.Fatalf("len %d valid %v", len(got), utf8.ValidString(got))
		}
		if len(got) < MaxFileNameBytes-1 {
			t.Errorf("cut too much: %d bytes", len(got))
		}
	})
}

// TestSafeFileNameInvariants checks the rules on many awkward inputs at once,
// so a new special case cannot break another.
func TestSafeFileNameInvariants(t *testing.T) {
	inputs := []string{
		"", ".", "..", "...", " . ", "a/../b", `C:\Windows\system32`, "con.", "PRN ", "x" + strings.Repeat(".", 300),
		strings.Repeat("ab/", 120), strings.Repeat("日本", 100), "#EXT#", "lpt1.tar.gz", "\x01\x02",
	}
	for _, in := range inputs {
		got := SafeFileName(in)
		switch {
		case got == "":
			t.Errorf("%q: empty", in)
		case len(got) > MaxFileNameBytes:
			t.Errorf("%q: %d bytes", in, len(got))
		case strings.ContainsAny(got, `/\:*?"<>|`):
			t.Errorf("%q -> %q: forbidden char", in, got)
		case strings.Contains(got, ".."):
			t.Errorf("%q -> %q: contains ..", in, got)
		case strings.HasSuffix(got, ".") || strings.HasSuffix(got, " ") || strings.HasPrefix(got, "."):
			t.Errorf("%q -> %q: bad ends", in, got)
		case !utf8.ValidString(got):
			t.Errorf("%q -> %q: invalid utf8", in, got)
		}
		stem, _, _ := strings.Cut(got, ".")
		if reservedWindowsNames[strings.ToUpper(strings.TrimSpace(stem))] {
			t.Errorf("%q -> %q: reserved", in, got)
		}
	}
}

func TestJoinNameFits(t *testing.T) {
	stem := SafeFileName(strings.Repeat("a", 500))
	got := joinName(stem, "648x648", "jpg")
	if len(got) > MaxFileNameBytes || !strings.HasSuffix(got, "_648x648.jpg") {
		t.Fatalf("joinName = %q (%d bytes)", got, len(got))
	}
}

// Issue 14, defect 11: a right-to-left override in a UPN or display name
// made "invoice\u202egpj.exe" display as "invoiceexe.jpg".
func TestSafeFileNameDropsBidiControls(t *testing.T) {
	for _, in := range []string{
		"invoice\u202egpj.exe", "invoice\u202agpj.exe", "invoice\u202bgpj.exe", "invoice\u202cgpj.exe",
		"invoice\u202dgpj.exe", "invoice\u2066gpj.exe", "invoice\u2067gpj.exe", "invoice\u2068gpj.exe",
		"invoice\u2069gpj.exe", "invoice\u200egpj.exe", "invoice\u200fgpj.exe", "invoice\u061cgpj.exe",
	} {
		if got := SafeFileName(in); got != "invoicegpj.exe" {
			t.Errorf("SafeFileName(%+q) = %+q, want %q", in, got, "invoicegpj.exe")
		}
	}
	if got := SafeFileName("\u202e"); got != "unnamed" {
		t.Errorf("SafeFileName(U+202E) = %+q, want unnamed", got)
	}
}
