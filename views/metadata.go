package views

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/graphapi"
)

// The metadata fields, in the order shown. Request URL and request-id are
// what a support ticket to Microsoft needs.
const (
	fieldID          = "Photo id"
	fieldWidth       = "Width"
	fieldHeight      = "Height"
	fieldContentType = "Content type"
	fieldETag        = "ETag"
	fieldBytes       = "Byte size"
	fieldFormat      = "Format (sniffed)"
	fieldSizes       = "Sizes available"
	fieldURL         = "Request URL"
	fieldRequestID   = "Request id"
)

var metadataFields = []string{
	fieldID, fieldWidth, fieldHeight, fieldContentType, fieldETag,
	fieldBytes, fieldFormat, fieldSizes, fieldURL, fieldRequestID,
}

// absent stands for a value the answer did not have, so an empty cell is
// never mistaken for one still loading.
const absent = "—"

// metadataPanel lists what Graph said about the photo, each value with a
// copy button. Values wrap instead of being cut short: a request id or URL
// with an ellipsis is no use in a support ticket.
type metadataPanel struct {
	rows    *fyne.Container // name, value, copy button per field
	scroll  *container.Scroll
	names   map[string]*widget.Label
	values  map[string]*widget.Label
	copies  map[string]*widget.Button
	loose   []fyne.CanvasObject // names that set no column (metadataLayout.loose)
	content fyne.CanvasObject
	onCopy  func(what, text string) // puts text on the clipboard
	// photoW and photoH are the photo shown (0 when none), so an empty
	// size list can say the photo is Entra-only rather than "none" — unless
	// oneSize: a contact has one photo size wherever its photo lives.
	photoW, photoH int
	oneSize        bool
}

