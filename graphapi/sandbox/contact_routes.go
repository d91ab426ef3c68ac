package sandbox

import "net/http"

// msgNotInStore is Exchange's 404 for an unknown item or folder id.
const msgNotInStore = "The specified object was not found in the store."

// resolveMailbox finds the user whose contacts are asked for and checks the
// caller may have access a (accessContacts or accessContactsWrite) to them.
func (h *Handler) resolveMailbox(c *call, key string, me bool, a access) (*User, *mailbox, *reply) {
	u, rep := h.resolveUser(c, key, me, a)
	if rep != nil {
		return nil, nil, rep
	}
	// .Shared reaches only folders their owner shared; applications and
	// the owner need no sharing.
	if u.ContactsNotShared && !c.claims.IsApp() && u.ID != c.claims.ObjectID {
		return nil, nil, c.denyMailbox()
	}
	if u.Photo == PhotoNoMailbox {
		// Outlook's answer for a user whose mailbox does not exist.
		return nil, nil, c.fail(http.StatusNotFound, "MailboxNotEnabledForRESTAPI",
			"The mailbox is either inactive, soft-deleted, or is hosted on-premise.")
	}
	return u, h.dir.mailbox(u.ID), nil
}

// resolveMailboxFolder is resolveMailbox for reading contacts, then
// resolveFolder in that mailbox.
func (h *Handler) resolveMailboxFolder(c *call, key string, me bool, folder string) (*User, *mailbox, *ContactFolder, *reply) {
	u, mb, rep := h.resolveMailbox(c, key, me, accessContacts)
	if rep != nil {
		return nil, nil, nil, rep
	}
	f, rep := c.resolveFolder(mb, folder)
	if rep != nil {
		return nil, nil, nil, rep
	}
	return u, mb, f, nil
}

// resolveFolder finds a folder ("" is the default folder).
func (c *call) resolveFolder(mb *mailbox, folder string) (*ContactFolder, *reply) {
	if folder == "" {
		return mb.root, nil
	}
	f, ok := mb.findFolder(folder)
	if !ok {
		return nil, c.fail(http.StatusNotFound, "ErrorItemNotFound", msgNotInStore)
	}
	return f, nil
}

// resolveContact finds a contact; without a folder any folder will do,
// because Outlook item ids are unique in the whole mailbox.
func (h *Handler) resolveContact(c *call, key string, me bool, folder, id string, a access) (*User, *Contact, *reply) {
	u, mb, rep := h.resolveMailbox(c, key, me, a)
	if rep != nil {
		return nil, nil, rep
	}
	inFolder := ""
	if folder != "" {
		f, rep := c.resolveFolder(mb, folder)
		if rep != nil {
			return nil, nil, rep
		}
		inFolder = f.ID
	}
	ct, ok := mb.findContact(inFolder, id)
	if !ok {
		return nil, nil, c.fail(http.StatusNotFound, "ErrorItemNotFound", msgNotInStore)
	}
	return u, ct, nil
}

func (h *Handler) listContacts(c *call, key string, me bool, folder string) *reply {
	u, mb, f, rep := h.resolveMailboxFolder(c, key, me, folder)
	if rep != nil {
		return rep
	}
	var items []any
	for _, ct := range mb.inFolder(f.ID) {
		items = append(items, ct)
	}
	set := "users('" + u.ID + "')/contacts"
	if folder != "" {
		set = "users('" + u.ID + "')/contactFolders('" + folder + "')/contacts"
	}
	return h.list(c, items, listSpec{types: []*entityType{contactType}, context: set, outlook: true})
}

func (h *Handler) getContact(c *call, key string, me bool, folder, id string) *reply {
	u, ct, rep := h.resolveContact(c, key, me, folder, id, accessContacts)
	if rep != nil {
		return rep
	}
	return c.entity(contactType, ct, "users('"+u.ID+"')/contacts")
}

func (h *Handler) listContactFolders(c *call, key string, me bool) *reply {
	u, mb, rep := h.resolveMailbox(c, key, me, accessContacts)
	if rep != nil {
		return rep
	}
	var items []any
	for _, f := range mb.childFolders(mb.root.ID) {
		items = append(items, f)
	}
	return h.list(c, items, listSpec{types: []*entityType{folderType}, context: "users('" + u.ID + "')/contactFolders", outlook: true})
}

func (h *Handler) getContactFolder(c *call, key string, me bool, folder string) *reply {
	u, _, f, rep := h.resolveMailboxFolder(c, key, me, folder)
	if rep != nil {
		return rep
	}
	return c.entity(folderType, f, "users('"+u.ID+"')/contactFolders")
}

// listChildFolders answers .../contactFolders/{id}/childFolders: the folders
// nested in one, which /contactFolders itself never lists.
func (h *Handler) listChildFolders(c *call, key string, me bool, folder string) *reply {
	u, mb, f, rep := h.resolveMailboxFolder(c, key, me, folder)
	if rep != nil {
		return rep
	}
	var items []any
	for _, child := range mb.childFolders(f.ID) {
		items = append(items, child)
	}
	set := "users('" + u.ID + "')/contactFolders('" + folder + "')/childFolders"
	return h.list(c, items, listSpec{types: []*entityType{folderType}, context: set, outlook: true})
}
