package app

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// ReadPeopleList reads the ids or UPNs of a people list dropped on the
// window or passed to export --users-file. A .csv file needs a header row
// with a userPrincipalName or id column (userPrincipalName wins; Entra ID's
// own user export has both; Excel's semicolon-separated CSV is read too);
// any other file is one entry a line, with blank
// lines and lines starting with '#' skipped. Entries are returned in file
// order, each once (UPNs compare case-insensitively).
func ReadPeopleList(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read people list: %w", err)
	}
	defer f.Close()
	var entries []string
	if strings.EqualFold(filepath.Ext(path), ".csv") {
		entries, err = readPeopleCSV(f)
	} else {
		entries, err = readPeopleLines(f)
	}
	if err != nil {
		return nil, fmt.Errorf("read people list %s: %w", path, err)
	}
	return dedupe(entries), nil
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

func readPeopleCSV(r io.Reader) ([]string, error) {
	br := bufio.NewReader(r)
	first, _ := br.Peek(4096)
	line, _, _ := strings.Cut(string(first), "\n")
	cr := csv.NewReader(br)
	if strings.Contains(line, ";") && !strings.Contains(line, ",") {
		cr.Comma = ';' // Excel's CSV in locales with a decimal comma
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
	for _, want := range []string{"userprincipalname", "upn", "id", "objectid"} {
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
	if col < 0 {
		return nil, fmt.Errorf("no userPrincipalName or id column in header %q", header)
	}
	var out []string
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
