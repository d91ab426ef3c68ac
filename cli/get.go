package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"mime"
	"os"
	"path/filepath"
	"strings"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/graphapi"
)

const getUsage = `usage: photodesk get TARGET [--size S] [--meta] [-o FILE|-] [--force]

Fetch one profile photo through Microsoft Graph.

TARGET (one of):
  --me                     the signed-in user
  --user ID_OR_UPN         a user by object id or userPrincipalName (a mail
                           address that is no one's UPN, such as a guest's
                           own, finds its user by mail)
  --group ID               a Microsoft 365 group by object id (a GUID)
  --contact ID             one of my Outlook contacts
      [--folder ID]        ... in a contact folder
      [--user ID_OR_UPN]   ... of another user's mailbox

Flags:
  --size S     largest (default) or 48x48, 64x64, 96x96, 120x120, 240x240,
               360x360, 432x432, 504x504, 648x648; a size that was not
               uploaded falls back to the largest smaller one (said on stderr)
  --meta       print one JSON object on stdout: id, width, height,
               contentType, etag, requestedSize, servedSize (the
               pixel size served, such as 648x648 for largest)
  -o FILE      write the image to FILE ("-" = stdout, not a terminal; an
               existing folder gets <upn>_<W>x<H>.<ext>); without -o and --meta it is
               saved as <upn>_<W>x<H>.<ext> in this folder. An image
               extension of another format is corrected (x.png for a
               JPEG is saved as x.jpg, said on stderr)
  --force      replace the file written if it exists (never replaced
               otherwise; for -o x.png only the name the photo is saved
               under counts; that file, or <upn>_<W>x<H>.<ext> in a
               folder, is found before the photo is fetched)

` + connUsage + `
Exit codes: 0 done, 1 error (HTTP status, Graph code and request-id on
stderr), 2 usage error, 3 the subject has no photo (no file written).
`

// photoMeta is what --meta prints.
type photoMeta struct {
	ID            string `json:"id"`
	Width         int    `json:"width"`
	Height        int    `json:"height"`
	ContentType   string `json:"contentType"`
	ETag          string `json:"etag"`
	RequestedSize string `json:"requestedSize"`
	ServedSize    string `json:"servedSize"`
}

type getFlags struct {
	me                           bool
	user, group, contact, folder string
	size                         string
	meta, force                  bool
	out                          string
	conn                         connFlags
	// outTaken: -o names a file that exists, with an image extension, so
	// whether it is the file written depends on the photo's format
	// (checkTaken).
	outTaken bool
	// intoDir is the folder the photo goes into under its own name
	// (-o FOLDER, or this folder without -o and --meta); "" otherwise.
	intoDir string
}

