// Package importer is the bulk import engine behind photodesk import and
// the window's Import photos… dialog: a folder of pictures named after
// people goes onto the right people's profiles, previewed first.
//
// The steps, each its own file: Scan reads the folder (headers only, no
// decoding); BuildPlan matches every file name to a person through batched
// directory lookups ($batch of $filter … in (…), fifteen names a filter,
// twenty filters an envelope — never one request per file) and checks who
// has a photo already, giving each file a status the caller can still
// change (untick, replace, pick one of two people); Run sends the ticked
// files through change.Changer — backup and change log first, Graph's four
// photo slots kept busy, throttled items retried in later rounds and never
// dropped — writing a journal line per file so Resume never uploads twice;
// UndoImport reverts what an import changed from the change log's backups;
// WriteReport writes the report CSV. The package knows nothing of widgets:
// progress arrives through a callback the caller hops to its UI goroutine.
package importer
