package views

import (
	"context"
	"image"
	"slices"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/graphapi"
	"github.com/photodesk/photodesk/views/widgets"
)

// Kind choices in the sidebar, in the order shown.
const (
	kindUsers    = "Users"
	kindGroups   = "Groups"
	kindContacts = "My contacts"
	// defaultContacts is the folder /me/contacts lists: Graph's default
	// Contacts folder, without the contacts of the folders in it.
	defaultContacts = "Default folder"
	// kindOthersContacts is kept in otherscontacts.go with what it needs.
)

// morePagesMargin is how close to the end of the list a shown row must be
// before the next page of results is fetched.
const morePagesMargin = 5

// sidebar finds people: subject kind, query, results with avatars.
type sidebar struct {
	eng        engine
	bg         *background
	onSelected func(app.Person) // a person was picked in the list or with Me
	onActivity func(string)     // a line for the status bar, "" when idle
	// avatarDragged and avatarDragEnd hear drags on a result's avatar.
	avatarDragged func(app.Person, *fyne.DragEvent)
	avatarDragEnd func()

	kind    *widgets.NavSelect
	folder  *widgets.NavSelect
	owner   *widget.Entry // whose contacts Someone's contacts lists (otherscontacts.go)
	query   *widgets.SearchEntry
	me      *widgets.NavButton
	list    *widgets.ResultList
	note    *widget.Label
	retry   *widgets.KeyButton // loads a page that failed again; shown only then
	content fyne.CanvasObject

	folders []graphapi.ContactFolder
	foldsOf string // whose folders those are: "" for the signed-in user's
	// foldsKind is the kind they were loaded for: Someone's contacts with
	// nobody named yet has mailbox "" too, but no folders of its own, so
	// it must not show My contacts' (nor be filled in by their late answer).
	foldsKind string
	// foldsNote says which folders' subfolders could not be read, so the
	// picker lacks them; "" when it lists every folder. It follows the
	// list's note while those folders are shown.
	foldsNote string
	// listNoted says the note shown is the list's own (updateNote's), not
	// "Searching…", an error or a prompt, so a folders note that comes
	// later is added by composing it again.
	listNoted bool
	results   []app.Person
	avatars   []image.Image // parallel to results; nil until loaded, when absent or released
	// avatarKnown, parallel to results, says the avatar's answer is in:
	// a row without one shows a grey disc, not the initials of someone
	// without a photo, while it waits.
	avatarKnown []bool
	// released marks rows whose avatar was let go while far from view
	// (avatarkeep.go); reloads are rows waiting to ask for theirs again.
	released []bool
	reloads  []int
	// avatarFailedAt, parallel to results, is when a row's avatar last
	// failed to load (zero when it did not): such a row is asked again
	// once it is drawn after avatarRetryAfter, on Refresh, and when the
	// viewer shows the person's photo (avatarretry.go).
	avatarFailedAt []time.Time
	now            func() time.Time // time.Now; tests set a clock
	keepAround     int              // rows either side of the drawn one keeping avatars; 0 = keepAvatarsAround
	sweptAt        int              // the row far avatars were last let go around
	// avatarEpochs counts how often a person's avatar was forgotten (their
	// photo changed), so an older load's late answer is not shown. UI
	// goroutine only.
	avatarEpochs map[graphapi.Subject]int
	selected     widget.ListItemID
	// keptID is the person the window kept shown from the one before
	// (keptrow.go): their row is highlighted whenever listed, until
	// someone else is opened. quietPick marks that highlight, which
	// opens nobody.
	keptID    string
	quietPick bool
	// meLookup is Me's lookup of the signed-in user while it waits: a pick
	// in the list made meanwhile ends it, so its late answer cannot
	// replace the person picked after it.
	meLookup  app.Latest
	meWaiting bool
	// mePicks counts clicks on Me: a lookup or first listing that opens its
	// person on arrival leaves the viewer alone when Me was clicked after
	// it began, since Me is the later pick. UI goroutine only.
	mePicks int

	searches app.Latest
	// listLookups is a list file being read to be shown (listshow.go): a
	// newer one, or any search begun meanwhile, ends it.
	listLookups app.Latest
	// listing is the list file whose people the results are, looked up or
	// still being looked up; nil for a search's results. The search it
	// belongs to (searches) ends its lookup.
	listing     *listShown
	pager       *app.SearchPager
	pageCtx     context.Context
	pageCurrent func() bool
	loading     bool
	// pageFailed: a page after the first could not be loaded, so the list
	// holds only the pages before it. The pager stays on that page:
	// scrolling to the end again, or the retry button, asks for it again
	// (retryPage) — never a mere redraw of the list's last rows.
	pageFailed bool
	lastQuery  string
	typed      int // bumps on every keystroke so only the last debounce fires
	debounce   *time.Timer
	autoSelect bool // open the first result when it arrives (first listing at start-up)
	// thenKind runs once the kind thenKindOf is listed (picking a kind may
	// first ask for a permission): a window opened again restores its
	// search then (keepview.go).
	thenKind   func()
	thenKindOf string
	// wantFolder is the contact folder to pick once the folders are
	// loaded (a window opened again, keepview.go); "" for none.
	wantFolder string
	appOnly    bool // an application session: no Me
}