func runGet(ctx context.Context, e *env, args []string) int {
	var f getFlags
	fs := newFlags("get")
	fs.BoolVar(&f.me, "me", false, "")
	fs.StringVar(&f.user, "user", "", "")
	fs.StringVar(&f.group, "group", "", "")
	fs.StringVar(&f.contact, "contact", "", "")
	fs.StringVar(&f.folder, "folder", "", "")
	fs.StringVar(&f.size, "size", "largest", "")
	fs.BoolVar(&f.meta, "meta", false, "")
	fs.StringVar(&f.out, "o", "", "")
	fs.BoolVar(&f.force, "force", false, "")
	f.conn.register(fs)
	if code, done := parseFlags(fs, e, args, getUsage); done {
		return code
	}
	person, size, err := f.target(flagSet(fs))
	if err != nil {
		return usageFail(e, "get", err)
	}
	if f.out == "-" && e.stdoutIsTerminal() {
		// A photo's bytes are the server's, unsanitised: on a terminal
		// they garble it, and a hostile answer's escape sequences reach
		// it, which every message is cleaned of (app.Sanitize).
		return usageFail(e, "get", usagef("-o - writes the image's bytes to stdout, which is a terminal here: redirect it (-o - > photo.jpg), pipe it, or give -o FILE"))
	}
	if err := f.checkOut(); err != nil {
		return fail(e, "get", err)
	}
	sess, err := f.conn.open(ctx, e)
	if err != nil {
		return fail(e, "get", err)
	}
	defer sess.close()
	if err := f.checkTaken(ctx, sess.client(), person, size); err != nil {
		return fail(e, "get", err)
	}

	res, err := sess.engine.Photo(ctx, person, size)
	if p, ok := byMailInstead(ctx, sess.engine, person, err); ok {
		note(e.stderr, "get", "%s is no one's UPN; it is the mail of %s (%s)", f.user, p.UPN, p.DisplayName)
		person = p
		res, err = sess.engine.Photo(ctx, person, size)
	}
	if err != nil {
		return fail(e, "get", sess.groupInstead(ctx, person, err))
	}
	if res.NoPhoto && person.Kind == app.KindContact {
		// A contact that is not there reads as "no photo" too (404
		// ErrorItemNotFound): a typo in --contact or --folder must not
		// pass for a contact without a photo.
		if there, err := sess.client().ContactExists(ctx, person.Subject); err == nil && !there {
			return fail(e, "get", errNoSuchContact(person.Subject, "--user"))
		}
	}
	if res.NoPhoto {
		why := ""
		if res.NoPhotoReason != app.ReasonNoPhoto {
			why = " (" + res.NoPhotoReason + ")"
		}
		note(e.stderr, "get", "%s has no photo%s; nothing written", person, why)
		return ExitNoPhoto
	}
	if n := res.FallbackNote(); n != "" {
		note(e.stderr, "get", "%s", n)
	}
	// Metadata Graph could not give (a truncated or garbled answer) is an
	// error, not a line of empty fields — and is found before the file is
	// written, so a failed run leaves nothing a retry would have to --force
	// over. Personal accounts, for which Graph has no metadata at all, keep
	// their answer.
	if f.meta && res.Meta == nil && res.MetaErr != nil && !graphapi.IsPersonalAccountUnsupported(res.MetaErr) {
		return fail(e, "get", fmt.Errorf("read the photo's metadata: %w", res.MetaErr))
	}
	if err := f.write(e, res); err != nil {
		return fail(e, "get", err)
	}
	if f.meta {
		m := photoMeta{
			Width: res.Width, Height: res.Height, ContentType: res.ContentType, ETag: res.ETag,
			RequestedSize: app.SizeName(res.Requested), ServedSize: res.ServedSizeName(),
		}
		if res.Meta != nil {
			m.ID = res.Meta.ID
			if m.ContentType == "" {
				m.ContentType = res.Meta.ContentType
			}
		}
		enc := json.NewEncoder(e.stdout)
		if err := enc.Encode(m); err != nil {
			return fail(e, "get", err)
		}
	}
	return ExitOK
}

// target turns the TARGET flags into a person and the size flag into a
// size, or a usage error.
func (f *getFlags) target(set map[string]bool) (app.Person, graphapi.Size, error) {
	if set["size"] && strings.TrimSpace(f.size) == "" {
		return app.Person{}, "", usagef("--size needs a size: largest or one of 48x48 ... 648x648")
	}
	size, err := graphapi.ParseSize(f.size)
	if err != nil {
		return app.Person{}, "", usagef("--size: %v", err)
	}
	if f.out == "-" && f.meta {
		return app.Person{}, "", usagef("-o - and --meta would both write to stdout; pick one")
	}
	if err := noTarget(set, "me", "user", "group", "contact"); err != nil {
		return app.Person{}, "", err
	}
	if set["contact"] {
		if set["me"] || set["group"] {
			return app.Person{}, "", usagef("--contact goes with --folder and --user only")
		}
		if f.contact == "" {
			return app.Person{}, "", usagef("--contact needs an id")
		}
		f.conn.sharedContacts = f.user != ""
		subj := graphapi.Contact(f.contact).InFolder(f.folder).OfUser(f.user)
		return app.Person{Subject: subj, Kind: app.KindContact, ID: f.contact}, size, nil
	}
	if set["folder"] {
		return app.Person{}, "", usagef("--folder needs --contact")
	}
	if err := exactlyOne(set, "me", "user", "group"); err != nil {
		return app.Person{}, "", err
	}
	switch {
	case f.me:
		return app.Person{Subject: graphapi.Me(), Kind: app.KindUser}, size, nil
	case set["group"]:
		p, err := groupTarget(f.group)
		return p, size, err
	}
	if f.user == "" {
		return app.Person{}, "", usagef("--user needs an id or UPN")
	}
	p := app.Person{Subject: graphapi.User(f.user), Kind: app.KindUser, ID: f.user}
	if strings.Contains(f.user, "@") {
		p.UPN = f.user
	}
	return p, size, nil
}

