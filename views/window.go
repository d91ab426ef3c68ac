package views

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/app/change"
	"github.com/photodesk/photodesk/app/session"
	"github.com/photodesk/photodesk/graphapi"
	"github.com/photodesk/photodesk/internal/dragout"
	"github.com/photodesk/photodesk/views/widgets"
)

// Default geometry, used until the user resizes or drags a divider.
const (
	defaultWidth        = 1180
	defaultHeight       = 760
	defaultSplitSidebar = 0.3
	defaultSplitViewer  = 0.6 // leaves the metadata room for a request id on one line
)

// mainWindow is the one window: sidebar | viewer | metadata, a toolbar
// above and a status bar below.
type mainWindow struct {
	a     fyne.App
	w     fyne.Window
	eng   engine
	prefs app.Preferences
	ctx   context.Context // the account's: every job derives from it
	bg    *background
	clip  imageClipboard

	openSettings func() // Settings, which live with the connection

	sidebar   *sidebar
	viewer    *viewer
	meta      *metadataPanel
	tools     *toolbar
	status    *statusBar
	split     *container.Split // sidebar | rest
	viewSplit *container.Split // viewer | metadata
	geometry  *geometryKeeper
	// screenRoom says how much of the screen the window may take, so the
	// saved or default size is never more than it has (see fitScreen).
	screenRoom screenRoom

	photos app.Latest
	person *app.Person // who is shown, nil at start
	// copyAddress is the Edit menu's Copy UPN item, relabelled for a group
	// or contact (relabelCopyAddress); nil before the menu is built.
	copyAddress *fyne.MenuItem
	current     *app.PhotoResult // what is shown, nil while loading
	onDialog    func(any)        // hears each form or progress dialog opened; may be nil

	backups       string                             // the backups folder and change log
	askWrite      func(perm string, then func(bool)) // asks for a write permission; nil: none to ask
	writerFor     func() change.Graph                // reads and sends changes; nil: the engine's Graph client
	changes       *change.Changer                    // made on the first change
	drags         *app.DragFiles                     // where dragged photos are written; nil: no drags
	exporting     *exportRun                         // the export running now, for its dialog's waits; UI goroutine
	newDragSource func() (dragout.Source, error)     // the window's drag source; nil: none here
	dragOut       dragOut                            // the drag out of the window in progress
	loadWord      string                             // what the last photo load said in the status bar (loadActivity)
	dropWait      time.Duration                      // how long a drop waits for an avatar's photo (dropWaitLimit)
	importDlg     *importDialog                      // File > Import photos…, while open or running
	jobs          jobList                            // Save all sizes and photo changes running, for the question before quitting
	pictureAsk    dialog.Dialog                      // Change photo…'s question, which a dropped picture answers
}

// mainConfig is what the main window is built on: one account's engine,
// status and context, and what the window around it provides.
type mainConfig struct {
	eng          engine
	status       session.Status
	ctx          context.Context // ends when the account stops being current
	do           func(func())    // the UI hop: fyne.Do, or a test's queue
	throttle     *Throttle       // Graph's retry waits, for the status bar; may be nil
	openSettings func()          // nil: Settings without a connection to re-open
	clip         imageClipboard
	// onDialog, if set, hears the model of every form or progress dialog
	// the window opens (*saveForm, *exportForm, *exportRun): how a test
	// driving the window finds what it must fill in or wait for.
	onDialog func(any)
	// drags and dragSource let photos be dragged out of the window; nil
	// leaves the window without (the drop-a-folder-in way stays).
	drags      *app.DragFiles
	dragSource func() (dragout.Source, error)
	// backups is where changes are backed up and logged; writer, if set,
	// sends them (tests), else the engine's Graph client does.
	backups string
	writer  func() change.Graph
}

// newMainWindowIn builds the main window's content in w, which may have
// shown something else before: the shell keeps one window across sign-ins,
// account switches and connection changes.
func newMainWindowIn(a fyne.App, w fyne.Window, cfg mainConfig) *mainWindow {
	m := &mainWindow{
		a:            a,
		w:            w,
		eng:          cfg.eng,
		prefs:        a.Preferences(),
		ctx:          cfg.ctx,
		bg:           &background{ctx: cfg.ctx, hop: cfg.do},
		clip:         cfg.clip,
		openSettings: cfg.openSettings,
		onDialog:     cfg.onDialog,
		drags:        cfg.drags,
		backups:      cfg.backups,
		writerFor:    cfg.writer,

		newDragSource: cfg.dragSource,
		dropWait:      dropWaitLimit,
	}
	m.dragOut.m = m
	m.geometry = newGeometryKeeper(m.prefs, m.currentGeometry, cfg.do)
	m.screenRoom = platformScreenRoom
	m.buildUI(cfg.status)
	if t := cfg.throttle; t != nil {
		t.listen(func() {
			m.bg.do(func() {
				text := throttleText(t.state())
				m.status.setThrottle(text)
				if m.exporting != nil {
					m.exporting.showClientWait(text) // the dialog hides the status bar's
				}
				if m.importDlg != nil {
					m.importDlg.showClientWait(text) // so does the import's
				}
			})
		})
	}
	m.restoreGeometry()
	m.addShortcuts()
	m.w.SetMainMenu(m.mainMenu())
	m.w.SetOnDropped(m.onDropped)
	m.sidebar.start()
	m.sidebar.focusSearch(m.w.Canvas()) // type a name straight away
	return m
}