func newSidebar(eng engine, bg *background) *sidebar {
	s := &sidebar{eng: eng, bg: bg, selected: -1}
	s.kind = widgets.NewNavSelect([]string{kindUsers, kindGroups, kindContacts, kindOthersContacts}, s.onKindChanged)
	s.folder = widgets.NewNavSelect([]string{defaultContacts}, s.onFolderChanged)
	// Picked with the mouse, they keep the focus: what is typed next is a
	// search (or whose contacts), as the field below now invites.
	s.kind.OnRune, s.folder.OnRune = s.typeInSearch, s.typeInSearch
	s.folder.Selected = defaultContacts // the default folder is listed until another is picked
	s.folder.Hide()
	s.owner = newOwnerEntry(s.onOwnerSubmitted)
	s.query = widgets.NewSearchEntry(searchHints[app.KindUser]) // short enough for a narrow sidebar
	s.query.OnChanged = s.onQueryChanged
	s.query.OnSubmitted = s.onQuerySubmitted
	s.me = widgets.NewNavButton("Me", theme.AccountIcon(), s.onMe)
	s.me.OnRune = s.searchAfresh // a name typed after Me is someone else
	s.note = widget.NewLabel("")
	s.note.Wrapping = fyne.TextWrapWord
	s.note.Hide()
	s.list = widgets.NewResultList(s.length, s.createRow, s.updateRow)
	s.list.OnSelected = s.onListSelected
	s.list.OnRune = s.searchAfresh
	s.list.OnUnselected = func(widget.ListItemID) { s.selected = -1 }
	s.retry = widgets.NewKeyButton(retryPageLabel, theme.ViewRefreshIcon(), s.retryPage)
	s.retry.Hide()

	s.kind.Selected = kindUsers
	top := container.NewVBox(
		container.NewGridWithColumns(2, s.kind, s.folder),
		s.owner,
		container.NewBorder(nil, nil, nil, s.me, s.query),
		s.note,
	)
	// Top before the list, so Tab goes from the search field and Me to the
	// results (NewBorder puts the centre first, and Tab skipped the list);
	// the retry button below the list, where its end is, Tab after it.
	s.content = container.New(layout.NewBorderLayout(top, s.retry, nil, nil), top, s.list, s.retry)
	return s
}

// onAvatarDrag hands drags on a result's avatar to dragged, with whose
// avatar it is, and their end to end.
func (s *sidebar) onAvatarDrag(dragged func(app.Person, *fyne.DragEvent), end func()) {
	s.avatarDragged, s.avatarDragEnd = dragged, end
}

// focusSearch puts the cursor in the search field with its text
// selected, as Find does in a browser or mail program: what is typed next
// is a new search, and the old one is kept by pressing End or an arrow.
func (s *sidebar) focusSearch(c fyne.Canvas) {
	c.Focus(s.query)
	s.query.TypedShortcut(&fyne.ShortcutSelectAll{})
}

// onNavigationKey hands keys the search field and the results do not use
// themselves (Up, Down, F5) to f, which reports whether it used them.
func (s *sidebar) onNavigationKey(f func(*fyne.KeyEvent) bool) {
	s.query.OnKey = f
	s.list.OnKey = f
	s.kind.OnKey, s.folder.OnKey = f, f
}

// typeInSearch types r where the sidebar takes text next — the search
// field, or whose contacts while no mailbox was opened for Someone's
// contacts — and puts the cursor there, so typing after picking a kind or
// a folder with the mouse is not lost on the drop-down.
func (s *sidebar) typeInSearch(r rune) {
	field := s.textField()
	if c := fyne.CurrentApp().Driver().CanvasForObject(s.query); c != nil {
		c.Focus(field)
	}
	field.TypedRune(r)
}

// searchAfresh starts a new search with r, typed while the results, Me or
// the size picker had focus: someone who clicked a person (or Me, or a
// size) and types a name is looking for someone else, so the old query is
// replaced rather than added to ("ad", click Adele, "meg" finds Megan, not
// "admeg").
func (s *sidebar) searchAfresh(r rune) {
	if s.textField() == fyne.Focusable(s.query) {
		s.query.SetText("")
	}
	s.typeInSearch(r)
}

