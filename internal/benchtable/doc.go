// Package benchtable is `make bench`: one benchmark, BenchmarkTable, that
// runs the issue-16 scenarios against the sandbox (100 ms and 20 ms round
// trips, 20 ms of server time, the 4-concurrent rule) and prints one table
// of Photo Desk against one-at-a-time, the floor, and perfect timing (its
// own envelopes played through the sandbox's rules with flawless pacing,
// perfect_test.go). It has no code of its own outside the test.
package benchtable
