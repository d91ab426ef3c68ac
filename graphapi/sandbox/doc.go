// Package sandbox is an offline, deterministic emulator of the Microsoft Graph
// photo and directory endpoints that Photo Desk uses, with an Entra ID
// identity provider beside it (package identity). The demo mode, every test
// and every benchmark stand on it, so it answers like real Graph down to the
// headers and error bodies described in shared/graph-facts.md, and it never
// imports package graphapi: the client is tested against it, not with it.
//
// # Serving
//
// [Start] listens on loopback: Graph over plain HTTP (or TLS with
// Options.TLS) under /v1.0 and /beta, and the identity endpoints always over
// TLS with a CA made at start-up. [NewHandler] gives the Graph handler alone
// for httptest servers.
//
// # People
//
// [NewDirectory] generates users, groups, contact folders and contacts from a
// seed: the same seed gives byte-identical answers. [Directory.Examples] names
// one subject for every photo variant real Graph is known to answer with (all
// nine HD sizes, uploaded only up to 240 or 504, Entra-only 400x300 served as
// "image/Jpeg" with id "default", PNG with transparency, guests with #EXT#
// UPNs, ImageNotFound, the legacy ErrorItemNotFound, the 1x1 image/gif
// placeholder, and a personal account whose metadata answers
// ConsumerPhotoIsNotSupported). Photos are drawn lazily and cached, so 10,000
// users start at once. Helpdesk, the demo account, is a User Administrator;
// Frontdesk, a second account, holds no role.
//
// # Changing photos
//
// PUT and PATCH of …/photo/$value and DELETE of …/photo change photos as
// Graph does: permissions and the admin role for other people's photos,
// the 4 MB limit, undecodable images refused, a new ETag on every upload,
// HD sizes derived from the upload, and Entra-only people's 100 KB limit
// (README.md lists each answer). [Directory.ResetPhotos] undoes them.
//
// # Faults
//
// [Faults] make the server slow, throttled, flaky or corrupt, server-wide with
// [Server.SetFaults] or for one request with the X-Sandbox-Faults header,
// whose value uses the [ParseFaults] syntax, for example
//
//	X-Sandbox-Faults: latency=100ms,concurrency=4,throttle=0.1,retry-after=0.5
//
// The header replaces the server's faults for that request; on a $batch
// envelope it applies to every item unless an item carries its own. Counters
// for tests and benchmarks are read with [Server.Stats].
package sandbox
