// Package change is the one path every change to a photo takes — set,
// remove, undo (and bulk import, which runs it many times): read the
// current photo, write its backup and a change-log line first, then send
// the change to Graph, then drop the subject's cache. A failed backup
// means no change. Backups are never deleted here; the change log
// (changes.jsonl, JSON lines) lets the last change be undone, from the
// window or the command line. The package knows nothing of Fyne.
package change
