package views

import "fyne.io/fyne/v2/widget"

// keepRowOf marks id's row as picked when it is listed, without opening
// it: the person the window kept across a Graph version switch (or an
// account switch that failed) is already shown, and reloading their
// photo would only flash the viewer. Nobody else's row is highlighted.
func (s *sidebar) keepRowOf(id string) {
	s.keptID = id
	s.highlightKept()
}

// highlightKept highlights the kept person's row when they are listed and
// no row is picked (the first listing may have picked its first row).
func (s *sidebar) highlightKept() {
	if s.keptID == "" || s.selected >= 0 {
		return
	}
	for i, p := range s.results {
		if p.ID == s.keptID {
			s.quietPick = true
			defer func() { s.quietPick = false }()
			s.list.Select(widget.ListItemID(i))
			return
		}
	}
}
