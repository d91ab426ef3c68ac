package importer

import (
	"context"
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"github.com/photodesk/photodesk/graphapi"
)

// noPhotoReader answers every read ahead with Graph's "no photo".
type noPhotoReader struct{}

func (noPhotoReader) PhotosBatch(_ context.Context, subjects []graphapi.Subject, _ graphapi.Size) []graphapi.PhotoResult {
	out := make([]graphapi.PhotoResult, len(subjects))
	for i, s := range subjects {
		path, _ := s.PhotoPath(graphapi.SizeLargest, true)
		out[i] = graphapi.PhotoResult{Subject: s, Err: &graphapi.Error{
			Status: http.StatusNotFound, Code: "ImageNotFound", Method: http.MethodGet, URL: path, InBatch: true,
		}}
	}
	return out
}

// An import's undo that Graph refuses says why as the other changes do
// (change.Explain), not as Graph's raw answer ("graph 400
// AuthenticationError"): here the mailbox was there for the import and
// gone by its undo, whose read before the change Graph refuses.
func TestUndoImportExplainsGraphsRefusal(t *testing.T) {
	x := newTenant(t)
	nm := *x.Dir.Examples().NoMailbox
	journal := filepath.Join(t.TempDir(), "j.jsonl")
	if sum := x.run(t, t.Context(), planFor(t, nm), journal, Options{Reader: noPhotoReader{}}); sum.Uploaded != 1 {
		t.Fatalf("import: %+v %+v", sum.Progress, sum.Results)
	}
	x.perItemReads = true
	j := openJournal(t, journal)
	defer j.Close()
	undo, err := UndoImport(t.Context(), x.changer, j, UndoOptions{})
	if err != nil || len(undo.Failed) != 1 {
		t.Fatalf("undo: %+v, %v; want one failure", undo, err)
	}
	got := undo.Failed[0].Err
	if strings.Contains(got, "graph 400") || !strings.Contains(got, "without an Exchange Online mailbox") || !strings.Contains(got, "Nothing was changed") {
		t.Errorf("undo failure %q; want it explained: no mailbox, nothing changed", got)
	}
}
