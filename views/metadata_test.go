package views

import (
	"encoding/json"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/graphapi"
	"github.com/photodesk/photodesk/graphapi/sandbox"
)

// A long value wraps onto more lines instead of ending in an ellipsis: the
// whole request id and URL must be readable for a support ticket.
func TestMetadataLongValuesWrap(t *testing.T) {
	test.NewTempApp(t)
	m := newMetadataPanel(func(string, string) {})
	w := test.NewTempWindow(t, m.content)
	w.Resize(fyne.NewSize(260, 700))
	short := m.values[fieldWidth]
	m.set(fieldWidth, "648")
	url := "http://127.0.0.1:41235/v1.0/users/0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9/photos/648x648/$value"
	m.set(fieldURL, url)
	w.Content().Refresh()
	long := m.values[fieldURL]
	if long.Text != url {
		t.Fatalf("URL shown as %q, want it whole", long.Text)
	}
	if long.Size().Width > 260 {
		t.Errorf("URL is %v wide in a 260 wide panel", long.Size().Width)
	}
	if long.Size().Height < 2*short.Size().Height {
		t.Errorf("URL is %v high, a one-line value %v: want it wrapped over lines", long.Size().Height, short.Size().Height)
	}
}

func TestMetadataForFailedLoadNamesTheAnswer(t *testing.T) {
	h := newHarnessWith(t, harnessOptions{retry: graphapi.RetryPolicy{MaxAttempts: 1}})
	h.waitResults()
	h.waitIdle()
	adele := h.tenant.Dir.Examples().FullHD
	h.tenant.SetFaults(sandbox.Faults{UnavailableRate: 1})
	h.m.sidebar.list.Select(h.resultIndex(adele.UserPrincipalName))
	h.waitFor("the error message", func() bool { return h.m.viewer.message.Visible() && h.m.viewer.title.Text == adele.DisplayName })
	h.tenant.SetFaults(sandbox.Faults{})
	meta := h.m.meta
	if url := meta.text(fieldURL); !strings.Contains(url, adele.ID) || !strings.Contains(url, "/photo") {
		t.Errorf("request URL %q, want the failed photo request", url)
	}
	if meta.text(fieldRequestID) == "" || meta.copies[fieldRequestID].Disabled() {
		t.Error("no copyable request id for the failed request")
	}
	if got := meta.values[fieldWidth].Text; got != absent {
		t.Errorf("width = %q, want %q", got, absent)
	}
	if !meta.copies[fieldWidth].Disabled() {
		t.Error("an absent value can be copied")
	}
}

// text is a field's value, "" when absent or not known yet.
func (m *metadataPanel) text(field string) string {
	if t := m.values[field].Text; t != absent {
		return t
	}
	return ""
}

// An empty size list next to a photo says Entra-only for a user, but a
// contact's photo has one size wherever it lives: never "stored in Entra
// ID", which would go onto a support ticket wrong.
func TestMetadataSizesOfAContactPhoto(t *testing.T) {
	test.NewTempApp(t)
	m := newMetadataPanel(func(string, string) {})
	for _, c := range []struct {
		person app.Person
		want   string
	}{
		{app.PersonFromContact(graphapi.ContactInfo{ID: "c1", DisplayName: "Ann"}, ""), "a contact has one size"},
		{app.PersonFromUser(graphapi.UserInfo{ID: "u1", DisplayName: "Bo"}), "stored in Entra ID"},
	} {
		m.show(&app.PhotoResult{Person: c.person, Width: 96, Height: 96, Available: []graphapi.Size{}})
		if got := m.text(fieldSizes); !strings.Contains(got, c.want) || !strings.Contains(got, "96x96") {
			t.Errorf("%s: sizes %q, want the 96x96 photo and %q", c.person.DisplayName, got, c.want)
		}
	}
}

