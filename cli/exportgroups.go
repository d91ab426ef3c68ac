package cli

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/photodesk/photodesk/app"
)

// repeated is --group-photo, a flag that may be given many times, each
// value kept in order (--group-photo Sales --group-photo Interns).
type repeated []string

func (r *repeated) String() string { return strings.Join(*r, ", ") }

// Set takes one value, read as every subject flag is (subject); an empty
// one is refused, as parseFlags refuses an empty text flag (an unset shell
// variable), in the same words (flagError).
func (r *repeated) Set(v string) error {
	s := subject("group-photo", v)
	if s == "" {
		return emptyValue("group-photo", v)
	}
	*r = append(*r, s)
	return nil
}

// errGroupsUnresolved ends an export whose list of groups named a group
// that is not there, or several: nothing is fetched until it is put right.
var errGroupsUnresolved = errors.New("some of the groups listed could not be found")

// groupEntries is the groups the command line names for their own
// photos: --groups-file's lines, then each --group-photo, each once.
func (f *exportFlags) groupEntries() ([]string, error) {
	var entries []string
	if f.groupsFile != "" {
		listed, err := app.ReadGroupList(f.groupsFile)
		if err != nil {
			return nil, err
		}
		entries = listed
	}
	seen := make(map[string]bool, len(entries))
	for _, e := range entries {
		seen[strings.ToLower(e)] = true
	}
	for _, e := range f.groupPhotos {
		if !seen[strings.ToLower(e)] {
			seen[strings.ToLower(e)] = true
			entries = append(entries, e)
		}
	}
	return entries, nil
}

// findGroups finds the groups entries name, or says on stderr, one line
// each, which entries named no group or several (with the ids to choose
// from), and returns errGroupsUnresolved: an export of some of the groups
// asked for would read as all of them.
func findGroups(ctx context.Context, e *env, sess *session, entries []string) ([]app.Person, error) {
	if e.appOnly {
		return nil, errors.New("an application sign-in cannot export groups' own photos: Microsoft Graph refuses group photos " +
			"to applications, whatever permissions the app has. Sign in as a user to export them; nothing was fetched")
	}
	groups, problems := app.FindGroups(ctx, sess.client(), entries)
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	for _, p := range problems {
		var nf *app.GroupNotFoundError
		var amb *app.AmbiguousGroupError
		switch {
		case errors.As(p.Err, &nf), errors.As(p.Err, &amb):
			note(e.stderr, "export", "%s", p.Err)
		default:
			note(e.stderr, "export", "cannot look up the group %q: %s", p.Entry, explain(e, p.Err))
		}
	}
	if len(problems) > 0 {
		return nil, fmt.Errorf("%w (%d of %d): correct or remove %s and run the export again; nothing was fetched",
			errGroupsUnresolved, len(problems), len(entries), pick(len(problems), "that entry", "those entries"))
	}
	return groups, nil
}
