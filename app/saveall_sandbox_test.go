package app

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/photodesk/photodesk/graphapi/sandbox"
)

func TestSandboxSaveAllSizes(t *testing.T) {
	tn := startTenant(t, sandbox.Options{})
	tests := []struct {
		name  string
		p     Person
		files int
		ext   string
	}{
		{"guest, nine sizes", sbUser(tn.ex.Guest), 9, ".jpg"},
		{"png", sbUser(tn.ex.PNG), 9, ".png"},
		{"uploaded 240", sbUser(tn.ex.UpTo240), 5, ".jpg"},
		{"entra only", sbUser(tn.ex.EntraOnly), 1, ".jpg"},
		{"contact", sbContact(tn.ex.ContactWithPhoto, ""), 1, ".jpg"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			paths, err := tn.e.SaveAllSizes(t.Context(), tt.p, dir, false)
			if err != nil {
				t.Fatal(err)
			}
			if len(paths) != tt.files || len(dirNames(t, dir)) != tt.files {
				t.Fatalf("wrote %v", paths)
			}
			for _, path := range paths {
				name := filepath.Base(path)
				if !strings.HasPrefix(name, tt.p.FileStem()+"_") || !strings.HasSuffix(name, tt.ext) || SafeFileName(name) != name {
					t.Errorf("file name %q", name)
				}
				data, err := os.ReadFile(path)
				if err != nil {
					t.Fatal(err)
				}
				d, err := DecodeImage(data, 0)
				if err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				if !strings.Contains(name, fmt.Sprintf("_%dx%d.", d.Width, d.Height)) {
					t.Errorf("%s holds %dx%d", name, d.Width, d.Height)
				}
			}
		})
	}
	if strings.Contains(sbUser(tn.ex.Guest).FileStem(), "/") || !strings.Contains(sbUser(tn.ex.Guest).FileStem(), "#EXT#") {
		t.Errorf("guest stem %q", sbUser(tn.ex.Guest).FileStem())
	}
}
