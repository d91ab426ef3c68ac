package graphapi

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
)

// ErrSizeUnsupported is returned, before any request, when a size is asked
// of a contact: Graph has no per-size route for contacts and answers 400
// "Unsupported segment type" (microsoft-graph-docs-contrib #7371).
var ErrSizeUnsupported = errors.New("contacts have no per-size photos")

// SubjectKind says whose photo a Subject names.
type SubjectKind int

// The kinds of subject the Get photo doc lists.
const (
	KindMe      SubjectKind = iota // the signed-in user
	KindUser                       // a user by object id or UPN
	KindGroup                      // a Microsoft 365 group
	KindContact                    // an Outlook contact of me or of a user
)

// String names the kind for logs and the UI.
func (k SubjectKind) String() string {
	switch k {
	case KindMe:
		return "me"
	case KindUser:
		return "user"
	case KindGroup:
		return "group"
	case KindContact:
		return "contact"
	}
	return fmt.Sprintf("SubjectKind(%d)", int(k))
}

// Subject is whose photo to fetch. It is a comparable value, so it can key
// caches and maps. Build one with Me, User, Group or Contact.
type Subject struct {
	kind   SubjectKind
	id     string // user id/UPN, group id or contact id
	owner  string // contacts only: the owning user's id/UPN, "" for me
	folder string // contacts only: contact folder id, "" for the default folder
}

// Me is the signed-in user.
func Me() Subject { return Subject{kind: KindMe} }

// User is a user by object id or userPrincipalName (guest UPNs with #EXT#
// included; they are escaped when the path is built).
func User(idOrUPN string) Subject { return Subject{kind: KindUser, id: idOrUPN} }

// Group is a group by object id.
func Group(id string) Subject { return Subject{kind: KindGroup, id: id} }

// Contact is a contact of the signed-in user; chain OfUser and InFolder to
// reach another user's contacts or a contact folder.
func Contact(id string) Subject { return Subject{kind: KindContact, id: id} }

// OfUser moves a contact to another user's mailbox. It leaves other kinds
// unchanged, since only contacts have an owner.
func (s Subject) OfUser(idOrUPN string) Subject {
	if s.kind == KindContact {
		s.owner = idOrUPN
	}
	return s
}

// InFolder places a contact in a contact folder. It leaves other kinds
// unchanged.
func (s Subject) InFolder(folderID string) Subject {
	if s.kind == KindContact {
		s.folder = folderID
	}
	return s
}

// Kind reports whose photo the subject names.
func (s Subject) Kind() SubjectKind { return s.kind }

// ID is the user, group or contact id as given ("" for Me).
func (s Subject) ID() string { return s.id }

// SupportsSizes reports whether /photos/{size} exists for the subject; it
// does for me, users and groups, not for contacts.
func (s Subject) SupportsSizes() bool { return s.kind != KindContact }

// String describes the subject for logs and status lines, e.g.
// "contact 42 of user ann@contoso.com in folder 7".
func (s Subject) String() string {
	switch s.kind {
	case KindMe:
		return "me"
	case KindContact:
		out := "contact " + s.id
		if s.owner != "" {
			out += " of user " + s.owner
		}
		if s.folder != "" {
			out += " in folder " + s.folder
		}
		return out
	}
	return s.kind.String() + " " + s.id
}

// UserPath is the escaped path of one user by object id or UPN:
// /users/{idOrUPN}, or /users('{UPN}') for a UPN that starts with "$",
// which Graph would read as a segment of its own ($count, $ref, ...).
// Inside the quotes a quote is doubled, as OData spells a string key.
func UserPath(idOrUPN string) string {
	if strings.HasPrefix(idOrUPN, "$") {
		return "/users('" + url.PathEscape(strings.ReplaceAll(idOrUPN, "'", "''")) + "')"
	}
	return "/users/" + url.PathEscape(idOrUPN)
}

// base is the escaped path of the subject itself, e.g. "/users/jane_x.com%23EXT%23@t.onmicrosoft.com".
func (s Subject) base() (string, error) {
	switch s.kind {
	case KindMe:
		return "/me", nil
	case KindUser:
		if s.id == "" {
			return "", errors.New("user subject without an id")
		}
		return UserPath(s.id), nil
	case KindGroup:
		if s.id == "" {
			return "", errors.New("group subject without an id")
		}
		return "/groups/" + url.PathEscape(s.id), nil
	case KindContact:
		if s.id == "" {
			return "", errors.New("contact subject without an id")
		}
		p := "/me"
		if s.owner != "" {
			p = UserPath(s.owner)
		}
		if s.folder != "" {
			p += "/contactfolders/" + url.PathEscape(s.folder)
		}
		return p + "/contacts/" + url.PathEscape(s.id), nil
	}
	return "", fmt.Errorf("unknown subject kind %d", int(s.kind))
}

// PhotoPath is the path under the API root for the subject's photo: metadata
// when value is false, bytes ($value) when true; SizeLargest gives /photo,
// a size gives /photos/{size}. Each segment is percent-escaped so a guest
// UPN's '#' cannot cut the URL. A size for a contact is ErrSizeUnsupported.
func (s Subject) PhotoPath(size Size, value bool) (string, error) {
	p, err := s.base()
	if err != nil {
		return "", err
	}
	if size == SizeLargest {
		p += "/photo"
	} else {
		if !s.SupportsSizes() {
			return "", fmt.Errorf("%s at %s: %w", s, size, ErrSizeUnsupported)
		}
		p += "/photos/" + url.PathEscape(string(size))
	}
	if value {
		p += "/$value"
	}
	return p, nil
}

// PhotosPath is the path under the API root of the subject's size list,
// /photos, escaped like PhotoPath. Contacts have none: ErrSizeUnsupported.
func (s Subject) PhotosPath() (string, error) {
	if !s.SupportsSizes() {
		return "", fmt.Errorf("size list of %s: %w", s, ErrSizeUnsupported)
	}
	p, err := s.base()
	if err != nil {
		return "", err
	}
	return p + "/photos", nil
}

// Owner is the user whose mailbox holds a contact ("" for the signed-in
// user's, and for other kinds).
func (s Subject) Owner() string { return s.owner }

// Folder is the contact folder a contact is in ("" for the default folder,
// and for other kinds).
func (s Subject) Folder() string { return s.folder }
