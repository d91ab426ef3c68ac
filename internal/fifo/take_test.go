package fifo

import (
	"slices"
	"testing"
)

func TestTakeFirstListFirst(t *testing.T) {
	a, b := []int{1, 2}, []int{3, 4, 5}
	if got := Take(3, &a, &b); !slices.Equal(got, []int{1, 2, 3}) {
		t.Errorf("Take(3) = %v", got)
	}
	if len(a) != 0 || !slices.Equal(b, []int{4, 5}) {
		t.Errorf("left %v %v", a, b)
	}
	if got := Take(5, &b, &a); !slices.Equal(got, []int{4, 5}) || len(b) != 0 {
		t.Errorf("Take past the end = %v, left %v", got, b)
	}
	if got := Take(2, &a, &b); len(got) != 0 {
		t.Errorf("Take of nothing = %v", got)
	}
}
