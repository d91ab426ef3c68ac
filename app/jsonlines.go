package app

import (
	"encoding/json"
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
	_, err = f.Write(append(line, '\n'))
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
