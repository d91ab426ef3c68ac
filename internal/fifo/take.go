// Package fifo holds the one rule two work queues share: take up to n
// items from the front of several lists, the first list first.
package fifo

// Take removes up to n items from the front of the lists, in the order
// given, and returns them: a queue that serves one kind of work before
// another (retries before new work, or the other way round) passes its
// lists in that order.
func Take[T any](n int, lists ...*[]T) []T {
	total := 0
	for _, l := range lists {
		total += len(*l)
	}
	out := make([]T, 0, min(n, total))
	for _, l := range lists {
		k := min(n-len(out), len(*l))
		out = append(out, (*l)[:k]...)
		*l = (*l)[k:]
	}
	return out
}
