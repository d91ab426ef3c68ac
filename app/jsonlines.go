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
	// Read and write: writeLine reads the last byte to mend a torn line.
	f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_RDWR, 0o600)
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

// writeLine writes line and its newline in one Write, then syncs. When
// the file's last line was cut short (a crash or power loss mid-write), a
// newline goes first: run into the fragment, the new line would not
// decode either, and a log would lose it ("undone", "started").
func writeLine(w SyncWriter, line []byte) error {
	out := append(line, '\n')
	if endsTorn(w) {
		out = append([]byte{'\n'}, out...)
	}
	if _, err := w.Write(out); err != nil {
		return err
	}
	return w.Sync()
}

// endReader is a file whose last byte can be read; *os.File opened to
// read is one.
type endReader interface {
	io.ReaderAt
	Stat() (fs.FileInfo, error)
}

// endsTorn reports whether w is a file whose last byte is not a newline.
// A writer it cannot read counts as whole.
func endsTorn(w SyncWriter) bool {
	r, ok := w.(endReader)
	if !ok {
		return false
	}
	st, err := r.Stat()
	if err != nil || st.Size() == 0 {
		return false
	}
	var last [1]byte
	if _, err := r.ReadAt(last[:], st.Size()-1); err != nil {
		return false
	}
	return last[0] != '\n'
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
