// Package cli is Photo Desk's command line: `photodesk get` fetches one
// photo, `photodesk export` exports or audits many through app/export, and
// `photodesk sandbox` serves the offline sandbox tenant for curl and other
// Graph clients; `photodesk version` (or --version) says which build this
// is. main.go hands it os.Args; it never opens a window.
//
// Exit codes are part of the contract so scripts can branch on them:
// 0 done, 1 any other error (Graph's HTTP status, error code and request-id
// are printed on stderr), 2 usage error, 3 the subject has no photo.
package cli
