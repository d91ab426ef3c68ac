package startup

import (
	"context"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/app/session"
	"github.com/photodesk/photodesk/graphapi"
	"github.com/photodesk/photodesk/graphapi/sandbox"
)

// Opener is the session.Opener of the window: Open, with the sandbox (when
// that is the cloud) configured by sb. It is how the session controller
// opens environments without knowing the sandbox.
func Opener(sb sandbox.Options) session.Opener {
	return func(ctx context.Context, o session.Options) (*session.Env, error) {
		env, err := Open(ctx, Options{
			Cloud: o.Cloud, App: o.App, Store: o.Store, CacheTTL: o.CacheTTL,
			ClientOptions: o.ClientOptions, Logger: o.Logger, Sandbox: sb,
			Window: true,
		})
		if err != nil {
			return nil, err
		}
		return env.ForSession(), nil
	}
}

// ForSession is env as the session controller sees it.
func (e *Env) ForSession() *session.Env {
	s := &session.Env{
		Session:    e.Session,
		Cloud:      e.Cloud,
		Demo:       e.Sandbox != nil,
		DemoRun:    e.SandboxRun,
		TenantName: e.Cloud.TenantID,
		NewEngine:  func(tokens graphapi.TokenSource) *app.Engine { return e.newEngine(tokens) },
		Close:      e.Close,
	}
	if e.Sandbox != nil {
		s.TenantName = sandbox.Domain
		s.SignInPage = func(ctx context.Context, u string) error { return e.signInPage(ctx)(u) }
		s.EnterDeviceCode = e.Sandbox.Provider().ApproveDevice
	}
	return s
}
