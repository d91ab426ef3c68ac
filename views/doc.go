// Package views is Photo Desk's window: the search sidebar, the photo viewer,
// the metadata panel, the toolbar and the status bar. It only assembles
// widgets; every use case (search, photo fetch, save, copy) runs in package
// app, and results come back to the UI goroutine through fyne.Do.
package views
