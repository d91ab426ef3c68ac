package views

import (
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
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

// metadataPanel lists what Graph said about the photo, each value with a
// copy button.
type metadataPanel struct {
	values  map[string]*widget.Label
	copies  map[string]*widget.Button
	content fyne.CanvasObject
	onCopy  func(what, text string) // puts text on the clipboard
}

func newMetadataPanel(onCopy func(what, text string)) *metadataPanel {
	m := &metadataPanel{
		values: map[string]*widget.Label{},
		copies: map[string]*widget.Button{},
		onCopy: onCopy,
	}
	grid := container.New(layout.NewFormLayout())
	for _, field := range metadataFields {
		value := widget.NewLabel("")
		value.Truncation = fyne.TextTruncateEllipsis
		value.Selectable = true
		copyButton := widget.NewButtonWithIcon("", theme.ContentCopyIcon(), func() {
			m.onCopy(field, value.Text)
		})
		copyButton.Importance = widget.LowImportance
		copyButton.Disable()
		m.values[field], m.copies[field] = value, copyButton
		key := widget.NewLabelWithStyle(field, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
		grid.Add(key)
		grid.Add(container.NewBorder(nil, nil, nil, copyButton, value))
	}
	heading := widget.NewLabelWithStyle("Photo details", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	m.content = container.NewBorder(heading, nil, nil, nil, container.NewVScroll(grid))
	return m
}

// show fills the panel from a result (a "no photo" result included: its
// request URL and id still matter for support).
func (m *metadataPanel) show(r *app.PhotoResult) {
	m.clear()
	if r.Meta != nil {
		m.set(fieldID, r.Meta.ID)
	}
	if !r.NoPhoto {
		m.set(fieldWidth, fmt.Sprint(r.Width))
		m.set(fieldHeight, fmt.Sprint(r.Height))
		m.set(fieldBytes, fmt.Sprint(len(r.Bytes)))
	}
	m.set(fieldContentType, r.ContentType)
	m.set(fieldETag, r.ETag)
	m.set(fieldFormat, r.Format)
	m.setAvailable(r.Available)
	m.set(fieldURL, r.URL)
	m.set(fieldRequestID, r.RequestID)
}

// setAvailable fills "Sizes available" compactly ("48, 64, 96, 120, 240"),
// since the panel is narrow; nil means not known yet.
func (m *metadataPanel) setAvailable(sizes []graphapi.Size) {
	if sizes == nil {
		m.set(fieldSizes, "")
		return
	}
	if len(sizes) == 0 {
		m.set(fieldSizes, "none")
		return
	}
	names := make([]string, len(sizes))
	for i, s := range sizes {
		names[i] = strings.TrimSuffix(strings.ToLower(string(s)), "x"+strconv.Itoa(s.Pixels()))
	}
	m.set(fieldSizes, strings.Join(names, ", "))
}

func (m *metadataPanel) clear() {
	for _, field := range metadataFields {
		m.set(field, "")
	}
}

func (m *metadataPanel) set(field, value string) {
	m.values[field].SetText(value)
	if value == "" {
		m.copies[field].Disable()
	} else {
		m.copies[field].Enable()
	}
}
