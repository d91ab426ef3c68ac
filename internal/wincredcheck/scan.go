package main

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// maxScanFile skips files no token store would be (the exe itself is ~50 MB).
const maxScanFile = 128 << 20

// scanResult is what a scan read and where it found a needle.
type scanResult struct {
	files int
	bytes int64
	found []string
}

// scanDir searches every regular file under dir modified at or after since
// (zero: every file) for any needle. Only what was written since the prefix
// was made can hold a token, and Wine's own 700 MB of DLLs are not worth
// reading each run. Links are not followed, and a Wine prefix's dosdevices
// (drive letters, z: being /) is skipped, so the scan stays inside the prefix.
func scanDir(dir string, since time.Time, needles []string) (scanResult, error) {
	var res scanResult
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if d.Name() == "dosdevices" {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() {
			return nil
		}
		info, err := d.Info()
		if err != nil || info.Size() > maxScanFile || info.ModTime().Before(since) {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		res.files++
		res.bytes += int64(len(data))
		for _, n := range needles {
			if bytes.Contains(data, []byte(n)) {
				res.found = append(res.found, path)
				break
			}
		}
		return nil
	})
	return res, err
}
