// Package testkit holds the test doubles every package's tests share: one
// fake clock, one map of preferences and one folder of photos to import,
// so each package does not grow a copy of its own. It is imported by tests
// only.
package testkit
