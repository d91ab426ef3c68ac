package sandbox

import (
	"math/rand/v2"
	"slices"
)

// AddContactFolder files a new folder named name in a user's mailbox,
// inside parentID ("" for the top, beside Suppliers and Partners), as a
// person does in Outlook, for tests that need a wider or deeper tree than
// the generated one. It returns nil for an unknown user or parent. The id
// is drawn from a stream of its own, so no generated id changes.
func (d *Directory) AddContactFolder(userID, parentID, name string) *ContactFolder {
	mb := d.mailbox(userID)
	if mb == nil {
		return nil
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	n := len(mb.folders)
	rng := rand.New(rand.NewPCG(uint64(d.seed), uint64(n)<<16|0x0f))
	f := &ContactFolder{ID: exchangeID(rng), DisplayName: name, ParentFolderID: mb.root.ID}
	if parentID != "" {
		if _, ok := mb.findFolder(parentID); !ok || parentID == mb.root.ID {
			return nil
		}
		f.ParentFolderID = parentID
	}
	mb.folders = append(mb.folders, f)
	return f
}

// RemoveContactFolder deletes a folder (not the default one) from a user's
// mailbox, as a person deleting it in Outlook while Photo Desk lists the
// folders: asking for it, or its childFolders, then answers 404
// ErrorItemNotFound. It reports whether there was such a folder.
func (d *Directory) RemoveContactFolder(userID, folderID string) bool {
	mb := d.mailbox(userID)
	if mb == nil {
		return false
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	before := len(mb.folders)
	mb.folders = slices.DeleteFunc(mb.folders, func(f *ContactFolder) bool { return f.ID == folderID })
	return len(mb.folders) < before
}
