package dragout

import (
	"net/url"
	"path/filepath"
	"strings"
)

// fileURI is the file:// URI of an absolute path, escaped as RFC 8089 and
// text/uri-list want (spaces, '#', non-ASCII as %XX).
func fileURI(path string) string {
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // C:/x on Windows
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}