// A photo kept from an answer that carried no request id of its own (the
// results' avatars come in $batch envelopes) says how to get one, for the
// support ticket that asks for it, with nothing to copy.
func TestMetadataWithoutRequestIDSaysHowToGetOne(t *testing.T) {
	test.NewTempApp(t)
	m := newMetadataPanel(func(string, string) {})
	m.show(&app.PhotoResult{Person: app.Person{Kind: app.KindUser}, Width: 48, Height: 48, Format: "jpeg", URL: "http://graph/v1.0/users/x/photos/48x48/$value", FromCache: true})
	if got := m.values[fieldRequestID].Text; !strings.Contains(got, "Refresh") || !m.copies[fieldRequestID].Disabled() {
		t.Errorf("request id %q (copy disabled %v): want how to get one, nothing to copy", got, m.copies[fieldRequestID].Disabled())
	}
	m.show(&app.PhotoResult{Person: app.Person{Kind: app.KindUser}, Width: 48, Height: 48, Format: "jpeg", RequestID: "3a94e5e8"})
	if got := m.values[fieldRequestID].Text; got != "3a94e5e8" || m.copies[fieldRequestID].Disabled() {
		t.Errorf("request id %q: want the answer's, copyable", got)
	}
}

// A photo whose bytes came from an avatar's $batch (no request id kept)
// but whose metadata was asked for since — Lynne Robbins's Entra-only
// photo at 48x48, on a run after her avatar was kept on disk — shows the
// metadata request's URL and id, named so, as Copy as > Metadata JSON
// gives them; the panel said "none kept" while the JSON had an id. A
// photo with its own request id shows that, under the usual names.
func TestMetadataShowsTheMetadataRequestWhenThePhotosHasNoID(t *testing.T) {
	test.NewTempApp(t)
	var copied string
	m := newMetadataPanel(func(_, text string) { copied = text })
	r := &app.PhotoResult{
		Person: app.Person{Kind: app.KindUser, Subject: graphapi.User("u1")}, Requested: "48x48", Served: graphapi.SizeLargest,
		Width: 400, Height: 300, Format: "jpeg", FromCache: true, URL: "/users/u1/photos/48x48/$value",
		Meta: &graphapi.PhotoMeta{ID: "default", RequestID: "4ed45845", URL: "http://graph/v1.0/users/u1/photo"},
	}
	m.show(r)
	var js struct{ MetadataURL, MetadataRequestID string }
	data, err := r.MetadataJSON()
	if err != nil || json.Unmarshal(data, &js) != nil {
		t.Fatalf("metadata JSON: %v", err)
	}
	if m.names[fieldRequestID].Text != "Metadata request id" || m.text(fieldRequestID) != js.MetadataRequestID || m.copies[fieldRequestID].Disabled() {
		t.Errorf("%s = %q (copy off %v); want the metadata request's id %q, as the JSON has it, named so",
			m.names[fieldRequestID].Text, m.text(fieldRequestID), m.copies[fieldRequestID].Disabled(), js.MetadataRequestID)
	}
	if m.names[fieldURL].Text != "Metadata request URL" || m.text(fieldURL) != js.MetadataURL || js.MetadataURL == "" {
		t.Errorf("%s = %q; want that request's URL %q, named so", m.names[fieldURL].Text, m.text(fieldURL), js.MetadataURL)
	}
	test.Tap(m.copies[fieldRequestID])
	if copied != "4ed45845" {
		t.Errorf("copied %q, want the id alone", copied)
	}
	m.show(&app.PhotoResult{Person: r.Person, Width: 48, Height: 48, Format: "jpeg", RequestID: "3a94e5e8", URL: "http://graph/v1.0/users/u1/photos/48x48/$value", Meta: r.Meta})
	if m.names[fieldRequestID].Text != fieldRequestID || m.text(fieldRequestID) != "3a94e5e8" || m.names[fieldURL].Text != fieldURL {
		t.Errorf("%s = %q, %s: want the photo's own request under the usual names", m.names[fieldRequestID].Text, m.text(fieldRequestID), m.names[fieldURL].Text)
	}
}

