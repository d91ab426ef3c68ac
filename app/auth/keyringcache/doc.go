// Package keyringcache keeps MSAL's token cache in the operating system's
// keyring (Secret Service, macOS Keychain, Windows Credential Manager) and
// nowhere else: there is deliberately no file fallback, so refresh tokens
// never land on disk in the clear.
//
// The cache is larger than one keyring entry may hold on Windows (~2.5 KB)
// and macOS (~3 KB), so a [Store] splits it into chunks. A save writes the
// chunks under a fresh generation name first and switches the index entry
// last, so a crash or a lost keyring at any step leaves either the old or the
// new cache readable; stale chunks are removed afterwards. Entries for an
// account named "a" look like this:
//
//	a         index: {"generation":7,"count":4,"sha256":"…","length":7012,"encoding":"text"}
//	a.g7.0    first chunk of generation 7
//	…
//	a.g7.3    last chunk
//
// Account names should therefore not themselves end in ".g<N>.<i>".
//
// Each save picks the generation after the one the index names, so two
// writers of one entry at once would both write the same generation over
// each other's chunks; with a lock file (WithLockFile) they take turns.
package keyringcache
