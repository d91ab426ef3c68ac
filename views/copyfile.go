package views

import (
	"errors"
	"path/filepath"

	"github.com/photodesk/photodesk/internal/dragout"
)

// copyFileUnavailable is what Copy file says where the platform has no
// file clipboard Photo Desk speaks (macOS, or no X display), in the drag's
// words: the drag source is what puts the file on the clipboard.
const copyFileUnavailable = "Copying a photo as a file is not available here; use Save…, or Copy image."

// onCopyFile puts the photo on the system clipboard as a file — the file
// Save writes, in the drag's private folder — and as a picture, so that a
// paste in a file manager's folder copies the file and one in a mail
// attaches it. The file and the PNG are made off the UI goroutine; the
// clipboard is taken on it, where the platform answers the pastes (on
// Windows, OLE's clipboard runs on the window's thread).
func (m *mainWindow) onCopyFile() {
	r, ok := m.photoTo("copy")
	if !ok {
		return
	}
	if m.drags == nil {
		m.status.setActivity(copyFileUnavailable) // no folder for the file (logged at start)
		return
	}
	m.bg.run(func() {
		path, err := m.drags.Write(r)
		var png []byte
		if err == nil {
			png, err = r.PNG()
		}
		m.bg.do(func() {
			if err == nil {
				var src dragout.Source
				if src, err = m.dragSource(); err == nil {
					err = src.Copy(dragout.Item{
						File: func() (string, error) { return path, nil },
						PNG:  func() ([]byte, error) { return png, nil },
					})
				}
			}
			switch {
			case errors.Is(err, dragout.ErrUnsupported):
				m.status.setActivity(copyFileUnavailable)
			case err != nil:
				m.showError(err)
			default:
				m.status.setActivity("Copied " + photoWhat(r) + " as the file " + filepath.Base(path) + fallbackSaid(r))
			}
		})
	})
}
