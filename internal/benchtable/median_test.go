package benchtable

import (
	"cmp"
	"slices"
	"time"
)

// median returns the run whose key is the median of runs' (the middle
// one of an odd number), and the smallest and largest keys: the export
// runs by their time, the launches by the time of a step.
func median[T any](runs []T, key func(T) time.Duration) (mid T, low, high time.Duration) {
	sorted := slices.SortedFunc(slices.Values(runs), func(a, b T) int { return cmp.Compare(key(a), key(b)) })
	return sorted[len(sorted)/2], key(sorted[0]), key(sorted[len(sorted)-1])
}
