package cli

import (
	"context"
	"errors"
	"fmt"
	"image"
	"strings"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/app/change"

	"github.com/photodesk/photodesk/app/photoedit"
	"github.com/photodesk/photodesk/graphapi"
)

const setUsage = `usage: photodesk set TARGET --file PATH [--crop center|none] [--backup DIR]

Change a profile photo. The current photo is saved to the backups folder
first (and the change logged); without a backup nothing is changed.

` + changeTargetUsage + `
  --contact ID             one of my Outlook contacts
      [--folder ID]        ... in a contact folder
      [--of-user ID_OR_UPN] ... of another user's mailbox

Flags:
  --file PATH   the picture: JPEG, PNG, GIF, BMP or WebP (the file is only read)
  --crop center crop to the centred square and upload a JPEG of at most
                648x648, never enlarged, under 100 KB (default)
  --crop none   send the file as it is (JPEG or PNG only, at most 4 MB); a
                JPEG stored turned (EXIF orientation) is sent turned
                upright, re-encoded, since Graph ignores the orientation
  --backup DIR  backups and change log (default: Photo Desk's backups folder;
                with --sandbox, that sandbox's own folder under it, sandbox/RUN)

` + connUsage + `
Prints "backup: PATH" on stderr when the replaced photo was saved and the
change was made (or its answer never came); a refused change names none.
Exit codes: 0 done, 1 error (nothing changed, unless it says no answer came:
then the change may have gone through), 2 usage error.
`

func runSet(ctx context.Context, e *env, args []string) int {
	f := changeFlags{contactTarget: true}
	var file, crop string
	fs := newFlags("set")
	f.register(fs, true, true)
	fs.StringVar(&file, "file", "", "")
	fs.StringVar(&crop, "crop", "center", "")
	if code, done := parseFlags(fs, e, args, setUsage); done {
		return code
	}
	p, err := f.target(flagSet(fs))
	switch {
	case err != nil:
		return usageFail(e, "set", err)
	case file == "":
		return usageFail(e, "set", usagef("--file is required"))
	case crop != "center" && crop != "none":
		return usageFail(e, "set", usagef("--crop must be center or none, not %q", crop))
	}
	up, err := pictureToUpload(file, crop)
	if err != nil {
		return fail(e, "set", err)
	}
	for _, n := range up.notes {
		note(e.stderr, "set", "%s", n)
	}
	c, sess, err := f.changer(ctx, e, change.WritePermission(p))
	if err != nil {
		return fail(e, "set", err)
	}
	defer sess.close()
	if p.Kind == app.KindContact {
		// A contact that is not there reads as "no photo" (404
		// ErrorItemNotFound): a typo must not pass for a contact without one.
		if there, err := sess.client().ContactExists(ctx, p.Subject); err == nil && !there {
			return fail(e, "set", errNoSuchContact(p.Subject, "--of-user"))
		}
	}
	p = sess.named(ctx, e, "set", p)
	entry, err := c.Set(ctx, p, up.data, up.contentType)
	noteBackup(e, "set", entry, err)
	switch {
	case errors.Is(err, change.ErrNotLogged):
		note(e.stderr, "set", "%s", explainChange(e, err, p))
	case err != nil && up.asItIs && graphapi.IsInvalidPhoto(err):
		// "Try another file" alone hides the likely cause: the file went
		// as it is, often a camera's full size, and the fix is to let set
		// convert it.
		return failWith(e, "set", err, up.asItIsRefused(file))
	case err != nil:
		return changeFail(e, "set", p, entry, sess.groupInstead(ctx, p, err))
	}
	note(e.stderr, "set", "changed the photo of %s (%d bytes); other Microsoft 365 apps may take hours to show it", entry.Target.String(), len(up.data))
	if why := entry.WhyNotUndoable(); why != "" {
		note(e.stderr, "set", "photodesk undo cannot take it back: %s", why)
	}
	return ExitOK
}

// upload is what set sends, and what the person should hear about it.
type upload struct {
	data        []byte
	contentType string
	notes       []string    // how the picture was sent, when it is not what they might expect
	asItIs      bool        // --crop none: the file's bytes, not a 648x648 square
	size        image.Point // the upright picture's size, for messages
}

