// Package dragout lets a photo be dragged out of Photo Desk's window into
// other programs — a folder in a file manager, a mail, a chat, a ticket
// form — which Fyne cannot do itself (it has no drag source,
// fyne-io/fyne#142). The window tells a Drag where the pointer went and
// when the button came up; the package speaks the platform's protocol:
// XDND on X11 (XWayland bridges it to Wayland programs) and OLE on
// Windows. What is dropped is a real file, plus PNG data for targets that
// take pictures. The same data goes on the system clipboard for Copy file
// (the CLIPBOARD selection on X11, OleSetClipboard on Windows). The package
// knows nothing of Fyne: it gets the window's native handle.
package dragout