// A photo whose bytes came while its metadata request failed (Graph busy:
// a 503 under PHOTODESK_SANDBOX_FAULTS) showed "Photo id —" beside the
// photo, as if it had none; it says the id was not read and how to get
// it. A personal account, whose metadata Graph never gives, keeps the
// plain mark.
func TestMetadataSaysWhenThePhotoIDWasNotRead(t *testing.T) {
	test.NewTempApp(t)
	m := newMetadataPanel(func(string, string) {})
	busy := &graphapi.Error{Status: 503, Code: "serviceNotAvailable", Message: "Service unavailable"}
	m.show(&app.PhotoResult{Person: app.Person{Kind: app.KindUser}, Width: 504, Height: 504, Format: "jpeg", RequestID: "3a94e5e8", MetaErr: busy})
	if got := m.values[fieldID].Text; !strings.Contains(got, "not read") || !strings.Contains(got, "Refresh") || !m.copies[fieldID].Disabled() {
		t.Errorf("photo id %q (copy disabled %v): want it said it was not read, and how to read it", got, m.copies[fieldID].Disabled())
	}
	personal := &graphapi.Error{Status: 404, Code: "ConsumerPhotoIsNotSupported"}
	m.show(&app.PhotoResult{Person: app.Person{Kind: app.KindUser}, Width: 96, Height: 96, Format: "jpeg", RequestID: "3a94e5e8", MetaErr: personal})
	if got := m.values[fieldID].Text; got != absent {
		t.Errorf("photo id of a personal account's photo %q, want %q", got, absent)
	}
}

// Showing a photo whose details name the metadata request ("Metadata request
// URL", wider than every other name) leaves the panel's least width, and so
// the window's, as it was: at the window's smallest size showing such a photo
// (a 48x48 kept from the results' avatars, Helpdesk Demo's) made the window
// grow by itself from 886 to 920 wide, past what a 1366x768 laptop at 150 %
// has room for. The longer name wraps when the panel is narrow, shown whole,
// and the values' column stays where it was.
func TestMetadataRequestNamesDoNotWidenThePanel(t *testing.T) {
	test.NewTempApp(t)
	m := newMetadataPanel(func(string, string) {})
	w := test.NewTempWindow(t, m.content)
	p := app.Person{Kind: app.KindUser, Subject: graphapi.User("u1")}
	meta := &graphapi.PhotoMeta{ID: "48X48", RequestID: "4ed45845-6d93-4d97-bc99-1f45269926ee", URL: "http://graph/v1.0/users/u1/photos/48x48"}
	m.show(&app.PhotoResult{Person: p, Width: 48, Height: 48, Format: "jpeg", RequestID: "3a94e5e8-6d93-4d97-bc99-1f45269926ee", URL: "http://graph/v1.0/users/u1/photos/48x48/$value", Meta: meta})
	w.Resize(m.content.MinSize().Max(fyne.NewSize(0, 700)))
	w.Content().Refresh()
	least, valuesAt := m.content.MinSize(), m.values[fieldWidth].Position().X
	m.show(&app.PhotoResult{Person: p, Requested: "48x48", Width: 48, Height: 48, Format: "jpeg", FromCache: true, URL: "/users/u1/photos/48x48/$value", Meta: meta})
	w.Content().Refresh()
	if m.names[fieldURL].Text != fieldMetaURL {
		t.Fatalf("the URL's name is %q, want %q", m.names[fieldURL].Text, fieldMetaURL)
	}
	if got := m.content.MinSize(); got.Width > least.Width {
		t.Errorf("the panel's least width grew from %v to %v with the metadata request's names", least.Width, got.Width)
	}
	if got := m.values[fieldWidth].Position().X; got != valuesAt {
		t.Errorf("the values' column moved from %v to %v", valuesAt, got)
	}
	name := m.names[fieldURL]
	if name.Size().Width < fyne.MeasureText(name.Text, theme.CaptionTextSize(), name.TextStyle).Width &&
		name.Size().Height < 2*fyne.MeasureText("M", theme.CaptionTextSize(), name.TextStyle).Height {
		t.Errorf("%q is %v: cut short, neither whole on one line nor wrapped", name.Text, name.Size())
	}
}
