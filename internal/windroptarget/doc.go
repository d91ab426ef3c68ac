// Command windroptarget is a drop target for testing Photo Desk's OLE drag
// source on Windows or under Wine, where no Explorer is there to drop on.
// `make test-windows` cross-builds it, opens it beside photodesk.exe and
// drags the viewer's photo onto it with xdotool.
//
//	windroptarget [-x X -y Y -w W -h H] [-late] [-until FILE] -out DIR [-timeout 60s]
//
// It opens a window at the given screen position, registers it with OLE
// (RegisterDragDrop) and waits for one drop. It takes the drop as Explorer
// would, from the data object: the CF_HDROP file list (the file is copied
// into DIR under its own name) and the registered "PNG" format (written to
// DIR/dropped.png); with -late, after Drop has returned, holding on to the
// data object meanwhile, as the shell does for a slow copy. It prints one
// line per event: "enter FORMATS" (the formats it asked for and found)
// and "formats FORMATS" (those the data object lists) for a drag entering
// the window, "leave" for one leaving it, "files N", "file NAME BYTES",
// "png BYTES" and "dropped" (or "dropped late") for the drop. With
// -until it then stays until FILE exists — a test creates it once the
// source has said how its drag ended — since a target exiting inside the
// drop can lose the source its answer. Exit status
// 0 means a drop with a file was taken, 1 that none came before the
// timeout or the drop held no file, 2 a usage error.
package main
