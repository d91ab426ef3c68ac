package importer

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/photodesk/photodesk/graphapi"
)

// Status is what the preview says will happen to a file.
type Status string

// The preview's statuses.
const (
	StatusUpload    Status = "will upload"  // matched; the person has no photo
	StatusReplace   Status = "will replace" // matched; the person has a photo (sent only with Replace)
	StatusNoMatch   Status = "no match"
	StatusAmbiguous Status = "ambiguous" // several people match; Choose one
	StatusInvalid   Status = "invalid"   // not a picture, under 48 px, unreadable
	StatusDuplicate Status = "duplicate" // another file matches the same person; Prefer one
	// StatusNoBackup: matched, but Graph answers for the person as for a
	// user without an Exchange Online mailbox, so their current photo
	// cannot be read or backed up; never sent, as Change photo… refuses
	// too (nothing is changed without a backup first).
	StatusNoBackup Status = "cannot back up"
)

// Item is one file of the plan.
type Item struct {
	File   File
	Status Status
	Rule   Rule  // the rule that matched; "" when none did
	User   *User // whom the file goes to; nil when nobody (yet)
	// Candidates are everyone the matching rule found, when more than one.
	Candidates []User
	// HasPhoto: the person had a photo when the plan looked.
	HasPhoto bool
	// Ticked: the person wants this file sent (only counts for will
	// upload / will replace; ticked by default).
	Ticked bool
	// Note says why: the problem, the other file of a duplicate, a small
	// picture's warning.
	Note string

	preferred bool // picked among duplicates
	// unlooked is why the file's name could not be looked up (a name
	// Graph refuses): the item is no match, with this as its note.
	unlooked string
	// group is the display name of the group the file's name names,
	// when it names no person (nameGroups).
	group string
	// groupsUnchecked says why the group lookup of a file nobody matches
	// failed (nameGroups), for its note; "" when it did not.
	groupsUnchecked string
}

// Plan is the preview: every file with its status, which the caller may
// still change (SetTicked, Choose, Prefer, Replace) before Run.
type Plan struct {
	Dir   string
	Rules []Rule
	Items []*Item
	// Replace sends files to people who have a photo already; off by
	// default, so an import never replaces a photo unasked.
	Replace bool
	photos  map[string]bool // user id -> has a photo
	// unchecked holds why a person's photo could not be checked: they
	// count as no photo for the status, with a note saying so.
	unchecked map[string]error
	// noMailbox holds the people Graph answered as having no Exchange
	// mailbox: their photo cannot be backed up, so none is sent to them
	// (StatusNoBackup), whatever Replace says.
	noMailbox map[string]bool
	// mu orders SetDamaged, called by the preview as thumbnails fail,
	// against Run taking the plan (ran): from then on the run's
	// goroutines read the items, and nothing else changes them.
	mu  sync.Mutex
	ran bool
}

// BuildPlan matches files to people with rules (in AllRules' order) and
// looks up who has a photo. Nothing is changed in the tenant. Lookups are
// batched: one $filter per rule and fifteen distinct names, one metadata
// request per person matched, all in $batch envelopes.
func BuildPlan(ctx context.Context, d Directory, dir string, files []File, rules []Rule) (*Plan, error) {
	if d == nil {
		return nil, errNoDirectory
	}
	if len(rules) == 0 {
		rules = AllRules
	}
	p := &Plan{Dir: dir, Rules: rules, photos: map[string]bool{}}
	found, failed, err := findAll(ctx, d, files, rules)
	if err != nil {
		return nil, err
	}
	var ids []string
	seen := map[string]bool{}
	for _, f := range files {
		it := &Item{File: f}
		p.Items = append(p.Items, it)
		if f.Problem != "" {
			continue
		}
		if why := nameProblem(f.Key); why != "" {
			it.unlooked = "cannot be looked up: " + why + "; rename the file"
			continue
		}
		for _, r := range rules {
			key := lookupKey{r, strings.ToLower(r.candidate(f.Key))}
			if err := failed[key]; err != nil {
				// A later rule is not asked in its place: it might
				// find someone other than whom this rule would have.
				it.unlooked = fmt.Sprintf("Graph refused to look this name up by %s (%s); rename the file", r, refusal(err))
				break
			}
			users := found[key]
			if len(users) == 0 {
				continue
			}
			it.Rule = r
			if len(users) == 1 {
				it.User = &users[0]
			} else {
				it.Candidates = users
			}
			for _, u := range users {
				if !seen[u.ID] {
					seen[u.ID] = true
					ids = append(ids, u.ID)
				}
			}
			break
		}
	}
	if err := p.nameGroups(ctx, d); err != nil {
		return nil, err
	}
	if len(ids) > 0 {
		has, err := d.HasPhotos(ctx, ids)
		if err != nil {
			return nil, err
		}
		for i, id := range ids {
			p.photos[id] = has[i].Has
			if has[i].NoMailbox {
				if p.noMailbox == nil {
					p.noMailbox = map[string]bool{}
				}
				p.noMailbox[id] = true
			}
			if has[i].Err != nil {
				if p.unchecked == nil {
					p.unchecked = map[string]error{}
				}
				p.unchecked[id] = has[i].Err
			}
		}
	}
	p.settle()
	return p, nil
}

