package views

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/app/session"
	"github.com/photodesk/photodesk/graphapi"
	"github.com/photodesk/photodesk/graphapi/sandbox"
	"github.com/photodesk/photodesk/graphapi/sandbox/sandboxtest"
	"github.com/photodesk/photodesk/views/widgets"
)

// waitLimit bounds every wait in these tests; a healthy run needs far less.
const waitLimit = 20 * time.Second

// uiQueue stands in for fyne.Do: background work queues its UI changes and
// the test goroutine runs them, so widgets are only touched on one goroutine.
type uiQueue struct {
	mu   sync.Mutex
	fns  []func()
	wake chan struct{}
}

func newUIQueue() *uiQueue { return &uiQueue{wake: make(chan struct{}, 1)} }

func (q *uiQueue) do(f func()) {
	q.mu.Lock()
	q.fns = append(q.fns, f)
	q.mu.Unlock()
	select {
	case q.wake <- struct{}{}:
	default:
	}
}

// drain runs everything queued, including what the running functions queue.
func (q *uiQueue) drain() {
	for {
		q.mu.Lock()
		fns := q.fns
		q.fns = nil
		q.mu.Unlock()
		if len(fns) == 0 {
			return
		}
		for _, f := range fns {
			f()
		}
	}
}

func (q *uiQueue) pending() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return len(q.fns)
}

// fakeClipboard records image writes instead of touching X11, and hands
// out image as the picture on it.
type fakeClipboard struct {
	mu    sync.Mutex
	pngs  [][]byte
	err   error
	image []byte
}

func (c *fakeClipboard) ReadImage() ([]byte, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.err != nil {
		return nil, c.err
	}
	if c.image == nil {
		return nil, errNoImageOnClipboard
	}
	return c.image, nil
}

func (c *fakeClipboard) WritePNG(png []byte) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.err != nil {
		return c.err
	}
	c.pngs = append(c.pngs, png)
	return nil
}

// tenant is the sandbox tenant (Graph and Entra ID on loopback), shared by
// every test in the package: it is deterministic, each test gets a new
// engine (so an empty cache), and its faults and stats are reset after
// each test.
type tenant struct{ *sandboxtest.Tenant }

func startTenant(t *testing.T) *tenant { return &tenant{sandboxtest.Shared(t)} }

func (tn *tenant) engine(token string, retry graphapi.RetryPolicy) *app.Engine {
	return app.NewEngine(app.Config{Client: tn.Client(token, graphapi.WithRetry(retry))})
}

// harness is the real window on the test driver, wired to the sandbox.
type harness struct {
	t       *testing.T
	a       fyne.App
	tenant  *tenant
	q       *uiQueue
	clip    *fakeClipboard
	m       *mainWindow
	dialogs dialogLog // the models of the dialogs the window opened
}

// dialogLog keeps the newest dialog model of each kind the window opened.
// The window opens dialogs on the test goroutine, so it needs no lock.
type dialogLog struct {
	save      *saveForm
	exportSet *exportForm
	export    *exportRun
	editor    *photoEditor
}

func (l *dialogLog) add(model any) {
	switch d := model.(type) {
	case *saveForm:
		l.save = d
	case *exportForm:
		l.exportSet = d
	case *exportRun:
		l.export = d
	case *photoEditor:
		l.editor = d
	}
}

func newHarness(t *testing.T) *harness {
	t.Helper()
	return newHarnessWith(t, harnessOptions{})
}

// newTestMainWindow is the main window alone, in a window of its own, as
// a shell shows it for the sandbox's demo account; its work ends with the
// test.
func newTestMainWindow(a fyne.App, eng engine, do func(func()), clip imageClipboard, throttle *Throttle, onDialog func(any)) *mainWindow {
	ctx, cancel := context.WithCancel(context.Background())
	m := newMainWindowIn(a, a.NewWindow("Photo Desk"), mainConfig{
		eng:    eng,
		status: session.Status{Demo: true, Tenant: "contoso.onmicrosoft.com", APIVersion: "v1.0"},
		ctx:    ctx, do: do, throttle: throttle, clip: clip, onDialog: onDialog,
	})
	ownWindow(m.w, nil, func() { m.leave(); cancel() }) // the test owns this window
	return m
}

// harnessOptions vary the sign-in and the Graph client of a harness.
type harnessOptions struct {
	scopes   []string // delegated scopes of the helpdesk token; nil = the default set
	retry    graphapi.RetryPolicy
	throttle *Throttle
}

func newHarnessWith(t *testing.T, opts harnessOptions) *harness {
	t.Helper()
	a := test.NewTempApp(t)
	tn := startTenant(t)
	token := tn.Token
	if opts.scopes != nil {
		var err error
		if token, err = tn.UserToken(tn.Dir.Examples().Helpdesk.UserPrincipalName, opts.scopes...); err != nil {
			t.Fatal(err)
		}
	}
	h := &harness{t: t, a: a, tenant: tn, q: newUIQueue(), clip: &fakeClipboard{}}
	h.m = newTestMainWindow(a, tn.engine(token, opts.retry), h.q.do, h.clip, opts.throttle, h.dialogs.add)
	t.Cleanup(func() {
		h.m.photos.Stop()
		h.waitIdle()
		closeWindow(a, h.m.w)
	})
	return h
}

// closeWindow closes w unless the test closed it already: Fyne's test
// driver, asked to close a window twice, forgets another window instead
// (or panics, when there is none left).
func closeWindow(a fyne.App, w fyne.Window) {
	inner := w
	if cw, ok := w.(*countedWindow); ok {
		inner = cw.Window
	}
	if slices.Contains(a.Driver().AllWindows(), inner) {
		w.Close()
	}
}