// asItIsRefused words Graph's 400 to a picture sent with --crop none:
// what was sent, and that letting set convert it is the way out. Graph's
// limit on dimensions is not documented, but camera-sized pictures are
// refused where a 648x648 JPEG is taken, so "try another file" would send
// the person looking for the wrong fix.
func (u *upload) asItIsRefused(file string) string {
	return fmt.Sprintf("Microsoft Graph did not take the picture: %s was sent as it is (--crop none), %dx%d pixels "+
		"(%.1f megapixels) in %s, and Graph refuses some large pictures. Leave out --crop none to send it as a "+
		"648x648 JPEG. Nothing was changed.",
		file, u.size.X, u.size.Y, float64(u.size.X*u.size.Y)/1e6, byteSize(len(u.data)))
}

// byteSize is n bytes for a person: "850 KB", "3.2 MB".
func byteSize(n int) string {
	if n < 1_000_000 {
		return fmt.Sprintf("%d KB", (n+999)/1000)
	}
	return fmt.Sprintf("%.1f MB", float64(n)/1e6)
}

// pictureToUpload reads file and makes what is sent: the centred square
// as a JPEG, or (crop none) the file itself when Graph takes it as is.
// Its errors start with words and name file after them: app.Friendly
// capitalises a message's first word, and a file name without an
// extension ("portraits", "img") looks like one.
func pictureToUpload(file, crop string) (*upload, error) {
	data, err := photoedit.ReadFile(file)
	if err != nil {
		return nil, err
	}
	src, err := photoedit.Load(data)
	if err != nil {
		return nil, fmt.Errorf("cannot use %s: %w", file, err)
	}
	var notes []string
	if src.Animated() {
		notes = append(notes, file+" is an animated GIF: only its first frame is used")
	}
	if crop == "none" {
		up, err := asItIs(file, data, src)
		if err != nil {
			return nil, err
		}
		up.notes = append(notes, up.notes...)
		return up, nil
	}
	prepared, err := photoedit.Prepare(src, photoedit.Edit{})
	if err != nil {
		return nil, err
	}
	return &upload{data: prepared.Bytes, contentType: prepared.ContentType, notes: notes, size: image.Pt(prepared.Width, prepared.Height)}, nil
}

// asItIs is --crop none: the file's own bytes when Graph can take them.
// A JPEG stored turned (EXIF orientation other than 1) is the exception:
// Graph strips metadata, so its bytes would show on their side; it is
// sent turned upright instead, re-encoded, and the person is told.
func asItIs(file string, data []byte, src *photoedit.Source) (*upload, error) {
	up := &upload{data: data, asItIs: true, size: src.Size()}
	if o := src.Orientation(); o != 1 {
		upright, err := photoedit.EncodeUpright(src, graphapi.MaxPhotoBytes)
		if err != nil {
			return nil, fmt.Errorf("cannot send %s as it is: it is stored turned (EXIF orientation %d), and upright it does not fit the 4 MB Microsoft Graph accepts; leave out --crop none to have it made smaller", file, o)
		}
		up.data, up.contentType = upright, "image/jpeg"
		up.notes = []string{fmt.Sprintf(
			"%s is stored turned (EXIF orientation %d), which Microsoft Graph ignores: sent turned upright, re-encoded as a %dx%d JPEG",
			file, o, src.Size().X, src.Size().Y)}
		return up, nil
	}
	if len(data) > graphapi.MaxPhotoBytes {
		return nil, fmt.Errorf("cannot send %s as it is: it is %d bytes, over the 4 MB Microsoft Graph accepts; leave out --crop none to have it made smaller", file, len(data))
	}
	switch src.Format() {
	case "jpeg":
		up.contentType = "image/jpeg"
		return up, nil
	case "png":
		up.contentType = "image/png"
		return up, nil
	}
	return nil, fmt.Errorf("cannot send %s as it is: it is %s, and --crop none sends JPEG or PNG files only; leave --crop out to convert it", file, strings.ToUpper(src.Format()))
}
