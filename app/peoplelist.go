package app

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// maxPeopleListBytes caps what ReadPeopleList reads: far more than any
// directory's UPNs, far less than a wrong file (or /dev/zero) could hold.
const maxPeopleListBytes = 64 << 20

// peopleHeaders are the column names a people list may have, best first.
// A mail column comes last: an address is looked up by mail only when it
// is nobody's UPN (UserByMail), which costs a search.
var peopleHeaders = []string{"userprincipalname", "upn", "id", "objectid", "mail", "email"}

// peopleList is how a people list is read.
var peopleList = listFormat{
	what:    "people list",
	want:    "one id or UPN a line, or a CSV",
	columns: "userPrincipalName, id or mail",
	headers: peopleHeaders,
	bare: func(first string) bool {
		return strings.Contains(first, "@") || LooksLikeObjectID(first)
	},
	bareWhat: "UPN or id",
}

// ReadPeopleList reads the ids or UPNs of a people list dropped on the
// window or passed to export --users-file. A .csv file has a header row
// with a userPrincipalName, id or mail column (in that order; Entra ID's
// own user export has both; Excel's semicolon-separated CSV and its
// tab-separated "Unicode text" are read too), or no header and a UPN or id
// first in each row; any other file is one entry a
// line, with blank lines and lines starting with '#' skipped, unless its
// first line is such a header (a CSV saved as .txt). UTF-8, with or without
// a BOM, and UTF-16 with a BOM (PowerShell 5's Out-File, Notepad's
// "Unicode") are read; a binary file or an entry that is not UTF-8 is an
// error rather than a list of nonsense names. Entries are returned in file
// order, each once (UPNs compare case-insensitively).
func ReadPeopleList(path string) ([]string, error) {
	entries, err := readList(path, peopleList)
	if err != nil {
		return nil, err
	}
	for i, e := range entries {
		entries[i] = UnescapedUPN(e) // a guest's UPN copied out of a URL
	}
	return dedupe(entries), nil
}

// listFormat is what one kind of list file holds: its columns when it is
// a CSV, and what a bare entry looks like when it has no header.
type listFormat struct {
	what     string   // "people list", for messages
	want     string   // what the file should hold, for a binary one
	columns  string   // the columns looked for, for messages
	headers  []string // the column names, lower case, best first
	bare     func(first string) bool
	bareWhat string // what bare accepts, for messages
}

// listUnreadable words the failure to open or read the list file at
// path: a folder is named as such, and a system call's failure keeps its
// reason without its own words ("read people list: open nosuch.txt: no
// such file or directory" reached the person as it was).
func listUnreadable(what, path string, err error) error {
	if fi, serr := os.Stat(path); serr == nil && fi.IsDir() {
		return fmt.Errorf("cannot read the %s %s: it is a folder, not a file", what, path)
	}
	return fmt.Errorf("cannot read the %s %s: %w", what, path, PathReason(err))
}

// readList reads the entries of a list file in format f, as
// ReadPeopleList describes, in file order.
func readList(path string, f listFormat) ([]string, error) {
	file, err := os.Open(path)
	if err != nil {
		return nil, listUnreadable(f.what, path, err)
	}
	defer file.Close()
	data, err := io.ReadAll(io.LimitReader(file, maxPeopleListBytes+1))
	if err != nil {
		return nil, listUnreadable(f.what, path, err)
	}
	if len(data) > maxPeopleListBytes {
		return nil, fmt.Errorf("read %s %s: larger than %d MB, not a %s", f.what, path, maxPeopleListBytes>>20, f.what)
	}
	text, err := decodeText(data, f.want)
	if err != nil {
		return nil, fmt.Errorf("read %s %s: %w", f.what, path, err)
	}
	var entries []string
	if strings.EqualFold(filepath.Ext(path), ".csv") || looksLikeHeader(text, f.headers) {
		entries, err = readListCSV(strings.NewReader(text), f)
	} else {
		entries, err = readPeopleLines(strings.NewReader(text))
	}
	if err == nil {
		for i, e := range entries {
			if !utf8.ValidString(e) {
				err = fmt.Errorf("entry %d (%q) is not UTF-8 text: save the list as UTF-8", i+1, e)
				break
			}
			if HoldsSecret(e) {
				// A file of shell lines given by mistake (photodesk
				// sandbox's sandbox.env): the token went to Graph as a
				// user id and into the report's id column, unredacted.
				err = fmt.Errorf("entry %d holds an access token or another secret, so the file is not a %s and nothing was sent", i+1, f.what)
				break
			}
		}
	}
	if err != nil {
		return nil, fmt.Errorf("read %s %s: %w", f.what, path, err)
	}
	return entries, nil
}

