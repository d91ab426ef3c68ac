package app

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/photodesk/photodesk/graphapi"
)

// ErrNoSuchGroup matches (errors.Is) FindGroup's answer when no group
// answers to an entry.
var ErrNoSuchGroup = errors.New("no such group")

// GroupNotFoundError is FindGroup's answer when no group answers to an
// entry: it says what the entry was read as (an id, a mail address, a
// name), since a person who typed a name should not go looking for a
// deleted group, and names groups whose name starts with it, for a name
// typed short.
type GroupNotFoundError struct {
	Entry string
	By    string // "id", "mail" or "name"
	Near  []graphapi.GroupInfo
}

func (e *GroupNotFoundError) Error() string {
	switch e.By {
	case "id":
		return "no group has the id " + e.Entry
	case "mail":
		return "no group has the mail address " + e.Entry
	}
	text := fmt.Sprintf("no group is named %q", e.Entry)
	if len(e.Near) > 0 {
		text += "; groups whose name starts so: " + groupList(e.Near)
	}
	return text
}

// Is makes errors.Is(err, ErrNoSuchGroup) true.
func (e *GroupNotFoundError) Is(target error) bool { return target == ErrNoSuchGroup }

// AmbiguousGroupError is FindGroup's answer when several groups answer
// to an entry (two groups may share a display name): the person picks the
// one meant by its id, which it lists.
type AmbiguousGroupError struct {
	Entry  string
	Groups []graphapi.GroupInfo
}

func (e *AmbiguousGroupError) Error() string {
	return fmt.Sprintf("%d groups answer to %q: give the id of the one meant instead: %s", len(e.Groups), e.Entry, groupList(e.Groups))
}

// maxNear is how many groups whose name starts with an unknown name a
// GroupNotFoundError names.
const maxNear = 3

// groupList names groups with their ids (and mail), for a person to pick
// one from.
func groupList(gs []graphapi.GroupInfo) string {
	parts := make([]string, len(gs))
	for i, g := range gs {
		parts[i] = fmt.Sprintf("%q (id %s", g.DisplayName, g.ID)
		if g.Mail != "" {
			parts[i] += ", " + g.Mail
		}
		parts[i] += ")"
	}
	return strings.Join(parts, ", ")
}

// FindGroup finds the group an entry of a list of groups names: its
// object id, its mail address or its display name (whole, case aside),
// as a person knows a group; Graph reads a group by id alone. A
// GroupNotFoundError when none answers, an AmbiguousGroupError when
// several do.
func FindGroup(ctx context.Context, c *graphapi.Client, entry string) (Person, error) {
	entry = strings.TrimSpace(entry)
	switch {
	case entry == "":
		return Person{}, errors.New("find group: empty entry")
	case LooksLikeObjectID(entry):
		g, err := c.GetGroup(ctx, entry)
		if graphapi.IsNotFound(err) {
			return Person{}, &GroupNotFoundError{Entry: entry, By: "id"}
		}
		if err != nil {
			return Person{}, err
		}
		return PersonFromGroup(*g), nil
	case strings.Contains(entry, "@") && !strings.ContainsAny(entry, " \t"):
		return findGroupBy(ctx, c.Groups(graphapi.ListOptions{Search: searchText("mail:" + entry), Top: SearchPageSize}),
			entry, "mail", func(g graphapi.GroupInfo) string { return g.Mail })
	}
	// startswith needs no ConsistencyLevel and is exact: the groups it
	// answers are the ones named so, and a few whose name goes on.
	return findGroupBy(ctx, c.Groups(graphapi.ListOptions{StartsWith: entry, Top: 999}),
		entry, "name", func(g graphapi.GroupInfo) string { return g.DisplayName })
}

// maxFindPages caps the pages FindGroup reads for one entry: a name or an
// address is among the first answers, and a list's lookup must not walk
// the directory.
const maxFindPages = 3

// findGroupBy reads pg for the groups whose field equals entry.
func findGroupBy(ctx context.Context, pg *graphapi.Pager[graphapi.GroupInfo], entry, by string, field func(graphapi.GroupInfo) string) (Person, error) {
	var found, near []graphapi.GroupInfo
	for pages := 0; !pg.Done() && pages < maxFindPages; pages++ {
		page, err := pg.Next(ctx)
		if err != nil {
			return Person{}, fmt.Errorf("find group %q: %w", entry, err)
		}
		for _, g := range page {
			switch {
			case strings.EqualFold(strings.TrimSpace(field(g)), entry):
				found = append(found, g)
			case len(near) < maxNear:
				near = append(near, g)
			}
		}
	}
	switch len(found) {
	case 0:
		if by != "name" {
			near = nil // a search's answers only share a word with the address
		}
		return Person{}, &GroupNotFoundError{Entry: entry, By: by, Near: near}
	case 1:
		return PersonFromGroup(found[0]), nil
	}
	return Person{}, &AmbiguousGroupError{Entry: entry, Groups: found}
}

// GroupProblem is an entry of a list of groups FindGroups could not turn
// into one group, and why.
type GroupProblem struct {
	Entry string
	Err   error
}

// findGroupsAtOnce is how many entries FindGroups looks up at a time:
// directory reads, well within Graph's limits, and a list of a hundred
// groups is not a hundred round trips end to end.
const findGroupsAtOnce = 4

// FindGroups finds each entry's group (FindGroup), in list order, each
// group once however many entries name it; problems are the entries that
// named no group or several, in list order. The export of groups' own
// photos takes the groups; a list with problems is for the person to put
// right before anything is fetched.
func FindGroups(ctx context.Context, c *graphapi.Client, entries []string) (groups []Person, problems []GroupProblem) {
	found := make([]Person, len(entries))
	errs := make([]error, len(entries))
	sem := make(chan struct{}, findGroupsAtOnce)
	var wg sync.WaitGroup
	for i, e := range entries {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			found[i], errs[i] = FindGroup(ctx, c, e)
		})
	}
	wg.Wait()
	seen := make(map[string]bool, len(entries))
	for i, p := range found {
		switch {
		case errs[i] != nil:
			problems = append(problems, GroupProblem{Entry: entries[i], Err: errs[i]})
		case !seen[strings.ToLower(p.ID)]:
			seen[strings.ToLower(p.ID)] = true
			groups = append(groups, p)
		}
	}
	return groups, problems
}
