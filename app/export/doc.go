// Package export is the bulk export and photo audit engine shared by the
// command line (photodesk export) and the window's Export… dialog.
//
// It reads people from a source (a group's members, a list of ids or UPNs,
// or every user; or a list of groups, for the groups' own photos), fetches
// their photos through Graph's $batch with the client's four-in-flight
// limiter, writes one file per person and size atomically, and streams a
// CSV report row by row so an interrupted run still leaves a complete
// record of what finished. The request budget is the point of the design:
//
//   - a photo at one size costs one request: its Content-Type and ETag come
//     from the batch item's headers and its dimensions from the image; one
//     that arrives damaged is read again, up to three reads in all, and
//     one Graph sends damaged the same way twice is an error row;
//   - "no photo" costs one request at size largest (with a specific size,
//     the 404 is followed by the size listing, which settles it), and is
//     never asked twice;
//   - a person is fetched once even if a source names them twice;
//   - with a specific size that the person never uploaded, one more request
//     lists their sizes and one more fetches the largest smaller size;
//   - size "all" costs one listing request plus one per stored size;
//   - size "none" (the audit) costs one metadata request and writes no files;
//   - Resume costs one metadata request for each person already exported
//     (batched like the photos), plus the photo itself only when its ETag
//     changed or its file is gone.
//
// Throttled or busy items are sent again after their Retry-After from the
// engine's queue (graphapi.BatchOnce hands them back at once, so no worker
// waits), within the client's tries and then a few rounds of the engine's
// own, so nobody is lost. The package
// knows nothing of widgets: progress arrives through a callback that the
// caller hops to its UI goroutine.
package export