// decodeText turns UTF-16 with a byte order mark into UTF-8, drops a UTF-8
// BOM, and refuses binary data (a NUL byte is never in a text list).
func decodeText(data []byte, want string) (string, error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		data = data[3:]
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		data = decodeUTF16(data[2:], false)
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		data = decodeUTF16(data[2:], true)
	}
	if bytes.IndexByte(data, 0) >= 0 {
		return "", errors.New("not a text file (it holds binary data); want " + want)
	}
	return string(data), nil
}

// decodeUTF16 turns UTF-16 (without its BOM) into UTF-8.
func decodeUTF16(data []byte, bigEndian bool) []byte {
	units := make([]uint16, len(data)/2)
	for i := range units {
		if bigEndian {
			units[i] = uint16(data[2*i])<<8 | uint16(data[2*i+1])
		} else {
			units[i] = uint16(data[2*i]) | uint16(data[2*i+1])<<8
		}
	}
	return []byte(string(utf16.Decode(units)))
}

// looksLikeHeader reports whether the first line that is not blank or a
// comment is a CSV header naming one of headers: a list saved as .txt
// that is really a CSV, or a one-column list with its header kept.
func looksLikeHeader(text string, headers []string) bool {
	for line := range strings.Lines(text) {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		for field := range strings.FieldsFuncSeq(line, func(r rune) bool { return r == ',' || r == ';' || r == '\t' }) {
			if slices.Contains(headers, strings.ToLower(strings.Trim(strings.TrimSpace(field), `"`))) {
				return true
			}
		}
		return false
	}
	return false
}

func readPeopleLines(r io.Reader) ([]string, error) {
	var out []string
	sc := bufio.NewScanner(r)
	first := true
	for sc.Scan() {
		line := sc.Text()
		if first {
			line = strings.TrimPrefix(line, "\uFEFF")
			first = false
		}
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		out = append(out, line)
	}
	return out, sc.Err()
}

// readListCSV reads the column of a CSV list that f's headers name, or,
// without such a header, its first column when that holds what f.bare
// accepts.
func readListCSV(r io.Reader, f listFormat) ([]string, error) {
	br := bufio.NewReader(r)
	first, _ := br.Peek(4096)
	line, _, _ := strings.Cut(string(first), "\n")
	cr := csv.NewReader(br)
	switch {
	case strings.Contains(line, ","):
	case strings.Contains(line, ";"):
		cr.Comma = ';' // Excel's CSV in locales with a decimal comma
	case strings.Contains(line, "\t"):
		cr.Comma = '\t' // Excel's "Unicode text"
	}
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	col := -1
	for _, want := range f.headers {
		for i, h := range header {
			h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\uFEFF")))
			if h == want {
				col = i
				break
			}
		}
		if col >= 0 {
			break
		}
	}
	var out []string
	if col < 0 {
		// No header at all: a .csv of UPNs or ids, one a line (the first
		// column of an export with its header row deleted).
		first := strings.TrimSpace(strings.TrimPrefix(header[0], "\uFEFF"))
		if !f.bare(first) {
			return nil, fmt.Errorf("no %s column in header %q, and its first column is no %s", f.columns, header, f.bareWhat)
		}
		col = 0
		out = append(out, first)
	}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		if col < len(rec) {
			if v := strings.TrimSpace(rec[col]); v != "" {
				out = append(out, v)
			}
		}
	}
}

func dedupe(in []string) []string {
	seen := make(map[string]bool, len(in))
	out := in[:0]
	for _, s := range in {
		k := strings.ToLower(s)
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, s)
	}
	return out
}
