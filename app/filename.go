package app

import (
	"strings"
	"unicode/utf8"
)

// MaxFileNameBytes keeps names well under the 255-byte limit of common file
// systems, leaving room for "_648x648.jpeg" and a temp-file suffix.
const MaxFileNameBytes = 200

// reservedWindowsNames cannot be used as a file name on Windows, with or
// without an extension ("con.jpg" is as bad as "CON"). Windows counts the
// superscript digits ¹ ² ³ as digits here ("COM¹" is a port, Microsoft's
// "Naming files" page), and CONIN$ and CONOUT$ open the console as CON
// does; Go's filepath.IsLocal refuses the same names on Windows.
var reservedWindowsNames = map[string]bool{
	"CON": true, "PRN": true, "AUX": true, "NUL": true, "CONIN$": true, "CONOUT$": true,
}

func init() {
	for _, d := range "123456789\u00b9\u00b2\u00b3" {
		reservedWindowsNames["COM"+string(d)] = true
		reservedWindowsNames["LPT"+string(d)] = true
	}
}

// SafeFileName turns s (a UPN, a display name) into one file name that is
// valid on Windows, macOS and Linux: characters Windows forbids
// (/ \ : * ? " < > |) and control characters become '_', runs of dots
// collapse so ".." cannot appear, leading dots and trailing dots and spaces
// go, bidirectional-text controls are dropped, reserved Windows device
// names get a '_' prefix, and the result is at most MaxFileNameBytes bytes
// of valid UTF-8. It never returns "".
func SafeFileName(s string) string {
	s = strings.ToValidUTF8(s, "_")
	var b strings.Builder
	lastDot := false
	for _, r := range s {
		if isBidiControl(r) {
			continue
		}
		if r == '/' || r == '\\' || forbiddenInFileName(r) {
			r = '_'
		}
		if r == '.' {
			if lastDot {
				continue
			}
			lastDot = true
		} else {
			lastDot = false
		}
		b.WriteRune(r)
	}
	out := trimName(b.String())
	if _, reserved := reservedStem(out); reserved {
		out = "_" + out
	}
	out = truncateUTF8(out, MaxFileNameBytes)
	out = trimName(out)
	if out == "" {
		return "unnamed"
	}
	return out
}

// forbiddenInFileName reports the characters, other than the path
// separators, that Windows refuses in a file name: control characters and
// : * ? " < > |.
func forbiddenInFileName(r rune) bool {
	return r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || strings.ContainsRune(`:*?"<>|`, r)
}

// reservedStem is name's part before its first dot, and whether Windows
// keeps it for a device ("con.jpg" is as bad as "CON").
func reservedStem(name string) (string, bool) {
	stem, _, _ := strings.Cut(name, ".")
	stem = strings.TrimRight(stem, " ")
	return stem, reservedWindowsNames[strings.ToUpper(stem)]
}

// isBidiControl reports the invisible characters that reorder text
// (embeddings, overrides, isolates and marks): kept in a file name, U+202E
// makes "invoice\u202egpj.exe" display as "invoiceexe.jpg".
func isBidiControl(r rune) bool {
	return (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) ||
		r == 0x200e || r == 0x200f || r == 0x061c
}

// trimName drops what makes a name hidden, empty or invalid on Windows:
// surrounding spaces, leading dots, trailing dots and spaces.
func trimName(s string) string {
	s = strings.TrimSpace(s)
	s = strings.TrimLeft(s, ". ")
	return strings.TrimRight(s, ". ")
}

// truncateUTF8 cuts s to at most n bytes without splitting a character.
func truncateUTF8(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// joinName builds "<stem>_<suffix>.<ext>", shortening the stem so the whole
// name still fits MaxFileNameBytes.
func joinName(stem, suffix, ext string) string {
	tail := ""
	if suffix != "" {
		tail = "_" + suffix
	}
	if ext != "" {
		tail += "." + ext
	}
	stem = trimName(truncateUTF8(stem, MaxFileNameBytes-len(tail)))
	if stem == "" {
		stem = "unnamed"
	}
	return stem + tail
}