// checkOut finds out before anything is fetched whether -o can be
// written: its folder must exist, and a file there needs --force. A
// folder (or a path ending in a separator) receives the photo under the
// name it would get without -o.
func (f *getFlags) checkOut() error {
	switch {
	case f.out == "" && !f.meta:
		f.intoDir = "."
		return nil
	case f.out == "" || f.out == "-":
		return nil
	case isDir(f.out):
		f.intoDir = f.out
		return app.CheckWritable(f.out)
	}
	if err := app.NotAFile(f.out); err != nil {
		return fmt.Errorf("%w (-o - writes the photo to stdout)", err)
	}
	if strings.HasSuffix(f.out, "/") || strings.HasSuffix(f.out, string(filepath.Separator)) {
		if file := app.FileOnPath(f.out); file != "" {
			return fmt.Errorf("cannot write into %s: %s is a file, not a folder", f.out, file)
		}
		return fmt.Errorf("cannot write into %s: the folder does not exist", f.out)
	}
	if n := len(filepath.Base(f.out)); n > maxNameBytes {
		// Found here, not by the rename after the download ("file name
		// too long"), as the rest of -o is.
		return fmt.Errorf("cannot write %s: its name is %d bytes long, and file systems take at most %d", f.out, n, maxNameBytes)
	}
	dir := filepath.Dir(f.out)
	if !isDir(dir) {
		if file := app.FileOnPath(dir); file != "" {
			// Not "does not exist": the person can see it there.
			return fmt.Errorf("cannot write %s: %s is a file, not a folder", f.out, file)
		}
		return fmt.Errorf("cannot write %s: the folder %s does not exist", f.out, dir)
	}
	if _, err := os.Lstat(f.out); err == nil && !f.force {
		if !app.IsImageExtension(filepath.Ext(f.out)) {
			return errExists(f.out)
		}
		f.outTaken = true
	}
	return app.CheckWritable(dir)
}

// checkTaken finds out, before the photo is fetched, whether the file it
// would be written to exists, so that a refusal costs no download. The
// photo's metadata, without its bytes, names what destination needs: its
// format, and for a folder its pixel size too (<upn>_<W>x<H>.<ext>). After
// the fetch the bytes decide, and the save refuses a file that exists all
// the same.
//
// An -o name that exists is the file written only when the photo is in
// the format its extension names, else the name with the photo's extension
// is written (destination), and that one must not exist; when the
// metadata cannot name the format, the name as typed counts as taken. A
// folder is looked at only when it holds a file named for the person, and
// a size that was not uploaded is left to the fetch, which finds the
// smaller one served instead.
//
// A subject with no photo there to name is left to the fetch: someone
// without a photo (a 404, the 1x1 placeholder, no mailbox) has no file
// written at all and must exit 3, and a guest given by their own mail is
// no one's UPN until the fetch finds them by it; refusing here told both
// that a file would be replaced ("pass --force") when none would be.
func (f *getFlags) checkTaken(ctx context.Context, c *graphapi.Client, p app.Person, size graphapi.Size) error {
	asked := graphapi.SizeLargest // for a file, any size names the format
	switch {
	case f.outTaken:
	case f.intoDir != "" && !f.force && holdsNameOf(f.intoDir, p):
		if p.Subject.SupportsSizes() {
			asked = size // the name holds the size served
		}
	default:
		return nil
	}
	meta, err := c.PhotoMeta(ctx, p.Subject, asked)
	switch {
	case graphapi.IsNoPhoto(err) || graphapi.IsNotFound(err) || graphapi.IsNoMailbox(err):
		return nil
	case err == nil && meta.Width == 1 && meta.Height == 1:
		return nil
	case err != nil || photoFormatOf(meta.ContentType) == "":
		if f.outTaken {
			return errExists(f.out)
		}
		return nil // no name to look for: the save still refuses one that exists
	}
	path, _ := f.destination(app.PhotoFileName(p, photoFormatOf(meta.ContentType), meta.Width, meta.Height))
	if _, err := os.Lstat(path); err == nil {
		return errExists(path)
	}
	return nil
}