func newMetadataPanel(onCopy func(what, text string)) *metadataPanel {
	m := &metadataPanel{
		names:  map[string]*widget.Label{},
		values: map[string]*widget.Label{},
		copies: map[string]*widget.Button{},
		onCopy: onCopy,
	}
	// One container made with every field at once: added one by one,
	// each Add laid out and measured all the fields before it again,
	// 20 ms of the window's start.
	var objects []fyne.CanvasObject
	for _, field := range metadataFields {
		objects = append(objects, m.newField(field)...)
	}
	m.rows = container.New(&metadataLayout{loose: m.loose}, objects...)
	m.scroll = container.NewVScroll(m.rows)
	heading := widget.NewLabelWithStyle("Photo details", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	m.content = container.NewBorder(heading, nil, nil, nil, m.scroll)
	return m
}

// newField makes a field's name, its value and the value's copy button,
// in the order the layout places them.
func (m *metadataPanel) newField(field string) []fyne.CanvasObject {
	key := widget.NewLabelWithStyle(field, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	key.SizeName = theme.SizeNameCaptionText
	// A name over its value shares its line with the copy button, which
	// at the panel's least width leaves it less room than the names'
	// column: it wraps there ("Format" over "(sniffed)"), where it ran
	// under its copy icon.
	key.Wrapping = fyne.TextWrapWord
	if field == fieldURL || field == fieldRequestID {
		// Named "Metadata request URL" or "… id" at times, wider than
		// every other name: it sets neither the names' column nor the
		// panel's least width (which made the window grow by itself at its
		// smallest size).
		m.loose = append(m.loose, key)
	}
	value := widget.NewLabel("")
	value.Wrapping = fyne.TextWrapBreak // ids and URLs have no spaces to break at
	if field == fieldSizes {
		// A list of sizes (or a sentence) breaks between its words: broken
		// wherever a line ran out, "432, 504" read "432, 5" over "04".
		value.Wrapping = fyne.TextWrapWord
	}
	// Not selectable: a selectable label takes a Tab stop that shows no
	// focus, so every other Tab seemed to do nothing; its copy button
	// copies it whole.
	copyButton := widget.NewButtonWithIcon("", theme.ContentCopyIcon(), func() {
		m.onCopy("the "+fieldWords(m.names[field].Text), m.values[field].Text)
	})
	copyButton.Importance = widget.LowImportance
	m.names[field], m.values[field], m.copies[field] = key, value, copyButton
	return []fyne.CanvasObject{key, value, copyButton}
}

// relayout places the fields again after values changed: a longer value
// may move to its own line or wrap onto more.
func (m *metadataPanel) relayout() {
	m.rows.Refresh()
	m.scroll.Refresh()
}

// show fills the panel from a result, a "no photo" result included: its
// request URL and id matter as much to support as a photo's.
func (m *metadataPanel) show(r *app.PhotoResult) {
	m.markAbsent()
	m.photoW, m.photoH = 0, 0
	if !r.NoPhoto {
		m.photoW, m.photoH = r.Width, r.Height
	}
	m.oneSize = !hasHDSizes(r.Person)
	switch {
	case r.Meta != nil:
		m.set(fieldID, r.Meta.ID)
	case r.MetaErr != nil && !r.NoPhoto && !graphapi.IsPersonalAccountUnsupported(r.MetaErr):
		// The photo came but its metadata request failed (Graph busy):
		// a bare dash beside a photo read as "it has no id".
		m.explain(fieldID, "not read this time (Refresh asks Graph again)")
	}
	if !r.NoPhoto {
		m.set(fieldWidth, strconv.Itoa(r.Width))
		m.set(fieldHeight, strconv.Itoa(r.Height))
		m.set(fieldBytes, strconv.Itoa(len(r.Bytes)))
	}
	m.set(fieldContentType, r.ContentType)
	m.set(fieldETag, r.ETag)
	m.set(fieldFormat, r.Format)
	if r.NoPhoto {
		m.setAvailable([]graphapi.Size{})
	} else {
		m.setAvailable(r.Available)
	}
	m.showRequest(r)
	m.relayout()
}

// Names of the request fields when they show the metadata request rather
// than the photo's own.
const (
	fieldMetaURL       = "Metadata request URL"
	fieldMetaRequestID = "Metadata request id"
)

// showRequest fills the request URL and id: the photo's own request's,
// or, when its answer kept no request id (the results' avatars come in
// $batch envelopes, and a run before kept them so) but the metadata asked
// for since has one, that request's, named so — the one Copy as >
// Metadata JSON gives as metadataRequestId, where the panel said "none
// kept". URL and id are always of one request, as support reads them.
func (m *metadataPanel) showRequest(r *app.PhotoResult) {
	url, id := r.URL, r.RequestID
	meta := id == "" && r.Meta != nil && r.Meta.RequestID != ""
	if meta {
		url, id = r.Meta.URL, r.Meta.RequestID
	}
	m.nameRequest(meta)
	m.set(fieldURL, url)
	if id == "" {
		// Kept from an earlier answer that carried none of its own, with
		// no metadata asked for since: say how to get one, since support
		// asks for it.
		m.explain(fieldRequestID, "none kept (Refresh asks Graph again)")
		return
	}
	m.set(fieldRequestID, id)
}

// nameRequest names the request fields for the photo's own request, or
// for the metadata request (meta) when they show that one's.
func (m *metadataPanel) nameRequest(meta bool) {
	url, id := fieldURL, fieldRequestID
	if meta {
		url, id = fieldMetaURL, fieldMetaRequestID
	}
	m.rename(fieldURL, url)
	m.rename(fieldRequestID, id)
}

// rename shows field under name, when it is not already.
func (m *metadataPanel) rename(field, name string) {
	if m.names[field].Text != name {
		m.names[field].SetText(name)
	}
}

// showError fills in what a failed request still tells support: the URL
// and request-id of Graph's answer, when there was one.
func (m *metadataPanel) showError(err error) {
	m.markAbsent()
	m.nameRequest(false)
	var ge *graphapi.Error
	if errors.As(err, &ge) {
		m.set(fieldURL, ge.URL)
		m.set(fieldRequestID, ge.RequestID)
	}
	m.relayout()
}

// setAvailable fills "Sizes available" compactly ("48, 64, 96, 120, 240");
// nil means not known yet.
func (m *metadataPanel) setAvailable(sizes []graphapi.Size) {
	if sizes == nil {
		m.set(fieldSizes, "")
		return
	}
	if len(sizes) == 0 {
		if m.photoW > 0 {
			// A user's or group's photo with no HD sizes is kept in
			// Entra ID only; a contact's always has one size.
			text := entraOnlyText(m.photoW, m.photoH)
			if m.oneSize {
				text = fmt.Sprintf("One photo, %dx%d (a contact has one size)", m.photoW, m.photoH)
			}
			m.set(fieldSizes, text)
			m.relayout()
			return
		}
		m.set(fieldSizes, "none")
		return
	}
	names := make([]string, len(sizes))
	for i, s := range sizes {
		names[i] = strings.TrimSuffix(strings.ToLower(string(s)), "x"+strconv.Itoa(s.Pixels()))
	}
	m.set(fieldSizes, strings.Join(names, ", "))
	m.relayout()
}

// clear empties every field while an answer is on its way: nothing is
// known yet, not even what is absent.
func (m *metadataPanel) clear() {
	m.photoW, m.photoH, m.oneSize = 0, 0, false
	m.nameRequest(false)
	for _, field := range metadataFields {
		m.values[field].SetText("")
		m.copies[field].Disable()
	}
	m.relayout()
}

// markAbsent shows every field as absent, ahead of filling in an answer.
func (m *metadataPanel) markAbsent() {
	for _, field := range metadataFields {
		m.set(field, "")
	}
}

// explain fills a field with a note about its missing value, which there
// is nothing to copy of.
func (m *metadataPanel) explain(field, note string) {
	m.values[field].SetText(note)
	m.copies[field].Disable()
}

// set shows value, or the absent mark for "", whose copy button is off.
func (m *metadataPanel) set(field, value string) {
	if value == "" {
		m.values[field].SetText(absent)
		m.copies[field].Disable()
		return
	}
	m.values[field].SetText(value)
	m.copies[field].Enable()
}

// fieldWords is a field's name inside a sentence ("Copied the request
// id"): its first letter lower-cased, unless the name is an acronym's
// ("ETag").
func fieldWords(field string) string {
	r := []rune(field)
	if len(r) < 2 || unicode.IsUpper(r[1]) {
		return field
	}
	r[0] = unicode.ToLower(r[0])
	return string(r)
}
