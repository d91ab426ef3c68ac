package views

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/photodesk/photodesk/app/session"
)

// A state overtaken before the UI goroutine gets to it is never rendered:
// at start, "Connecting…" and Ready are both waiting when the loop runs,
// and building the first would only delay the second.
func TestOvertakenStateIsNotRendered(t *testing.T) {
	a := test.NewTempApp(t)
	q := newUIQueue()
	sh := newShell(a, q.do, NewThrottle())
	sh.onState(session.State{Seq: 1, Phase: session.Connecting, Where: "the sandbox tenant"})
	sh.onState(session.State{Seq: 2, Phase: session.Failed, Where: "the sandbox tenant", Reason: "It broke."})

	q.mu.Lock()
	first := q.fns[0]
	q.fns = q.fns[1:]
	q.mu.Unlock()
	first()
	if sh.pane != nil {
		t.Fatalf("the overtaken Connecting state was rendered: pane %T", sh.pane)
	}
	q.drain()
	if _, ok := sh.pane.(*failurePane); !ok {
		t.Fatalf("pane %T; want the failure the newer state says", sh.pane)
	}

	// An older state heard late is not rendered either.
	sh.onState(session.State{Seq: 1, Phase: session.Connecting, Where: "the sandbox tenant"})
	q.drain()
	if _, ok := sh.pane.(*failurePane); !ok {
		t.Errorf("pane %T after a late older state; want the failure still", sh.pane)
	}
}

// The window connects before its window is made (Run: GLFW's start keeps
// the main thread tens of milliseconds): the states heard meanwhile wait
// and are rendered in the window once it exists.
func TestStatesHeardBeforeTheWindowIsMadeAreRenderedInIt(t *testing.T) {
	a := test.NewTempApp(t)
	q := newUIQueue()
	sh := newWindowlessShell(a, q.do, NewThrottle())
	opened := make(chan struct{})
	sh.ctrl = session.New(session.Config{
		Prefs: a.Preferences(),
		Open: func(context.Context, session.Options) (*session.Env, error) {
			defer close(opened)
			return nil, errors.New("the tenant is not there")
		},
		OnChange: sh.onState,
	})
	t.Cleanup(sh.ctrl.Close)
	sh.ctrl.Connect()
	<-opened
	sh.makeWindow()
	q.waitFor(t, "the failure", func() bool {
		_, ok := sh.pane.(*failurePane)
		return ok
	}, func() string { return fmt.Sprintf("pane %T", sh.pane) })
	if sh.w.Content() == nil {
		t.Error("the failure was not put in the window")
	}
}
