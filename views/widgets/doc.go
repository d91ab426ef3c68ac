// Package widgets holds Photo Desk's reusable Fyne widgets and layouts,
// the parts the window's panes are built from: the result list and its
// rows, the search field, the initials badge, the checkerboard behind
// transparent photos, and layouts for a reading column and for hearing
// resizes. They know nothing of Graph or the connection.
package widgets
