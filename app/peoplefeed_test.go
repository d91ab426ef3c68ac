package app

import (
	"context"
	"slices"
	"testing"
)

// A feed hands over everyone added since the last Next, in the order
// added, says which hand-over is the last, and lets a Next waiting on an
// open feed go when its context ends.
func TestPeopleFeedHandsOverInOrder(t *testing.T) {
	feed := NewPeopleFeed()
	feed.Add(userPerson("a"), userPerson("b"))
	feed.Add(userPerson("c"))
	got, last := feed.Next(t.Context())
	if !slices.Equal(ids(got), []string{"a", "b", "c"}) || last {
		t.Errorf("Next = %v (last %v), want a, b, c and more to come", ids(got), last)
	}
	feed.Add(userPerson("d"))
	feed.Close()
	if got, last = feed.Next(t.Context()); !slices.Equal(ids(got), []string{"d"}) || !last {
		t.Errorf("Next after Close = %v (last %v), want d, the last", ids(got), last)
	}

	open := NewPeopleFeed()
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if got, last := open.Next(ctx); len(got) != 0 || !last {
		t.Errorf("Next on an open feed after its context ended = %v (last %v)", ids(got), last)
	}
}
