package app

import (
	"cmp"
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/photodesk/photodesk/graphapi"
)

// SearchPageSize is how many results a page asks for: enough to fill the
// sidebar, few enough that the first page (and its avatar batches) comes
// back quickly.
const SearchPageSize = 50

// SearchPager hands out search results a page at a time, as the sidebar
// scrolls. It is not safe for concurrent use; one search, one goroutine.
type SearchPager struct {
	next func(ctx context.Context) ([]Person, error)
	done func() bool
	// ready hands out the next page only if it is already here; nil
	// when pages always come from Graph.
	ready func() ([]Person, bool, error)
}

// TryNext is Next when the page is already here — the head start fetched
// while the window was being drawn (WarmUp) — so the window can show it
// in the frame it is drawing rather than one later; ok is false when Next
// would have to wait or ask Graph.
func (p *SearchPager) TryNext() (people []Person, ok bool, err error) {
	if p.ready == nil {
		return nil, false, nil
	}
	return p.ready()
}

// Next returns the next page of results. Pages left empty by a local
// filter are skipped, so an empty answer with no error means Done. After
// an error the pager stays on the page that failed (unless Done says the
// walk cannot go on): calling Next again asks for that page again from its
// nextLink, so a list loaded again after a throttled or cut-off page
// neither skips nor repeats anyone.
func (p *SearchPager) Next(ctx context.Context) ([]Person, error) { return p.next(ctx) }

// Done reports that there are no more results.
func (p *SearchPager) Done() bool { return p.done() }

// NewSearchPager is a SearchPager over any source of pages: next hands out
// the next page, done says whether one is left. It is how people found
// elsewhere than a Graph search (a list read from a file, a fake in tests)
// reach what takes a pager.
func NewSearchPager(next func(ctx context.Context) ([]Person, error), done func() bool) *SearchPager {
	return &SearchPager{next: next, done: done}
}

func newSearchPager[T any](pg *graphapi.Pager[T], convert func(T) Person) *SearchPager {
	return &SearchPager{
		done: pg.Done,
		next: func(ctx context.Context) ([]Person, error) {
			for !pg.Done() {
				items, err := pg.Next(ctx)
				if err != nil {
					return nil, err
				}
				if len(items) == 0 {
					continue
				}
				out := make([]Person, len(items))
				for i, it := range items {
					out[i] = convert(it)
				}
				return out, nil
			}
			return nil, nil
		},
	}
}

// Search finds users or groups by the start of a word of the name or mail
// ($search with ConsistencyLevel: eventual, which graphapi sends), or lists
// them all when query is empty. For contacts it filters the signed-in
// user's contacts locally, since Graph cannot search them.
//
// The full list (query "") of the kind WarmUp fetched ahead is taken over
// from it once.
func (e *Engine) Search(kind Kind, query string) *SearchPager {
	if query == "" {
		if h := e.takeHeadStart(kind); h != nil {
			return h.searchPager()
		}
	}
	return e.search(kind, query)
}

func (e *Engine) search(kind Kind, query string) *SearchPager {
	opts := graphapi.ListOptions{Search: searchText(query), Top: SearchPageSize}
	switch kind {
	case KindUser:
		return newSearchPager(e.client.Users(opts), PersonFromUser)
	case KindGroup:
		return newSearchPager(e.client.Groups(opts), PersonFromGroup)
	case KindContact:
		return e.SearchContacts("", query)
	}
	err := fmt.Errorf("search: unknown kind %s", kind)
	return &SearchPager{
		done: func() bool { return true },
		next: func(context.Context) ([]Person, error) { return nil, err },
	}
}

// SearchContacts filters the signed-in user's contacts, in folderID when it
// is not "", by a word start of the name or part of an e-mail address.
func (e *Engine) SearchContacts(folderID, query string) *SearchPager {
	return e.SearchContactsOf("", folderID, query)
}