// holdsNameOf reports whether dir holds a file whose name starts as p's
// photo files do ("<upn>_"), case aside as Windows and macOS see it: only
// then is the photo's metadata worth a request before the fetch.
func holdsNameOf(dir string, p app.Person) bool {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return false // the save finds out
	}
	prefix := p.FileStem() + "_"
	for _, e := range entries {
		if n := e.Name(); len(n) >= len(prefix) && strings.EqualFold(n[:len(prefix)], prefix) {
			return true
		}
	}
	return false
}

// photoFormatOf is the format (as app.PhotoFileName takes it) of a photo
// of Content-Type ct, or "" for a type Graph does not send for photos.
// Graph's types vary in case ("image/Jpeg") and name JPEG two ways.
func photoFormatOf(ct string) string {
	mt, _, _ := mime.ParseMediaType(ct)
	switch mt {
	case "image/jpeg", "image/pjpeg":
		return "jpeg"
	case "image/png":
		return "png"
	case "image/gif":
		return "gif"
	}
	return ""
}

// errExists refuses to replace path, which exists. Words come before the
// name, which a message starting with it would capitalise ("Photo exists"
// for -o photo: another file; app.Friendly cannot tell such a name from a
// word).
func errExists(path string) error {
	return fmt.Errorf("the file %s exists; pass --force to replace it", path)
}

// maxNameBytes is the longest file name -o takes: NAME_MAX of ext4, APFS
// and most other file systems (NTFS counts 255 UTF-16 units, which a
// name of 255 bytes never exceeds).
const maxNameBytes = 255

// destination is the file a photo whose own name is suggested goes to:
// into the folder -o names (or this one, without -o) under that name, else
// -o with an image extension of another format corrected (corrected) —
// JPEG bytes under "x.png" or "x.tiff" are refused by viewers that trust
// the name — by the window's Save's rule; other names are kept as typed,
// so a script that asks for "photo" or "photo.bin" gets that file. One
// rule for the check before the fetch (checkTaken) and the save (write).
func (f *getFlags) destination(suggested string) (path string, corrected bool) {
	switch {
	case f.out == "":
		return suggested, false
	case isDir(f.out):
		return filepath.Join(f.out, suggested), false
	}
	return app.CorrectImageExtension(f.out, suggested)
}

// write puts the image where -o says: stdout, FILE (never replacing it
// without --force), into a folder, or the suggested name when neither -o
// nor --meta was given.
func (f *getFlags) write(e *env, res *app.PhotoResult) error {
	switch {
	case f.out == "-":
		_, err := e.stdout.Write(res.Bytes)
		return err
	case f.out == "" && f.meta:
		return nil
	}
	path, corrected := f.destination(res.SuggestedFileName())
	if corrected {
		note(e.stderr, "get", "the photo is a %s, not what %s says: saving it as %s",
			strings.ToUpper(res.Format), filepath.Ext(f.out), path)
	}
	if err := app.SaveAtomic(path, res.Bytes, f.force); err != nil {
		if errors.Is(err, app.ErrExists) {
			return errExists(path)
		}
		return err
	}
	note(e.stderr, "get", "saved %s (%dx%d %s)", path, res.Width, res.Height, res.Format)
	return nil
}

// errNoSuchContact says that the contact s names is not there, naming the
// flags that say which: ownerFlag is the command's flag for another user's
// mailbox (--user for get, --of-user for set, whose --user is a user).
func errNoSuchContact(s graphapi.Subject, ownerFlag string) error {
	return fmt.Errorf("there is no %s: check --contact and --folder (and %s for another mailbox)", s, ownerFlag)
}
