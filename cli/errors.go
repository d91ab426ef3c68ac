package cli

import (
	"errors"
	"fmt"
	"io"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/graphapi"
)

// fail prints err for a person first (app.Friendly) and then the facts a
// script or a support ticket needs: the HTTP status, Graph's error code and
// the request ids. It returns the exit code for err.
func fail(e *env, cmd string, err error) int {
	if isUsage(err) {
		fmt.Fprintf(e.stderr, "photodesk %s: %v\nRun photodesk %s -h for help.\n", cmd, err, cmd)
		return ExitUsage
	}
	friendly := app.Friendly(err)
	fmt.Fprintf(e.stderr, "photodesk %s: %s\n", cmd, friendly)
	var ge *graphapi.Error
	if errors.As(err, &ge) {
		fmt.Fprintf(e.stderr, "  HTTP status %d, Graph code %s, request-id %s, client-request-id %s\n",
			ge.Status, dash(ge.Code), dash(ge.RequestID), dash(ge.ClientRequestID))
	}
	if detail := err.Error(); detail != friendly {
		fmt.Fprintf(e.stderr, "  %s\n", detail)
	}
	return ExitFailure
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// note prints an informational line on stderr, keeping stdout for data.
func note(w io.Writer, cmd, format string, a ...any) {
	fmt.Fprintf(w, "photodesk %s: %s\n", cmd, fmt.Sprintf(format, a...))
}