// SearchContactsOf is SearchContacts in the mailbox of owner (a UPN or
// object id; "" is the signed-in user). Another user's contacts need
// Contacts.Read.Shared and a folder that user shared, else Graph answers
// 403 ErrorAccessDenied (Friendly words it for the helpdesk).
func (e *Engine) SearchContactsOf(owner, folderID, query string) *SearchPager {
	opts := graphapi.ListOptions{Search: strings.TrimSpace(query), Top: SearchPageSize}
	return newSearchPager(e.client.Contacts(mailboxOf(owner), folderID, opts), func(c graphapi.ContactInfo) Person {
		p := PersonFromContact(c, folderID)
		if owner != "" {
			p.Subject = p.Subject.OfUser(owner)
		}
		return p
	})
}

// mailboxOf is the subject whose contacts are listed: the signed-in user
// for "", else the user owner names.
func mailboxOf(owner string) graphapi.Subject {
	if owner == "" {
		return graphapi.Me()
	}
	return graphapi.User(owner)
}

// searchProperties are the properties a person may name in a query, as in
// "mail:ann"; anything else with a colon is searched as plain words.
var searchProperties = map[string]string{
	"displayname": "displayName", "mail": "mail", "userprincipalname": "userPrincipalName",
	"jobtitle": "jobTitle", "givenname": "givenName", "surname": "surname", "description": "description",
}

