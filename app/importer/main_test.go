package importer

import (
	"testing"

	"go.uber.org/goleak"
)

// TestMain fails the run when a test leaves a goroutine behind: an import
// runs workers and a sandbox per test.
func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}
