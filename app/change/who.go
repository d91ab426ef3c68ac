package change

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/graphapi"
)

// ErrWhoUnknown: the account and tenant a change would be made as cannot
// be told, so it could not be matched to its undo later; nothing was
// changed.
var ErrWhoUnknown = errors.New("cannot tell which account and tenant is signed in, so a change could not be undone later; nothing was changed")

// Who is the account changes are made as: ids that tell accounts and
// tenants apart whatever they are called and wherever the change was made
// from (the window, the command line, a bare token), and a name for
// people reading the log.
type Who struct {
	Account, Tenant string // object id and tenant id
	Name            string
}

// made reports whether e was made by w: by its ids, or, for a line
// logged before accounts were told apart by ids (no By; the account by its
// sign-in name, the tenant as configured or as the Graph URL), by the
// sign-in name, which names one account in one tenant.
func (w Who) made(e Entry) bool {
	if w.Account == "" {
		return false
	}
	if e.Account == w.Account && e.Tenant == w.Tenant {
		return true
	}
	return e.By == "" && w.Name != "" && !app.LooksLikeObjectID(e.Tenant) && strings.EqualFold(e.Account, w.Name)
}

// target is t as the log keeps a change w makes: the person by object id.
// w's own photo — "me", or w's own sign-in name as a UPN — is w's object
// id, known without asking Graph: one person under two names would make
// an undo take Photo Desk's own earlier change for one made elsewhere.
func (w Who) target(t Target) Target {
	switch {
	case w.Account == "":
		return t
	case t.Kind == "me" && t.ID == "":
		t.Kind, t.ID = "user", w.Account
		if t.UPN == "" && strings.Contains(w.Name, "@") {
			t.UPN = w.Name
		}
	case t.Kind == "user" && w.Name != "" && strings.EqualFold(t.ID, w.Name):
		t.ID = w.Account
		if t.UPN == "" {
			t.UPN = w.Name
		}
	}
	return t
}

// Identifier is a Graph client that can say who its token speaks for;
// *graphapi.Client is one.
type Identifier interface {
	Identity(ctx context.Context) (graphapi.Identity, error)
}

// IdentifyBy is an Identify that reads who changes from g's token.
func IdentifyBy(g Identifier) func(context.Context) (Who, error) {
	return func(ctx context.Context) (Who, error) {
		id, err := g.Identity(ctx)
		if err != nil {
			return Who{}, err
		}
		return Who{Account: id.ObjectID, Tenant: id.TenantID, Name: id.Name}, nil
	}
}

// Who is who c changes as: Identify's answer (asked once, and again
// after a failure), or Account and Tenant without it. Failing to tell is
// ErrWhoUnknown.
func (c *Changer) Who(ctx context.Context) (Who, error) {
	if c.Identify == nil {
		if c.Account == "" {
			return Who{}, ErrWhoUnknown
		}
		return Who{Account: c.Account, Tenant: c.Tenant, Name: c.Account}, nil
	}
	c.whoMu.Lock()
	defer c.whoMu.Unlock()
	if c.who != nil {
		return *c.who, nil
	}
	w, err := c.Identify(ctx)
	if err == nil && (w.Account == "" || w.Tenant == "") {
		err = errors.New("no account or tenant id")
	}
	if err != nil {
		return Who{}, fmt.Errorf("%w: %w", ErrWhoUnknown, err)
	}
	c.who = &w
	return w, nil
}
