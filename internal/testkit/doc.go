// Package testkit holds the test doubles every package's tests share: one
// fake clock and one map of preferences, so each package does not grow a
// copy of its own. It is imported by tests only.
package testkit
