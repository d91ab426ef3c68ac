package export

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/graphapi"
)

// pageSize is the largest page Graph allows ($top 999), so a 1,000-member
// group costs two directory requests.
const pageSize = 999

// lookupChunk is how many people-list entries go to one Batch call; Batch
// splits them into envelopes of 20 and sends four at a time.
const lookupChunk = 100

// userSelect keeps directory answers to the fields the report needs.
var userSelect = []string{"id", "displayName", "userPrincipalName", "mail", "jobTitle"}

// feed reads the source and queues each person's first task. It returns
// when the source is exhausted, fails, or ctx ends.
func (r *run) feed(ctx context.Context) error {
	defer r.q.sourceDone()
	defer r.t.totalKnown()
	src := r.opts.Source
	switch {
	case src.GroupID != "":
		return r.feedPager(ctx, fmt.Sprintf("members of group %s", src.GroupID),
			func() pager { return memberPager{r.c.GroupMembers(src.GroupID, graphapi.ListOptions{Top: pageSize})} })
	case src.AllUsers:
		return r.feedPager(ctx, "users",
			func() pager { return userPager{r.c.Users(graphapi.ListOptions{Top: pageSize})} })
	case src.Groups != nil:
		r.t.listTotal(len(src.Groups)) // known at once, as for a people list
		for _, g := range src.Groups {
			r.admit(g, true)
		}
		return nil
	default:
		return r.feedPeople(ctx, src.People)
	}
}

// member is a directory object from a listing; skip explains why it gets
// no photo (a group among a group's members).
type member struct {
	user graphapi.UserInfo
	skip string
}

// pager hides the element type of the two listings the engine walks.
type pager interface {
	next(ctx context.Context) ([]member, error)
	done() bool
}

type memberPager struct {
	p *graphapi.Pager[graphapi.DirectoryObject]
}

func (m memberPager) done() bool { return m.p.Done() }
func (m memberPager) next(ctx context.Context) ([]member, error) {
	objs, err := m.p.Next(ctx)
	out := make([]member, 0, len(objs))
	for _, o := range objs {
		mb := member{user: o.UserInfo}
		if !o.IsUser() {
			kind := strings.TrimPrefix(o.ODataType, "#microsoft.graph.")
			if kind == "" {
				kind = "unknown type"
			}
			mb.skip = "member is a " + kind + ", not a user"
		}
		out = append(out, mb)
	}
	return out, err
}

type userPager struct {
	p *graphapi.Pager[graphapi.UserInfo]
}

func (u userPager) done() bool { return u.p.Done() }
func (u userPager) next(ctx context.Context) ([]member, error) {
	users, err := u.p.Next(ctx)
	out := make([]member, len(users))
	for i, us := range users {
		out[i] = member{user: us}
	}
	return out, err
}

func (r *run) feedPager(ctx context.Context, what string, open func() pager) error {
	p := open()
	for !p.done() {
		page, err := p.next(ctx)
		if err != nil {
			return fmt.Errorf("list %s: %w", what, err)
		}
		for _, m := range page {
			if m.skip != "" {
				r.t.addPeople(1)
				r.t.row(nil, Row{
					ID: m.user.ID, UPN: m.user.UserPrincipalName, DisplayName: m.user.DisplayName,
					Status: StatusSkipped, Error: m.skip,
				}, rowSkipped, 0)
				continue
			}
			r.admit(app.PersonFromUser(m.user), false)
		}
	}
	return nil
}

// admit queues a user's (or a group's) first task, once per object id.
// counted says the person is already in the total (a list is counted up
// front).
func (r *run) admit(p app.Person, counted bool) {
	key := strings.ToLower(p.ID)
	if r.seen[key] {
		r.t.duplicate()
		if counted {
			r.t.addPeople(-1)
		}
		return
	}
	r.seen[key] = true
	ps := &personState{person: p, requested: r.opts.Sizes.Size, remaining: 1}
	if !counted {
		r.t.addPeople(1)
	}
	r.q.push(r.firstTask(ps))
}