// textField is where the sidebar takes text next: whose contacts while no
// mailbox was opened for Someone's contacts, otherwise the search field.
func (s *sidebar) textField() fyne.Focusable {
	if s.kind.Selected == kindOthersContacts && (s.foldsKind != kindOthersContacts || s.foldsOf == "") {
		return s.owner
	}
	return s.query
}

// limitToApplication takes out what an application session cannot do:
// Me is disabled and My contacts is not offered, so the window explains
// instead of failing.
func (s *sidebar) limitToApplication() {
	s.appOnly = true
	s.me.Disable()
	s.kind.Options = slices.DeleteFunc(s.kind.Options, func(k string) bool { return k == kindContacts })
	s.kind.Refresh()
}

// gateKinds makes picking a kind ask first: ask hears the kind picked and
// calls proceed(true) to list it, or proceed(false) to put the kind shown
// before back (without listing anything).
func (s *sidebar) gateKinds(ask func(kind string, proceed func(ok bool))) {
	list := s.kind.OnChanged
	shown := s.kind.Selected
	s.kind.OnChanged = func(picked string) {
		ask(picked, func(ok bool) {
			switch {
			case ok && s.kind.Selected == picked:
				shown = picked
				list(picked)
			case !ok:
				s.kind.Selected = shown // no OnChanged: the list still shows it
				s.kind.Refresh()
			}
		})
	}
}

// start lists everyone once so the window opens with people in it.
func (s *sidebar) start() {
	s.autoSelect = true
	s.search("")
}

func (s *sidebar) currentKind() app.Kind {
	switch s.kind.Selected {
	case kindGroups:
		return app.KindGroup
	case kindContacts, kindOthersContacts:
		return app.KindContact
	}
	return app.KindUser
}

// searchHints is the search field's placeholder for each kind: what can
// be typed there.
var searchHints = map[app.Kind]string{
	app.KindUser:    "Name, mail, UPN or id",
	app.KindGroup:   "Group name or id",
	app.KindContact: "Contact name or mail",
}

// onKindChanged starts the new kind afresh: a user's UPN typed for Users
// means nothing to Groups (issue 18), so the query is cleared, the field
// says what it takes now, and Me is offered for people only.
func (s *sidebar) onKindChanged(string) {
	kind := s.currentKind()
	s.wantFolder = "" // a folder of the kind before
	s.fitKind()
	// Folders whose subfolders could not be read are asked for again.
	if kind == app.KindContact && (s.folders == nil || s.foldsNote != "" || s.foldsOf != s.mailbox() || s.foldsKind != s.kind.Selected) {
		s.loadFolders()
	}
	s.clearQuery()
	// Whatever the list shows — a search's pages, or a list shown from an
	// export or a dropped file — is of the kind before.
	if s.pager != nil || s.lastQuery != "" || len(s.results) > 0 {
		s.search("")
	}
	if then := s.thenKind; then != nil {
		s.thenKind = nil
		if s.thenKindOf == s.kind.Selected {
			then()
		}
	}
}

// fitKind makes the sidebar's controls fit the kind picked: the folder
// and whose-contacts fields for contacts, what the search field takes, and
// Me for people only.
func (s *sidebar) fitKind() {
	kind := s.currentKind()
	setVisible(s.content, s.folder, kind == app.KindContact)
	setVisible(s.content, s.owner, s.kind.Selected == kindOthersContacts)
	s.query.SetPlaceHolder(searchHints[kind])
	if kind == app.KindUser && !s.appOnly {
		s.me.Enable()
	} else {
		s.me.Disable()
	}
}

// showKindOf puts the kind picker on the kind of a list shown without a
// search (a list file, an export's "List them"), without listing anyone:
// Groups for a list of groups alone (an export of the groups' own
// photos), Users otherwise. Left as it was, the field asked for another
// kind's name, and a name typed next searched that kind.
func (s *sidebar) showKindOf(listed []app.Person) {
	kind := kindUsers
	if len(listed) > 0 && !slices.ContainsFunc(listed, func(p app.Person) bool { return p.Kind != app.KindGroup }) {
		kind = kindGroups
	}
	if s.kind.Selected == kind {
		return
	}
	s.kind.Selected = kind // no OnChanged: nothing is to be listed
	s.kind.Refresh()
	s.fitKind()
}

// clearQuery empties the search field without searching for the empty
// text, and drops a search still waiting for what was typed.
func (s *sidebar) clearQuery() { s.setQuery("") }

// setQuery puts text in the search field without searching for it after
// the typing delay, and drops a search still waiting for what was typed.
func (s *sidebar) setQuery(text string) {
	changed := s.query.OnChanged
	s.query.OnChanged = nil // no debounced search of the text set
	s.query.SetText(text)
	s.query.OnChanged = changed
	s.typed++ // and none already waiting for the old text
}

