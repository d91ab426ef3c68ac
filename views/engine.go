package views

import (
	"context"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/graphapi"
)

// engine is what the window asks of Photo Desk's engine. *app.Engine is
// the one the window runs on; UI tests that are about the window rather
// than Graph pass a fake, and the end-to-end ones the sandbox tenant.
type engine interface {
	// Search and SearchContacts list people a page at a time.
	Search(kind app.Kind, query string) *app.SearchPager
	SearchContacts(folderID, query string) *app.SearchPager
	// SearchContactsOf and ContactFoldersOf read another user's mailbox
	// (owner a UPN or id; "" is the signed-in user's).
	SearchContactsOf(owner, folderID, query string) *app.SearchPager
	ContactFoldersOf(ctx context.Context, owner string) ([]graphapi.ContactFolder, error)
	// Lookup, LookupGroup and Me jump to one person or group.
	Lookup(ctx context.Context, upnOrID string) (*app.Person, error)
	// LookupByMail finds a user by exact mail (a guest's own address).
	LookupByMail(ctx context.Context, mail string) (*app.Person, error)
	LookupGroup(ctx context.Context, id string) (*app.Person, error)
	Me(ctx context.Context) (*app.Person, error)
	ContactFolders(ctx context.Context) ([]graphapi.ContactFolder, error)
	// Avatars delivers the result list's 48x48 photos as they arrive.
	Avatars(ctx context.Context, people []app.Person, each func(i int, a app.Avatar))
	// StreamAvatars is Avatars for rows added a few at a time (a list
	// being looked up), through one queue so that its envelopes fill.
	StreamAvatars(ctx context.Context, feed *app.PeopleFeed, each func(i int, a app.Avatar))
	// Photo, PhotoInMemory, AvailableSizes and Invalidate are the viewer's.
	Photo(ctx context.Context, p app.Person, size graphapi.Size) (*app.PhotoResult, error)
	PhotoInMemory(p app.Person, size graphapi.Size) (*app.PhotoResult, bool)
	AvailableSizes(ctx context.Context, p app.Person) ([]graphapi.Size, error)
	Invalidate(p app.Person)
	// SaveAllSizes writes every size of p's photo into dir.
	SaveAllSizes(ctx context.Context, p app.Person, dir string, overwrite bool) ([]string, error)
	// Client is the Graph client bulk exports run on.
	Client() *graphapi.Client
}

var _ engine = (*app.Engine)(nil)
