package sandbox

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"

	"github.com/photodesk/photodesk/graphapi/sandbox/identity"
)

// Domain is the sandbox tenant's verified domain; every member's UPN ends in
// it. It is the identity provider's, so sign-in and Graph cannot disagree.
const Domain = identity.TenantDomain

// DefaultUsers is how many users a directory has when none are asked for.
const DefaultUsers = 200

// MaxUsers is the most users a directory is generated with: 100,000 take
// well under a second and about 70 MB, and the cost grows with the number
// (a million took seven seconds and 700 MB; 99,999,999 would take hours
// and more memory than a desktop has), so more is refused rather than
// started.
const MaxUsers = 100_000

// User is one account the sandbox knows: a tenant member or guest, or (with
// Personal set) a consumer Microsoft account that only exists for /me.
type User struct {
	ID                string
	DisplayName       string
	GivenName         string
	Surname           string
	UserPrincipalName string
	Mail              string
	JobTitle          string
	Department        string
	OfficeLocation    string
	MobilePhone       string
	BusinessPhones    []string
	// UserType is "Member" or "Guest", as Graph reports it.
	UserType string
	Photo    PhotoKind
	// Personal marks a consumer account (outlook.com), outside the tenant.
	Personal bool
	// Roles are the Entra ID directory roles the user holds, by display
	// name ("User Administrator"); Graph checks them, not the token, before
	// a signed-in user changes someone else's photo.
	Roles []string
	// ContactsNotShared marks a mailbox whose owner shared no contact
	// folder: another signed-in user is refused even with
	// Contacts.Read.Shared, as Exchange refuses an unshared folder.
	ContactsNotShared bool
	index             int
}

// Group is a Microsoft 365 or security group; members are users and groups.
type Group struct {
	ID          string
	DisplayName string
	Description string
	Mail        string
	Photo       PhotoKind
	Members     []Member
	// Team is set for a group with a team: /teams/{id}/photo serves its
	// photo.
	Team bool
}

// Member is one entry of a group's member list: exactly one field is set,
// because Graph lists users and nested groups side by side.
type Member struct {
	User  *User
	Group *Group
}

// Directory is the sandbox tenant's generated content. It is built once from
// a seed and read concurrently; only photos (TouchPhoto, and uploads and
// deletes through Graph) and the lazily generated mailboxes change
// afterwards, under a lock.
type Directory struct {
	seed      int64
	tenantID  string
	users     []*User
	personal  []*User
	byID      map[string]*User
	byUPN     map[string]*User
	groups    []*Group
	groupByID map[string]*Group
	examples  Examples

	mu        sync.Mutex
	versions  map[string]int
	uploads   map[string]*uploadedPhoto // by lower-case subject id; see uploads.go
	serial    uint64                    // counts photo changes, so each gets its own ETag
	mailboxes map[string]*mailbox

	photos *photoStore
}

// NewDirectory generates a tenant with users accounts (DefaultUsers when
// users <= 0; never fewer than the named examples) plus Examples.Frontdesk,
// added last. The same seed always gives the same people, ids and photos.
func NewDirectory(seed int64, users int) *Directory {
	if users <= 0 {
		users = DefaultUsers
	}
	rng := rand.New(rand.NewPCG(uint64(seed), 0x70686f746f64736b))
	d := &Directory{
		seed:      seed,
		tenantID:  newGUID(rng),
		byID:      make(map[string]*User, users+16),
		byUPN:     make(map[string]*User, users+16),
		groupByID: make(map[string]*Group),
		versions:  make(map[string]int),
		uploads:   make(map[string]*uploadedPhoto),
		mailboxes: make(map[string]*mailbox),
		photos:    newPhotoStore(defaultPhotoCacheBytes),
	}
	d.addExamples(rng)
	d.addGeneratedUsers(rng, users)
	// Groups draw from their own stream so their ids do not depend on how
	// many users were generated before them.
	d.addGroups(rand.New(rand.NewPCG(uint64(seed), 0x67726f757073)))
	d.addHistoric(rand.New(rand.NewPCG(uint64(seed), 0x686973746f7279)))
	// Frontdesk joined after everyone else, from a stream of its own, so
	// the generated people, groups and ids stay what they were without it.
	d.addFrontdesk(rand.New(rand.NewPCG(uint64(seed), 0x66726f6e74)))
	d.mailbox(d.examples.Helpdesk.ID) // fills the contact examples
	return d
}

// TenantID is the sandbox tenant's GUID (the tid claim of its tokens).
func (d *Directory) TenantID() string { return d.tenantID }

// Seed is the seed the directory was generated from.
func (d *Directory) Seed() int64 { return d.seed }

// Users lists the tenant's users in the order /users pages them. The slice is
// a copy; the users are shared and must not be modified.
func (d *Directory) Users() []*User { return append([]*User(nil), d.users...) }

// PersonalAccounts lists the consumer accounts, which /users never shows.
func (d *Directory) PersonalAccounts() []*User { return append([]*User(nil), d.personal...) }

// Groups lists the tenant's groups in the order /groups pages them.
func (d *Directory) Groups() []*Group { return append([]*Group(nil), d.groups...) }

// Examples names one subject per photo variant, for tests and the README.
func (d *Directory) Examples() Examples { return d.examples }

// User finds a tenant user by object id or UPN, both case-insensitively, as
// /users/{id|userPrincipalName} does. Personal accounts are not found here.
func (d *Directory) User(idOrUPN string) (*User, bool) {
	key := strings.ToLower(idOrUPN)
	if u, ok := d.byID[key]; ok && !u.Personal {
		return u, true
	}
	u, ok := d.byUPN[key]
	if ok && u.Personal {
		return nil, false
	}
	return u, ok
}

// Account finds any account, personal ones included, by id or UPN: what the
// identity provider needs to sign someone in and Graph needs to resolve /me.
func (d *Directory) Account(idOrUPN string) (*User, bool) {
	key := strings.ToLower(idOrUPN)
	if u, ok := d.byID[key]; ok {
		return u, true
	}
	u, ok := d.byUPN[key]
	return u, ok
}

// Group finds a group by object id (case-insensitively).
func (d *Directory) Group(id string) (*Group, bool) {
	g, ok := d.groupByID[strings.ToLower(id)]
	return g, ok
}

// TouchPhoto simulates a new photo upload for a user, group or contact id:
// the ETag and the image change, so cache revalidation can be tested.
func (d *Directory) TouchPhoto(subjectID string) {
	d.mu.Lock()
	d.versions[strings.ToLower(subjectID)]++
	d.mu.Unlock()
}

func (d *Directory) addUser(u *User) {
	u.index = len(d.users) + len(d.personal)
	if u.UserType == "" {
		u.UserType = "Member"
	}
	d.byID[u.ID] = u
	d.byUPN[strings.ToLower(u.UserPrincipalName)] = u
	if u.Personal {
		d.personal = append(d.personal, u)
		return
	}
	d.users = append(d.users, u)
}

func (d *Directory) addGroup(g *Group) {
	d.groups = append(d.groups, g)
	d.groupByID[g.ID] = g
}

// newGUID draws a version-4 style GUID from rng so ids follow the seed.
func newGUID(rng *rand.Rand) string {
	a, b := rng.Uint64(), rng.Uint64()
	a = a&^0xf000 | 0x4000
	b = b&^(0xc<<60) | 0x8<<60
	return fmt.Sprintf("%08x-%04x-%04x-%04x-%012x", a>>32, a>>16&0xffff, a&0xffff, b>>48, b&0xffffffffffff)
}
