package change

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image"
	_ "image/gif" // backups name GIF photos by their size
	_ "image/jpeg"
	_ "image/png"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/graphapi"
)

// backupMeta is the sidecar written next to a backup: what the photo was.
type backupMeta struct {
	Time        time.Time `json:"time"`
	Target      Target    `json:"target"`
	ETag        string    `json:"etag,omitempty"`
	ContentType string    `json:"contentType"`
	Width       int       `json:"width"`
	Height      int       `json:"height"`
	RequestID   string    `json:"requestId,omitempty"`
}

// backupPerm is a backup's permissions, its photo's and its metadata's:
// its owner's only, like the change log beside it, since the backups
// folder may be one the user chose (--backup DIR) that others can read.
const backupPerm = 0o600

// writeBackup saves the photo as Graph holds it — its raw bytes, never
// decoded, so even a damaged photo is kept — and its metadata in dir,
// named by time and person so the folder reads as a history, and returns
// the photo's path. Neither file is ever overwritten.
func writeBackup(dir string, photo *graphapi.Photo, t Target, now time.Time) (string, error) {
	format, width, height := describeBytes(photo.Bytes)
	path := filepath.Join(dir, now.UTC().Format("20060102-150405.000")+"_"+backupName(t, format, width, height))
	if err := app.SaveAtomicMode(path, photo.Bytes, false, backupPerm); err != nil {
		return "", fmt.Errorf("backup: %w", err)
	}
	meta, err := json.MarshalIndent(backupMeta{
		Time: now, Target: t, ETag: photo.ETag, ContentType: contentTypeOf(format),
		Width: width, Height: height, RequestID: photo.RequestID,
	}, "", "  ")
	if err == nil {
		err = app.SaveAtomicMode(path+".json", meta, false, backupPerm)
	}
	if err != nil {
		return "", fmt.Errorf("backup: %w", err)
	}
	return path, nil
}

// backupName is the file name of a backup of photo, t's: named from the
// change log's target, never from the person as the caller looked them
// up, so that every backup of one subject — set, remove, undo, import —
// has one name (a group looked up has its mail; the one an undo reads
// back from the log had only its name, and its backups were named "Sales"
// beside set's "sales@…").
func backupName(t Target, format string, width, height int) string {
	p := t.named()
	if t.Kind == "me" {
		p.Subject = graphapi.Me() // named "me" when it has no other name
	}
	if width == 0 {
		return app.UnsizedPhotoFileName(p, format)
	}
	return app.PhotoFileName(p, format, width, height)
}

// describeBytes is the format and size an image's header gives, without
// decoding it; width 0 when the header cannot be read.
func describeBytes(data []byte) (format string, width, height int) {
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return sniff(data), 0, 0
	}
	return format, cfg.Width, cfg.Height
}

// readBackup is a backup's bytes and the content type to upload them with.
func readBackup(path string) ([]byte, string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, "", fmt.Errorf("backup: %w", err)
	}
	var meta backupMeta
	if raw, err := os.ReadFile(path + ".json"); err == nil && json.Unmarshal(raw, &meta) == nil && meta.ContentType != "" {
		return data, meta.ContentType, nil
	}
	return data, contentTypeOf(sniff(data)), nil
}

// contentTypeOf is the upload Content-Type for a sniffed format: Graph
// takes JPEG and PNG; anything else is sent as JPEG, which Graph re-encodes
// to anyway.
func contentTypeOf(format string) string {
	if format == "png" {
		return "image/png"
	}
	return "image/jpeg"
}

// sniff names the format of image bytes: "png", else "jpeg".
func sniff(data []byte) string {
	if strings.HasPrefix(string(data), "\x89PNG") {
		return "png"
	}
	return "jpeg"
}