// lookupKey is a rule and a lower-cased value.
type lookupKey struct {
	rule  Rule
	value string
}

// findAll sends every file's candidate values, fifteen distinct values a
// query, and indexes who each value found (each user once per value).
// A query Graph refuses (400) is asked again one value at a time, so one
// file name Graph cannot take fails only its own file: failed holds the
// values refused on their own. Any other failure stops the lookup (it
// would fail every file alike: no permission, no connection).
func findAll(ctx context.Context, d Directory, files []File, rules []Rule) (found map[lookupKey][]User, failed map[lookupKey]error, err error) {
	var queries []Query
	var queryRule []Rule
	for _, r := range rules {
		var values []string
		seen := map[string]bool{}
		for _, f := range files {
			v := r.candidate(f.Key)
			if f.Problem != "" || v == "" || seen[strings.ToLower(v)] {
				continue
			}
			seen[strings.ToLower(v)] = true
			values = append(values, v)
		}
		for _, q := range inQueries(r.field(), values) {
			queries = append(queries, q)
			queryRule = append(queryRule, r)
		}
	}
	found, failed = map[lookupKey][]User{}, map[lookupKey]error{}
	for len(queries) > 0 {
		answers, err := d.FindUsers(ctx, queries)
		if err != nil {
			return nil, nil, err
		}
		var again []Query
		var againRule []Rule
		for i, a := range answers {
			r, q := queryRule[i], queries[i]
			switch {
			case a.Err == nil:
				index(found, r, a.Users)
			case !refused(a.Err):
				return nil, nil, fmt.Errorf("look up people by %s: %w", q.Field, a.Err)
			case len(q.Values) > 1:
				for _, v := range q.Values {
					again = append(again, Query{Field: q.Field, Values: []string{v}})
					againRule = append(againRule, r)
				}
			default:
				failed[lookupKey{r, strings.ToLower(q.Values[0])}] = a.Err
			}
		}
		queries, queryRule = again, againRule
	}
	return found, failed, nil
}

// index adds who a rule's query found to found, by the value they hold,
// each user once per value.
func index(found map[lookupKey][]User, r Rule, users []User) {
	for _, u := range users {
		k := lookupKey{r, strings.ToLower(r.value(u))}
		dup := false
		for _, have := range found[k] {
			dup = dup || have.ID == u.ID
		}
		if !dup && r.value(u) != "" {
			found[k] = append(found[k], u)
		}
	}
}

// settle works out every item's status from its match, the people's
// photos and the caller's choices. An item that becomes sendable is
// ticked; one the caller unticked stays unticked.
func (p *Plan) settle() {
	byUser := map[string][]*Item{}
	for _, it := range p.Items {
		was := it.Status
		switch {
		case it.File.Problem != "":
			it.Status, it.Note = StatusInvalid, it.File.Problem
		case it.User == nil && it.unlooked != "":
			it.Status, it.Note = StatusNoMatch, it.unlooked
		case it.User == nil && len(it.Candidates) > 1:
			it.Status, it.Note = StatusAmbiguous, fmt.Sprintf("%d people match; pick one", len(it.Candidates))
		case it.User == nil && it.group != "":
			it.Status, it.Note = StatusNoMatch, groupNote(it.group)
		case it.User == nil:
			it.Status, it.Note = StatusNoMatch, "nobody matches "+quoteRules(p.Rules)
			if it.groupsUnchecked != "" {
				it.Note += "; " + it.groupsUnchecked
			}
		default:
			it.Status = p.matchedStatus(it)
			if it.Status != StatusNoBackup {
				// Picking one of several files for a person
				// nothing can be sent to would settle nothing.
				byUser[it.User.ID] = append(byUser[it.User.ID], it)
			}
		}
		if it.Sendable() && !wasSendable(was) {
			it.Ticked = true
		}
	}
	for _, group := range byUser {
		if len(group) < 2 {
			continue
		}
		var keep *Item
		for _, it := range group {
			if it.preferred {
				keep = it
			}
		}
		for _, it := range group {
			if it == keep {
				continue
			}
			it.Status = StatusDuplicate
			it.Note = "same person as " + otherNames(group, it)
		}
	}
}

