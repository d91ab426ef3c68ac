package app

import (
	"bufio"
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"os"
)

// AppendJSONLine appends v as one JSON line to the file at path (created,
// private to the user, if missing) and syncs it before returning: logs
// and journals that a crash must not lose (the change log, an import's
// journal) write the line before the work it announces is sent.
func AppendJSONLine(path string, v any) error {
	line, err := json.Marshal(v)
	if err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	err = writeLine(f, line)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// SyncWriter is a file a line is written to and then synced; *os.File is
// one.
type SyncWriter interface {
	io.Writer
	Sync() error
}

// WriteJSONLine writes v as one JSON line to w and syncs it before
// returning, as AppendJSONLine does, for a file its writer holds open
// (an import's journal, held under its lock): w must be positioned at the
// end, or opened to append.
func WriteJSONLine(w SyncWriter, v any) error {
	line, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return writeLine(w, line)
}

// writeLine writes line and its newline in one Write, then syncs.
func writeLine(w SyncWriter, line []byte) error {
	if _, err := w.Write(append(line, '\n')); err != nil {
		return err
	}
	return w.Sync()
}

// ReadJSONLines is every line of the file at path that decodes as a T and
// that keep accepts, oldest first. A line that does not decode (a crash
// mid-write) is skipped, so one damaged line cannot hide the rest; a
// missing file has no lines.
func ReadJSONLines[T any](path string, keep func(T) bool) ([]T, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []T
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for sc.Scan() {
		var v T
		if json.Unmarshal(sc.Bytes(), &v) == nil && keep(v) {
			out = append(out, v)
		}
	}
	return out, sc.Err()
}
