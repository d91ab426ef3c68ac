package views

import (
	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/graphapi"
)

// shownView is what the main window showed when Settings changed only the
// Graph version: the window opened again on beta (or v1.0) shows the same
// kind, search, mailbox, person and size, so a helpdesk person comparing
// what each version answers for a group or a contact need not find them
// again after every switch. An account switch that fails (the account
// was signed out elsewhere) opens the current account's window again as
// it was the same way.
type shownView struct {
	account, tenant string // whose window it was: kept only for the same account
	id              string // set: only for this account id (another may share its name)
	kind            string // the sidebar's kind, as its picker reads
	owner           string // Someone's contacts: the mailbox opened
	folder          string // contacts: the folder picked, "" for all
	query           string // the search field as typed
	person          *app.Person
	size            graphapi.Size
}

// shownView is what the signed-in account's main window shows now, for
// the window opened next for the same account (see showMain); nil when
// none is shown.
func (sh *shell) shownView() *shownView {
	conn := sh.conn()
	if conn == nil || sh.main == nil {
		return nil
	}
	v := sh.main.shownView()
	v.account, v.tenant = conn.Status.Account, conn.Status.Tenant
	return &v
}

// shownView is what m shows now.
func (m *mainWindow) shownView() shownView {
	s := m.sidebar
	v := shownView{kind: s.kind.Selected, query: s.query.Text, size: m.viewer.size()}
	if s.kind.Selected == kindOthersContacts {
		v.owner = s.foldsOf
	}
	if s.currentKind() == app.KindContact && s.folder.Selected != defaultContacts {
		v.folder = s.folder.Selected
	}
	if m.person != nil {
		p := *m.person
		v.person = &p
	}
	return v
}

// restoreView shows v in a main window just opened: the size picked, the
// kind, and once the kind is listed (picking it may first ask for the
// permission its photos need: a group's read before it was granted is
// refused) the person, the search and, once the folders are loaded, the
// contact folder. The first listing opens nobody over the person.
func (m *mainWindow) restoreView(v shownView) {
	m.viewer.sizes.size = v.size
	m.viewer.sizes.sync()
	s := m.sidebar
	if v.person != nil {
		s.autoSelect = false
		// The first listing may already have opened its first row: a
		// list at hand (the people cached) arrives while the window is
		// built, before this runs. Left selected, that row stayed
		// highlighted beside the kept person in the viewer.
		if s.selected >= 0 {
			s.list.UnselectAll()
		}
		s.keepRowOf(v.person.ID) // theirs instead, whenever listed
	}
	search := func() {
		s.wantFolder = v.folder // picked once the folders loading now are in
		if v.person != nil {
			m.open(*v.person)
		}
		s.setQuery(v.query) // searched below, not after the typing delay too
		switch {
		case v.owner != "":
			s.owner.SetText(v.owner)
			s.onOwnerSubmitted(v.owner)
		case v.query != "":
			s.search(v.query)
		}
	}
	if v.kind == s.kind.Selected {
		search()
		return
	}
	s.thenKind, s.thenKindOf = search, v.kind
	s.kind.SetSelected(v.kind)
}