// defaultPhotoSize is the size the viewer opens at (Settings' default
// size; the largest when unset or unreadable).
func defaultPhotoSize(prefs app.Preferences) graphapi.Size {
	size, err := graphapi.ParseSize(prefs.String(app.PrefDefaultSize))
	if err != nil {
		return graphapi.SizeLargest
	}
	return size
}

func (m *mainWindow) buildUI(status session.Status) {
	size := defaultPhotoSize(m.prefs)
	m.sidebar = newSidebar(m.eng, m.bg)
	m.viewer = newViewer(size, m.canvasScale, m.onSizeChanged, m.onContextMenu)
	m.meta = newMetadataPanel(m.copyText)
	m.status = newStatusBar(status)
	m.status.explainNoticeIn(m.w)
	m.tools = newToolbar(m)
	m.sidebar.onSelected = m.open
	m.viewer.onDrag(func(ev *fyne.DragEvent) { m.dragOut.dragged(ev, m.photoItem) }, m.dragOut.ended)
	m.sidebar.onAvatarDrag(func(p app.Person, ev *fyne.DragEvent) {
		m.dragOut.dragged(ev, func() (dragout.Item, string, bool) { return m.avatarItem(p) })
	}, m.dragOut.ended)
	m.sidebar.onActivity = m.status.setActivity

	// The probes hear window resizes and divider drags, for geometry.
	onResize := func() { m.geometry.changed() }
	m.viewSplit = container.NewHSplit(m.viewer.view, container.New(&widgets.ResizeProbe{OnResize: onResize}, m.meta.content))
	m.split = container.NewHSplit(container.New(&widgets.ResizeProbe{OnResize: onResize}, m.sidebar.content), m.viewSplit)
	m.w.SetContent(container.NewBorder(m.tools.content, m.status.content, nil, nil, m.split))
}

// opened tells onDialog about a dialog's model.
func (m *mainWindow) opened(model any) {
	if m.onDialog != nil {
		m.onDialog(model)
	}
}

func (m *mainWindow) canvasScale() float32 { return m.w.Canvas().Scale() }

// restoreGeometry applies the size and divider positions saved last time,
// the size shrunk to what the screen has room for. The shrunk size is
// not a change to save: on a larger screen the saved one applies again.
func (m *mainWindow) restoreGeometry() {
	g := m.geometry.load()
	size := fitScreen(m.w, fyne.NewSize(float32(g.width), float32(g.height)), m.screenRoom)
	m.geometry.stored.width, m.geometry.stored.height = float64(size.Width), float64(size.Height)
	m.w.Resize(size)
	m.split.SetOffset(g.sidebar)
	m.viewSplit.SetOffset(g.viewer)
}

// saveGeometry writes the size and divider positions, if the person
// changed them, without waiting: on close, or when the main window is
// replaced.
func (m *mainWindow) saveGeometry() { m.geometry.closed() }

// leave is what the main window does when it stops being shown — replaced
// by another pane or account, or its window closing: its geometry is saved
// and the photo it was loading stopped. The main window is content in a
// window it does not own and sets no close handler: the window's owner
// calls leave, once, from its one close path (ownWindow).
func (m *mainWindow) leave() {
	m.saveGeometry()
	m.photos.Stop()
}

// currentGeometry is the window's size and divider positions now.
func (m *mainWindow) currentGeometry() geometry {
	size := m.w.Canvas().Size()
	return geometry{
		width: float64(size.Width), height: float64(size.Height),
		sidebar: m.split.Offset, viewer: m.viewSplit.Offset,
	}
}

// writer sends the window's changes to Graph.
func (m *mainWindow) writer() change.Graph {
	if m.writerFor != nil {
		return m.writerFor()
	}
	return m.eng.Client()
}

// setActivity says in the status bar what the window is doing; "" when idle.
func (m *mainWindow) setActivity(text string) { m.status.setActivity(text) }
