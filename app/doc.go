// Package app holds what a Photo Desk user can do, independent of any UI:
// find people, fetch a photo at a size with caching and fallback, decode it
// safely, and save or copy it. The window (package views) and the command
// line both drive it, so behaviour such as "a newer selection cancels an
// older one" or "never overwrite a file silently" lives here once.
//
// It imports graphapi for the wire and never builds widgets.
package app
