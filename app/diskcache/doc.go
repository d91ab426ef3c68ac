// Package diskcache keeps profile photos on disk between runs, so a
// restart shows avatars and photos without downloading their bytes again
// when Graph's metadata ETag says they are unchanged.
//
// An entry is a photo's bytes with its metadata, ETag and the time Graph
// last confirmed it, keyed by cloud, tenant, subject and size; "no photo"
// is kept too (the engine believes it for a shorter life, then checks it by
// metadata). The cache is bounded in bytes and evicts the least recently
// used entries. Each file is written under a temporary name and renamed
// into place, and carries a checksum, so a torn or tampered file is ignored
// (and removed) rather than shown. It holds no token, header or anything
// else of the session: only what the photo answers said. Every method is
// safe for concurrent use.
//
// Open does not read the folder: its index (each file's size and last
// use) is built in the background, because a full cache is tens of
// thousands of files and the window opens it on its way to the first
// frame. Get and Put work before the index is ready; Indexed says when it
// is.
package diskcache