// searchText makes typed text safe for $search: quotes would end Graph's
// quoted term early and give a 400, so they go; "property:value" for a
// known property is kept as one quoted term; other colons become spaces.
func searchText(q string) string {
	q = strings.Join(strings.Fields(strings.NewReplacer(`"`, " ", `\`, " ").Replace(q)), " ")
	if q == "" {
		return ""
	}
	if prop, val, ok := strings.Cut(q, ":"); ok {
		if name, known := searchProperties[strings.ToLower(strings.TrimSpace(prop))]; known && strings.TrimSpace(val) != "" {
			return `"` + name + ":" + strings.TrimSpace(strings.ReplaceAll(val, ":", " ")) + `"`
		}
		q = strings.Join(strings.Fields(strings.ReplaceAll(q, ":", " ")), " ")
	}
	return q
}

// Lookup jumps straight to a user by exact UPN or object id, for when the
// search box holds one (see LooksLikeUPNOrID).
func (e *Engine) Lookup(ctx context.Context, upnOrID string) (*Person, error) {
	u, err := e.client.GetUser(ctx, strings.TrimSpace(upnOrID))
	if err != nil {
		return nil, err
	}
	p := PersonFromUser(*u)
	return &p, nil
}

// LookupByMail is UserByMail as a Person.
func (e *Engine) LookupByMail(ctx context.Context, mail string) (*Person, error) {
	u, err := UserByMail(ctx, e.client, mail)
	if err != nil {
		return nil, err
	}
	p := PersonFromUser(*u)
	return &p, nil
}

// Me is the signed-in user. Its Subject is graphapi.Me(), so photos go
// through /me/photo, the only photo route personal accounts may use.
func (e *Engine) Me(ctx context.Context) (*Person, error) {
	u, err := e.client.GetMe(ctx)
	if err != nil {
		return nil, err
	}
	p := PersonFromUser(*u)
	p.Subject = graphapi.Me()
	if p.ID != "" {
		e.meID.Store(&p.ID) // so a change to them by id also drops "me" (Invalidate)
	}
	return &p, nil
}

// ContactFolders lists the signed-in user's contact folders, every page.
func (e *Engine) ContactFolders(ctx context.Context) ([]graphapi.ContactFolder, error) {
	return e.ContactFoldersOf(ctx, "")
}

// ContactFoldersOf lists the contact folders of owner (a UPN or object id;
// "" is the signed-in user), every page, each followed by the folders
// nested in it: Graph's /contactFolders lists only the top ones, so a
// contact filed under Suppliers > EMEA could not be reached. A nested
// folder's DisplayName is its path, "Suppliers / EMEA", so the picker
// tells two EMEAs under different parents apart.
//
// Nested folders are asked for a level at a time, all the folders of one
// level in $batch envelopes: a folder after another cost a round trip
// each, seconds for a mailbox of thirty folders every time the list
// loaded. A folder whose subfolders could not be read (refused, deleted
// meanwhile, throttled past the retries) does not cost the others: every
// folder listed is returned, with a *SubfoldersUnread error naming those
// folders. Any other error (the top listing failed, the context ended)
// comes with no folders.
func (e *Engine) ContactFoldersOf(ctx context.Context, owner string) ([]graphapi.ContactFolder, error) {
	mailbox := mailboxOf(owner)
	top, err := allFolders(ctx, e.client.ContactFolders(mailbox))
	if err != nil {
		return nil, err
	}
	type node struct {
		folder   graphapi.ContactFolder
		children []int
		unread   bool
	}
	nodes := make([]node, len(top))
	level := make([]int, len(top))
	for i, f := range top {
		nodes[i], level[i] = node{folder: f}, i
	}
	var why error
	for depth := 1; depth < maxFolderDepth && len(level) > 0; depth++ {
		ids := make([]string, len(level))
		for k, n := range level {
			ids[k] = nodes[n].folder.ID
		}
		found, err := e.client.ChildContactFoldersOf(ctx, mailbox, ids)
		if err == nil {
			err = ctx.Err() // an item cut off by the end reads as its own failure
		}
		if err != nil {
			return nil, err
		}
		var next []int
		for k, fc := range found {
			parent := level[k]
			if fc.Err != nil {
				nodes[parent].unread = true
				why = cmp.Or(why, fc.Err)
			}
			for _, child := range fc.Folders {
				child.DisplayName = nodes[parent].folder.DisplayName + " / " + child.DisplayName
				nodes = append(nodes, node{folder: child})
				nodes[parent].children = append(nodes[parent].children, len(nodes)-1)
				next = append(next, len(nodes)-1)
			}
		}
		level = next
	}
	var out []graphapi.ContactFolder
	var unread []string
	var visit func(n int)
	visit = func(n int) {
		out = append(out, nodes[n].folder)
		if nodes[n].unread {
			unread = append(unread, nodes[n].folder.DisplayName)
		}
		for _, c := range nodes[n].children {
			visit(c)
		}
	}
	for i := range top {
		visit(i)
	}
	if len(unread) > 0 {
		return out, &SubfoldersUnread{Folders: unread, Why: why}
	}
	return out, nil
}

// SubfoldersUnread is ContactFoldersOf's error when the folders nested in
// some folders could not be read, though every other folder was listed:
// the folders come with it, so the picker offers them and says which
// folders' subfolders are missing.
type SubfoldersUnread struct {
	// Folders are the folders (by their path) whose subfolders could not
	// be read, in the picker's order.
	Folders []string
	// Why is the first of the failures, for LookupTrouble to word.
	Why error
}

// Error names the folders and the first failure. It wraps nothing on
// purpose: a subfolder listing's 404 must not read as the mailbox missing.
func (e *SubfoldersUnread) Error() string {
	return fmt.Sprintf("subfolders of %s could not be read: %v", strings.Join(e.Folders, ", "), e.Why)
}

// maxFolderDepth bounds how deep nested contact folders are followed, so a
// mailbox of many levels costs a bounded number of requests.
const maxFolderDepth = 8

// allFolders reads every page of a folder listing.
func allFolders(ctx context.Context, pg *graphapi.Pager[graphapi.ContactFolder]) ([]graphapi.ContactFolder, error) {
	var out []graphapi.ContactFolder
	for !pg.Done() {
		items, err := pg.Next(ctx)
		if err != nil {
			return nil, err
		}
		out = append(out, items...)
	}
	return out, nil
}

var guidPattern = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// LooksLikeUPNOrID reports text that names exactly one user, an object id
// (GUID) or a UPN such as "ann@contoso.com" or a guest's
// "jane_fabrikam.com#EXT#@contoso.onmicrosoft.com", so the sidebar can
// look it up instead of searching.
func LooksLikeUPNOrID(s string) bool {
	s = strings.TrimSpace(s)
	if guidPattern.MatchString(s) {
		return true
	}
	if strings.ContainsFunc(s, func(r rune) bool { return r <= ' ' || strings.ContainsRune(`"<>,;()[]\`, r) }) {
		return false
	}
	at := strings.LastIndexByte(s, '@')
	if at <= 0 {
		return false
	}
	domain := s[at+1:]
	dot := strings.LastIndexByte(domain, '.')
	return dot > 0 && dot < len(domain)-1 && !strings.Contains(domain, "..")
}
