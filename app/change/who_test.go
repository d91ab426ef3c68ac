package change

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"github.com/photodesk/photodesk/graphapi"
)

// identities answers Identity with the next of its answers, counting asks.
type identities struct {
	answers []error // nil: the helpdesk account
	asked   int
}

func (i *identities) Identity(context.Context) (graphapi.Identity, error) {
	err := i.answers[min(i.asked, len(i.answers)-1)]
	i.asked++
	if err != nil {
		return graphapi.Identity{}, err
	}
	return graphapi.Identity{TenantID: "t-1", ObjectID: "o-1", Name: "helpdesk@contoso.com"}, nil
}

// TestWhoIsAskedOnceAndRefusesUnknown: a change whose account cannot be
// told is refused before anything is backed up or sent; once told, the
// account and tenant ids (and the name) go into the log, and are not
// asked for again. A changer that knows nobody matches no change.
func TestWhoIsAskedOnceAndRefusesUnknown(t *testing.T) {
	g := newFakeGraph()
	g.photos[ann.Subject] = []byte("original")
	ids := &identities{answers: []error{graphapi.ErrIdentityUnknown, nil}}
	c := &Changer{Graph: g, Cache: g, Dir: filepath.Join(t.TempDir(), "backups"), Identify: IdentifyBy(ids)}
	ctx := context.Background()
	if _, err := c.Set(ctx, ann, []byte("new"), "image/jpeg"); !errors.Is(err, ErrWhoUnknown) || string(g.photo(ann.Subject)) != "original" {
		t.Fatalf("set with no identity: %v, photo %q", err, g.photo(ann.Subject))
	}
	if entries, _ := ReadLog(c.Dir); len(entries) != 0 {
		t.Fatalf("logged %+v", entries)
	}
	e, err := c.Set(ctx, ann, []byte("new"), "image/jpeg")
	if err != nil || e.Account != "o-1" || e.Tenant != "t-1" || e.By != "helpdesk@contoso.com" {
		t.Fatalf("set: %+v, %v", e, err)
	}
	if last, err := c.LastUndoable(ctx); err != nil || last.ID != e.ID || ids.asked != 2 {
		t.Errorf("last undoable %+v, %v; identity asked %d times, want 2", last, err, ids.asked)
	}
	nobody := &Changer{Graph: g, Cache: g, Dir: c.Dir}
	if _, err := nobody.Undo(ctx, ""); !errors.Is(err, ErrWhoUnknown) {
		t.Errorf("undo by nobody: %v", err)
	}
	if _, ok := LastUndoable([]Entry{{ID: "x", Status: StatusDone, Action: ActionSet}}, Who{}); ok {
		t.Error("a change with no account was matched to no account")
	}
}

// A change logged before accounts were told apart by ids (the account by
// its sign-in name, the tenant as configured or the Graph URL, no By) is
// still the account's own to undo; nobody else's, and a line with ids
// never matches by name.
func TestLegacyLinesMatchBySignInName(t *testing.T) {
	me := Who{Account: "o-1", Tenant: "3f2a0000-0000-4000-8000-000000000001", Name: "helpdesk@contoso.com"}
	legacy := []Entry{
		{ID: "window", Status: StatusDone, Action: ActionSet, Account: "Helpdesk@contoso.com", Tenant: "contoso.onmicrosoft.com"},
		{ID: "cli", Status: StatusDone, Action: ActionSet, Account: "helpdesk@contoso.com", Tenant: "https://graph.microsoft.com/v1.0"},
	}
	for _, e := range legacy {
		if last, ok := LastUndoable([]Entry{e}, me); !ok || last.ID != e.ID {
			t.Errorf("the %s's legacy line is not the account's own", e.ID)
		}
		if _, ok := LastUndoable([]Entry{e}, Who{Account: "o-2", Tenant: me.Tenant, Name: "frontdesk@contoso.com"}); ok {
			t.Errorf("another account undoes the %s's legacy line", e.ID)
		}
	}
	byIDs := Entry{ID: "new", Status: StatusDone, Action: ActionSet, Account: "o-9", Tenant: "3f2a0000-0000-4000-8000-000000000009", By: "helpdesk@contoso.com"}
	if _, ok := LastUndoable([]Entry{byIDs}, me); ok {
		t.Error("a line with ids matched by name")
	}
}

// TestTargetIsKeptByObjectID: the account's own photo, asked for as "me"
// or by the account's own UPN, is logged by the account's object id, and
// older lines that kept it as "me" or by UPN are the same person to an
// undo; two accounts' "me" are not, nor is someone else.
func TestTargetIsKeptByObjectID(t *testing.T) {
	w := Who{Account: "o-1", Tenant: "t-1", Name: "helpdesk@contoso.com"}
	for _, c := range []struct {
		name string
		in   Target
		want Target
	}{
		{"me", Target{Kind: "me"}, Target{Kind: "user", ID: "o-1", UPN: "helpdesk@contoso.com"}},
		{"own UPN", Target{Kind: "user", ID: "HelpDesk@contoso.com", UPN: "HelpDesk@contoso.com"}, Target{Kind: "user", ID: "o-1", UPN: "HelpDesk@contoso.com"}},
		{"own id", Target{Kind: "user", ID: "o-1"}, Target{Kind: "user", ID: "o-1"}},
		{"someone else", Target{Kind: "user", ID: "ann@contoso.com", UPN: "ann@contoso.com"}, Target{Kind: "user", ID: "ann@contoso.com", UPN: "ann@contoso.com"}},
		{"a group", Target{Kind: "group", ID: "g-1"}, Target{Kind: "group", ID: "g-1"}},
	} {
		if got := w.target(c.in); got != c.want {
			t.Errorf("%s: target(%+v) = %+v, want %+v", c.name, c.in, got, c.want)
		}
	}

	byHelpdesk := func(t Target) Entry {
		return Entry{Account: "o-1", Tenant: "t-1", By: "helpdesk@contoso.com", Target: t}
	}
	oldMe := byHelpdesk(Target{Kind: "me"})
	for _, c := range []struct {
		name string
		a, b Entry
		same bool
	}{
		{"old me, by id", oldMe, byHelpdesk(Target{Kind: "user", ID: "o-1"}), true},
		{"old me, by own UPN", oldMe, byHelpdesk(Target{Kind: "user", ID: "helpdesk@contoso.com", UPN: "helpdesk@contoso.com"}), true},
		{"own UPN, by id", byHelpdesk(Target{Kind: "user", ID: "HELPDESK@contoso.com"}), byHelpdesk(Target{Kind: "user", ID: "o-1"}), true},
		{"two accounts' me", oldMe, Entry{Account: "o-2", Tenant: "t-1", By: "frontdesk@contoso.com", Target: Target{Kind: "me"}}, false},
		{"someone else", oldMe, byHelpdesk(Target{Kind: "user", ID: "ann@contoso.com", UPN: "ann@contoso.com"}), false},
		{"a group of the same id", byHelpdesk(Target{Kind: "user", ID: "o-1"}), byHelpdesk(Target{Kind: "group", ID: "o-1"}), false},
	} {
		if got := sameTarget(c.a, c.b); got != c.same {
			t.Errorf("%s: sameTarget = %v, want %v", c.name, got, c.same)
		}
		if got := sameTarget(c.b, c.a); got != c.same {
			t.Errorf("%s, the other way round: sameTarget = %v, want %v", c.name, got, c.same)
		}
	}
}