// matchedStatus is will upload or will replace, with a small picture's
// warning, or cannot back up for a person without a mailbox.
func (p *Plan) matchedStatus(it *Item) Status {
	it.HasPhoto = p.photos[it.User.ID]
	it.Note = ""
	if p.noMailbox[it.User.ID] {
		it.Note = noMailboxNote
		return StatusNoBackup
	}
	if it.File.Small() {
		it.Note = fmt.Sprintf("small: %dx%d, under the %d px Teams and Outlook show, so it will look blurry", it.File.Width, it.File.Height, SmallSide)
	}
	if err := p.unchecked[it.User.ID]; err != nil {
		if it.Note != "" {
			it.Note += "; "
		}
		it.Note += "the current photo could not be checked (" + uncheckedReason(err) + "): " +
			"the file is sent only if there is none, unless replace is on"
	}
	if it.HasPhoto {
		return StatusReplace
	}
	return StatusUpload
}

// noMailboxNote is why a file is not sent to a person Graph answers as
// having no Exchange Online mailbox (StatusNoBackup): the words Change
// photo… uses for them too.
const noMailboxNote = "Microsoft Graph answers that this user has no Exchange Online mailbox (400 AuthenticationError): " +
	"their current photo cannot be read, so it cannot be backed up, and Photo Desk changes no photo it could not back up first"

// uncheckedReason is a failed photo check in a few words.
func uncheckedReason(err error) string {
	var ge *graphapi.Error
	if errors.As(err, &ge) {
		switch ge.Status {
		case 401, 403:
			return "not allowed"
		case 429:
			return "throttled"
		}
		return fmt.Sprintf("Graph answered %d", ge.Status)
	}
	return err.Error()
}

// Sendable reports a status that Run may send (will upload, will replace).
func (it *Item) Sendable() bool { return wasSendable(it.Status) }

func wasSendable(s Status) bool { return s == StatusUpload || s == StatusReplace }

// Sends reports whether Run will send it: ticked, and will upload, or
// will replace with Replace on.
func (p *Plan) Sends(it *Item) bool {
	return it.Ticked && (it.Status == StatusUpload || it.Status == StatusReplace && p.Replace)
}

// SetTicked ticks or unticks item i.
func (p *Plan) SetTicked(i int, on bool) { p.Items[i].Ticked = on }

// SetDamaged makes item i invalid, with why as its note: a picture the
// preview could not decode (its thumbnail failed) although its header
// and end read fine when scanned, so it is neither counted nor sent. It
// reports false and changes nothing once Run has taken the plan: the
// run's own decode then fails the file, for the same reason.
func (p *Plan) SetDamaged(i int, why string) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.ran {
		return false
	}
	p.Items[i].File.Problem = why
	p.settle()
	return true
}

// take marks the plan as Run's: SetDamaged leaves it alone from now on.
func (p *Plan) take() {
	p.mu.Lock()
	p.ran = true
	p.mu.Unlock()
}

// Choose settles an ambiguous item i on one of its candidates, by id.
func (p *Plan) Choose(i int, userID string) error {
	it := p.Items[i]
	for k := range it.Candidates {
		if it.Candidates[k].ID == userID {
			u := it.Candidates[k]
			it.User = &u
			p.settle()
			return nil
		}
	}
	return fmt.Errorf("import: %s is not one of the people %s matches", userID, it.File.Name)
}

// Prefer picks item i among the files that match the same person: it is
// the one sent, the others stay duplicates.
func (p *Plan) Prefer(i int) {
	it := p.Items[i]
	if it.User == nil {
		return
	}
	for _, other := range p.Items {
		if other.User != nil && other.User.ID == it.User.ID {
			other.preferred = other == it
		}
	}
	p.settle()
}

// Count is how many items have each status.
func (p *Plan) Count() map[Status]int {
	out := map[Status]int{}
	for _, it := range p.Items {
		out[it.Status]++
	}
	return out
}

// ToSend is how many items Run would send.
func (p *Plan) ToSend() int {
	n := 0
	for _, it := range p.Items {
		if p.Sends(it) {
			n++
		}
	}
	return n
}

func otherNames(group []*Item, it *Item) string {
	var names []string
	for _, o := range group {
		if o != it {
			names = append(names, o.File.Name)
		}
	}
	return strings.Join(names, ", ")
}

func quoteRules(rules []Rule) string {
	names := make([]string, len(rules))
	for i, r := range rules {
		names[i] = string(r)
	}
	return "by " + strings.Join(names, ", ")
}