// feedPeople looks the listed ids and UPNs up through $batch, so the report
// has each person's id, UPN and name; an entry nobody answers to gets an
// error row of its own. Every entry is looked up before any is queued:
// two entries may name one person (a UPN and an id, or a mail), which only
// the lookup tells, and the total shown counts each person once from the
// start rather than shrinking as duplicates are found.
func (r *run) feedPeople(ctx context.Context, entries []string) error {
	seenEntry := make(map[string]bool, len(entries))
	var todo []string
	for _, e := range entries {
		e = strings.TrimSpace(e)
		k := strings.ToLower(e)
		if e == "" || seenEntry[k] {
			if e != "" {
				r.t.duplicate()
			}
			continue
		}
		seenEntry[k] = true
		todo = append(todo, e)
	}
	found := make([]looked, len(todo))
	r.t.lookingUp(0, len(todo))
	for start := 0; start < len(todo); start += lookupChunk {
		end := min(start+lookupChunk, len(todo))
		if err := r.lookup(ctx, todo[start:end], found[start:end]); err != nil {
			return err
		}
		r.t.lookingUp(end, len(todo))
	}
	// Each person once, in list order; entries that never became one are
	// rows of their own.
	seen := make(map[string]bool, len(found))
	var people []looked
	for _, f := range found {
		if f.user != nil {
			key := strings.ToLower(f.user.ID)
			if seen[key] {
				r.t.duplicate()
				continue
			}
			seen[key] = true
		}
		people = append(people, f)
	}
	r.t.listTotal(len(people))
	for _, f := range people {
		if f.user == nil {
			r.t.row(nil, f.row, rowFetched, 0)
			continue
		}
		r.admit(app.PersonFromUser(*f.user), true)
	}
	return nil
}

// looked is what the lookup of one people-list entry found: its user, or
// the error row of an entry that never became a person.
type looked struct {
	user *graphapi.UserInfo
	row  Row
}

// lookup resolves one chunk of entries into out (one slot each, in the
// same order), retrying throttled ones after their Retry-After like photo
// tasks.
func (r *run) lookup(ctx context.Context, entries []string, out []looked) error {
	// The entries of a chunk wait together, so they share one budget.
	var waited time.Duration
	pending := make([]int, len(entries)) // indexes into entries and out
	for i := range pending {
		pending[i] = i
	}
	for round := 0; len(pending) > 0; round++ {
		reqs := make([]graphapi.BatchRequest, len(pending))
		for k, i := range pending {
			reqs[k] = graphapi.BatchRequest{
				ID:  strconv.Itoa(k),
				URL: graphapi.UserPath(entries[i]) + "?$select=" + strings.Join(userSelect, ","),
			}
		}
		resps, err := r.c.Batch(ctx, reqs)
		if err != nil {
			return fmt.Errorf("look up people: %w", err)
		}
		var again []int
		var wait time.Duration
		for k, resp := range resps {
			i := pending[k]
			e := entries[i]
			if d, ok := retryable(resp); ok && round < r.maxRounds {
				if err := r.waitTooLong(waited, d); err != nil {
					out[i] = looked{row: lookupRow(e, err.Error())}
					continue
				}
				again = append(again, i)
				wait = max(wait, d)
				continue
			}
			var u graphapi.UserInfo
			if resp.Err == nil {
				if err := json.Unmarshal(resp.Body, &u); err != nil {
					resp.Err = fmt.Errorf("unexpected answer: %w", err)
				} else if u.ID == "" {
					resp.Err = errors.New("unexpected answer: no id")
				}
			}
			if resp.Err != nil && resp.Status == http.StatusNotFound && strings.Contains(e, "@") {
				// An address that is nobody's UPN: a guest's own mail, or
				// anyone's whose mail differs, as the window's lists take.
				found, err := app.UserByMail(ctx, r.c, e)
				switch {
				case ctx.Err() != nil:
					return fmt.Errorf("look up people: %w", ctx.Err()) // stopped: not reached, no row
				case err == nil:
					u, resp.Err = *found, nil
				case !errors.Is(err, app.ErrNoSuchMail):
					resp.Err = fmt.Errorf("%w; looked up as a mail address: %w", resp.Err, err)
				}
			}
			if resp.Err != nil {
				out[i] = looked{row: lookupRow(e, lookupError(e, resp))}
				continue
			}
			out[i] = looked{user: &u}
		}
		if len(again) > 0 {
			for range again {
				r.t.throttled()
			}
			if err := r.sleep(ctx, wait); err != nil {
				return fmt.Errorf("look up people: %w", err)
			}
			waited += wait
		}
		pending = again
	}
	return nil
}

// lookupRow is the error row of a people-list entry that never became a
// person.
func lookupRow(entry, reason string) Row {
	row := Row{Status: StatusError, Error: reason}
	if strings.Contains(entry, "@") {
		row.UPN = entry
	} else {
		row.ID = entry
	}
	return row
}

func lookupError(entry string, resp graphapi.BatchResponse) string {
	if resp.Status == http.StatusNotFound {
		return fmt.Sprintf("user %s not found: %v", entry, resp.Err)
	}
	return fmt.Sprintf("look up %s: %v", entry, resp.Err)
}
