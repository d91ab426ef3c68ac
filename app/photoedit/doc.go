// Package photoedit is the pure image side of changing a profile photo:
// read a picture a person picked (JPEG, PNG, GIF, BMP or WebP), turn it
// upright from its EXIF orientation, let an editor rotate it and choose a
// square, preview that square at the sizes Teams and Outlook show, and
// re-encode it as the small square JPEG that Microsoft 365 accepts.
//
// It knows nothing of Graph, Fyne or files: bytes come in, pixels and
// bytes go out, and the bytes passed in are never changed, so "the
// original file untouched" holds whoever calls it. Every function is safe
// to call from any goroutine; a Source is never modified after Load.
package photoedit
