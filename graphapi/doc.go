// Package graphapi is a thin, typed client for the Microsoft Graph profile
// photo API and the people lookups around it. It never imports Fyne.
//
// A Subject (Me, User, Group, Contact) and a Size name a photo; the Client
// fetches its metadata (PhotoMeta), bytes (PhotoBytes) or size list
// (PhotoSizes), or many at once through $batch (PhotosBatch); SetPhoto and
// DeletePhoto change it. Failures are *Error values tested with predicates
// such as IsNoPhoto, IsThrottled and IsInvalidPhoto; requests Graph is known
// to refuse (a photo over 4 MB, deleting a contact's photo) fail before they
// are sent.
//
// The Client does the work scripts get wrong: every segment is escaped (a
// guest UPN's '#' cannot cut the URL), 429/503/504 and dropped connections
// are retried in one place honouring fractional and HTTP-date Retry-After,
// at most four photo requests (reads and writes alike) are in flight per
// Client, and throttled $batch items are sent again rather than lost.
//
// Wire types are named UserInfo, GroupInfo and ContactInfo because User,
// Group and Contact are the Subject constructors.
package graphapi
