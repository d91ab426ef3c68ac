package app

import (
	"path/filepath"
	"strings"
)

// imageExtensionFormats maps the image extensions a typed file name may
// end in to the format each names. It holds every picture format a
// helpdesk person might type — also those Photo Desk never saves (BMP,
// WebP, HEIC, TIFF) — since JPEG bytes under any of them are refused by
// the viewers that trust the name.
var imageExtensionFormats = map[string]string{
	".jpg": "jpeg", ".jpeg": "jpeg", ".jfif": "jpeg",
	".png": "png", ".gif": "gif", ".bmp": "bmp", ".webp": "webp",
	".heic": "heif", ".heif": "heif", ".tif": "tiff", ".tiff": "tiff",
}

// IsImageExtension reports whether ext (".JPG", ".tiff") names a picture
// format, in any case.
func IsImageExtension(ext string) bool {
	_, ok := imageExtensionFormats[strings.ToLower(ext)]
	return ok
}

// CorrectImageExtension is name with its extension changed to that of
// suggested (the name Photo Desk gives the photo) when it is an image
// extension of another format, and whether it changed: "ann.png" or
// "ann.tiff" for a JPEG becomes "ann.jpg", while "ann.jpeg", "ann.JFIF"
// and a name without an image extension are kept. The window's Save and
// the command line's get -o both correct names with it, so they agree.
func CorrectImageExtension(name, suggested string) (_ string, changed bool) {
	ext, want := filepath.Ext(name), filepath.Ext(suggested)
	format, isImage := imageExtensionFormats[strings.ToLower(ext)]
	if !isImage || want == "" || format == imageExtensionFormats[strings.ToLower(want)] {
		return name, false
	}
	return strings.TrimSuffix(name, ext) + want, true
}