func (s *sidebar) onFolderChanged(string) { s.search(s.query.Text) }

func (s *sidebar) showError(err error) {
	s.setNote(friendly(err))
}

func (s *sidebar) setNote(text string) {
	s.listNoted = false // updateNote says so after calling this
	height := s.note.MinSize().Height
	s.note.SetText(text)
	if s.note.Visible() && text != "" && s.note.MinSize().Height != height {
		// A note of more (or fewer) lines than the last one: lay the
		// list out below it again (a second line was drawn under the
		// list's top).
		if c, ok := s.content.(*fyne.Container); ok {
			c.Layout.Layout(c.Objects, c.Size())
		}
		return
	}
	setVisible(s.content, s.note, text != "")
}

func (s *sidebar) activity(text string) {
	if s.onActivity != nil {
		s.onActivity(text)
	}
}

func (s *sidebar) length() int { return len(s.results) }

func (s *sidebar) createRow() fyne.CanvasObject { return widgets.NewResultRow() }

// updateRow fills a row and, near the end of the list, asks for more.
func (s *sidebar) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	if id >= len(s.results) {
		return
	}
	row := o.(*widgets.ResultRow)
	s.avatarDrawn(id)
	row.Set(s.results[id], s.avatars[id])
	row.SetPending(!s.avatarKnown[id])
	p := s.results[id]
	row.AvatarDrag.OnDragged = func(ev *fyne.DragEvent) {
		if s.avatarDragged != nil {
			s.avatarDragged(p, ev)
		}
	}
	row.AvatarDrag.OnDragEnd = func() {
		if s.avatarDragEnd != nil {
			s.avatarDragEnd()
		}
	}
	if id >= len(s.results)-morePagesMargin {
		if s.pageFailed {
			// Only a scroll to the end asks again: this row is also
			// redrawn whenever an avatar arrives, and that must not send
			// Graph the failed request over and over. Asked after the
			// list has laid itself out, since the retry hides the button
			// below it, which lays the list out again.
			if s.list.Scrolled() {
				s.bg.run(func() { s.bg.do(s.retryPage) })
			}
			return
		}
		s.nextPage()
	}
}

func (s *sidebar) onListSelected(id widget.ListItemID) {
	if id < 0 || id >= len(s.results) {
		return
	}
	s.selected = id
	if s.quietPick {
		return // the kept person's row, already shown
	}
	s.keptID = "" // a pick: the list's selection is the person shown from now
	if s.meWaiting {
		s.meLookup.Stop()
		s.meWaiting = false
		s.activity("")
	}
	if s.onSelected != nil {
		s.onSelected(s.results[id])
	}
}

// move selects the result delta rows away from the current one (Up/Down).
func (s *sidebar) move(delta int) bool {
	if len(s.results) == 0 {
		return false
	}
	next := max(0, min(len(s.results)-1, s.selected+delta))
	if s.selected < 0 {
		next = 0
	}
	if next != s.selected {
		s.list.Select(next)
	}
	return true
}

// onMe opens the signed-in user without touching the results.
func (s *sidebar) onMe() {
	s.mePicks++
	s.autoSelect = false // the first listing, still on its way, must not open its first row over Me
	s.keptID = ""        // Me is shown, not the person kept
	s.activity("Looking up your account…")
	ctx, isCurrent := s.meLookup.Start(s.bg.ctx)
	s.meWaiting = true
	s.bg.run(func() {
		p, err := s.eng.Me(ctx)
		s.bg.do(func() {
			if !isCurrent() {
				return // a pick in the list (or a newer Me) came after it
			}
			s.meWaiting = false
			s.activity("")
			if err != nil {
				s.showError(err)
				return
			}
			s.list.UnselectAll()
			if s.onSelected != nil {
				s.onSelected(*p)
			}
		})
	})
}

// forgetAvatar fetches p's avatar again wherever p is listed, after p's
// photo changed.
func (s *sidebar) forgetAvatar(p app.Person) {
	if s.avatarEpochs == nil {
		s.avatarEpochs = map[graphapi.Subject]int{}
	}
	s.avatarEpochs[p.Subject]++
	for i, r := range s.results {
		if !r.SameAs(p) { // the signed-in user's row, after a change through Me
			continue
		}
		if r.Subject != p.Subject {
			s.avatarEpochs[r.Subject]++
		}
		s.avatars[i], s.avatarKnown[i], s.avatarFailedAt[i] = nil, false, time.Time{}
		s.released[i] = false // asked for below
		s.list.RefreshItem(i)
		at, subj := i, r.Subject
		isCurrent := func() bool { return at < len(s.results) && s.results[at].Subject == subj }
		s.loadAvatars(s.bg.ctx, isCurrent, at, []app.Person{r})
	}
}