// waitFor runs queued UI work until cond holds, failing after waitLimit.
func (h *harness) waitFor(what string, cond func() bool) {
	h.t.Helper()
	h.q.waitFor(h.t, what, cond, func() string { return "viewer: " + h.m.viewer.describe() })
}

// waitFor runs queued UI work on the test goroutine until cond holds; after
// waitLimit it fails with what it waited for and describe's view of the window.
func (q *uiQueue) waitFor(t *testing.T, what string, cond func() bool, describe func() string) {
	t.Helper()
	deadline := time.NewTimer(waitLimit)
	defer deadline.Stop()
	poll := time.NewTicker(10 * time.Millisecond)
	defer poll.Stop()
	for {
		q.drain()
		if cond() {
			return
		}
		select {
		case <-q.wake:
		case <-poll.C:
		case <-deadline.C:
			t.Fatalf("timed out after %s waiting for %s; %s", waitLimit, what, describe())
		}
	}
}

// waitIdle waits until no background work runs and no UI work is queued.
func (h *harness) waitIdle() {
	h.t.Helper()
	h.waitFor("background work to finish", func() bool {
		return h.m.bg.busy.Load() == 0 && h.q.pending() == 0
	})
}

// waitResults waits for the first page of the current search.
func (h *harness) waitResults() {
	h.t.Helper()
	h.waitFor("search results", func() bool { return len(h.m.sidebar.results) > 0 && !h.m.sidebar.loading })
}

// listGroups picks Groups in the kind picker and waits until the groups
// are listed and their avatars are in.
func (h *harness) listGroups() {
	h.t.Helper()
	h.m.sidebar.kind.SetSelected(kindGroups)
	h.waitFor("groups listed", func() bool {
		return len(h.m.sidebar.results) > 0 && h.m.sidebar.results[0].Kind == app.KindGroup && !h.m.sidebar.loading
	})
	h.waitIdle()
}

// search types query and presses Enter, as a user would.
func (h *harness) search(query string) {
	h.t.Helper()
	h.m.sidebar.query.SetText("")
	test.Type(h.m.sidebar.query, query)
	h.m.sidebar.query.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
}

// resultIndex finds a person in the results by UPN.
func (h *harness) resultIndex(upn string) int {
	for i, p := range h.m.sidebar.results {
		if p.UPN == upn {
			return i
		}
	}
	return -1
}

// openUser searches for a user by name and selects them in the list.
func (h *harness) openUser(u *sandbox.User) {
	h.t.Helper()
	h.search(u.DisplayName)
	h.waitFor("a result for "+u.UserPrincipalName, func() bool { return h.resultIndex(u.UserPrincipalName) >= 0 })
	h.m.sidebar.list.Select(h.resultIndex(u.UserPrincipalName))
	h.waitShown(u.DisplayName)
}

// openListed waits until the person with id is in the results, selects
// them and waits until their photo (name's) is shown.
func (h *harness) openListed(id, name string) {
	h.t.Helper()
	at := -1
	h.waitFor(name+" in the results", func() bool {
		at = slices.IndexFunc(h.m.sidebar.results, func(p app.Person) bool { return p.ID == id })
		return at >= 0
	})
	h.m.sidebar.list.Select(at)
	h.waitShown(name)
}

// waitShown waits until the viewer has finished loading someone's photo.
func (h *harness) waitShown(name string) {
	h.t.Helper()
	h.waitFor(name+"'s photo", func() bool {
		return h.m.viewer.title.Text == name && !h.m.viewer.loading.Visible()
	})
}

// describe is the viewer's state in a few words, for failure messages.
func (v *viewer) describe() string {
	switch {
	case v.loading.Visible():
		return "loading"
	case v.noPhoto.Visible():
		return "no photo: " + v.title.Text
	case v.photo.Visible():
		return fmt.Sprintf("photo %dx%d: %s", v.layout.pixW, v.layout.pixH, v.title.Text)
	}
	return "message: " + v.message.Text
}

// overlayButton finds a visible button in the window's dialogs by its label.
func (h *harness) overlayButton(label string) *widget.Button {
	for _, o := range h.m.w.Canvas().Overlays().List() {
		for _, obj := range test.LaidOutObjects(o) {
			if b, ok := asButton(obj); ok && b.Text == label && b.Visible() {
				return b
			}
		}
	}
	return nil
}

// tapDialogButton waits for a dialog button and taps it.
func (h *harness) tapDialogButton(label string) {
	h.t.Helper()
	var b *widget.Button
	h.waitFor("a dialog button "+label, func() bool { b = h.overlayButton(label); return b != nil })
	test.Tap(b)
}

// overlayImages counts the pictures shown in the window's dialogs.
func (h *harness) overlayImages() int {
	n := 0
	for _, o := range h.m.w.Canvas().Overlays().List() {
		for _, obj := range test.LaidOutObjects(o) {
			if img, ok := obj.(*canvas.Image); ok && img.Visible() && img.Image != nil {
				n++
			}
		}
	}
	return n
}

// overlayText is every label's text in the window's dialogs.
func (h *harness) overlayText() string {
	var sb strings.Builder
	for _, o := range h.m.w.Canvas().Overlays().List() {
		for _, obj := range test.LaidOutObjects(o) {
			if l, ok := obj.(*widget.Label); ok && l.Visible() {
				sb.WriteString(l.Text + "\n")
			}
		}
	}
	return sb.String()
}

// asButton is obj as a button: Fyne's, or the key buttons dialogs are
// built with.
func asButton(obj fyne.CanvasObject) (*widget.Button, bool) {
	switch b := obj.(type) {
	case *widget.Button:
		return b, true
	case *widgets.KeyButton:
		return &b.Button, true
	}
	return nil, false
}
