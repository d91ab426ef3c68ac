package views

import (
	"context"

	"github.com/photodesk/photodesk/app"
)

// loadAvatars fetches the 48x48 photos of one page of results in the
// background (the engine batches them) and drops each into its row as it
// arrives, so the list never waits for photos.
func (s *sidebar) loadAvatars(ctx context.Context, isCurrent func() bool, start int, people []app.Person) {
	if len(people) == 0 {
		return
	}
	s.bg.run(func() {
		s.eng.Avatars(ctx, people, func(i int, a app.Avatar) {
			if a.Image == nil {
				return // no photo or an error: the initials stay
			}
			s.bg.do(func() {
				at := start + i
				if !isCurrent() || at >= len(s.avatars) {
					return
				}
				s.avatars[at] = a.Image
				s.list.RefreshItem(at)
			})
		})
	})
}
