package importer

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
)

// resumed is the journal's line for an item an earlier run sent: the
// same bytes to the same person. A file is read for its hash only when
// the journal sent that name to that person: a preview asks it of every
// file, and reading a whole folder again would be for nothing.
func resumed(prior map[sentKey]JournalLine, it *Item) (JournalLine, bool) {
	if len(prior) == 0 || it.User == nil || it.File.Problem != "" || !sentAs(prior, it.File.Name, it.User.ID) {
		return JournalLine{}, false
	}
	sum, err := fileSHA256(it.File.Path)
	if err != nil {
		return JournalLine{}, false
	}
	l, ok := prior[sentKey{it.File.Name, sum, it.User.ID}]
	return l, ok
}

// sentAs reports whether prior holds a line of file name sent to user.
func sentAs(prior map[sentKey]JournalLine, name, user string) bool {
	for k := range prior {
		if k.file == name && k.user == user {
			return true
		}
	}
	return false
}

// fileSHA256 is the hex SHA-256 of a file's bytes, read as a stream: the
// preview hashes every file of the folder, whatever their size.
func fileSHA256(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// ResumedItems is which items of p a resume by o would skip, by index: the
// journal lines show the same bytes sent to the same person and not
// undone. The preview counts them out of what Import will send.
func ResumedItems(p *Plan, lines []JournalLine, o Owner) map[int]bool {
	prior := sent(lines, o)
	out := map[int]bool{}
	for i, it := range p.Items {
		if _, ok := resumed(prior, it); ok {
			out[i] = true
		}
	}
	return out
}
