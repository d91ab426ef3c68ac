package identity

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
)

// PlayBrowser does what a browser does with an interactive sign-in URL from
// MSAL (the URL its WithOpenURL callback gets): it loads the sandbox's
// authorize page and posts the form it carries to the app's localhost
// redirect. Tests and the sandbox demo pass it (with CA.HTTPClient) where
// the app would open the system browser. It fails if the page or the app's
// redirect listener reports an error.
func PlayBrowser(ctx context.Context, c *http.Client, authorizeURL string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, authorizeURL, nil)
	if err != nil {
		return fmt.Errorf("play browser: %w", err)
	}
	req.Header.Set("Accept", "application/json")
	resp, err := c.Do(req)
	if err != nil {
		return fmt.Errorf("play browser: open sign-in page: %w", err)
	}
	defer func() { _ = resp.Body.Close() }()
	if resp.StatusCode != http.StatusOK {
		body, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
		return fmt.Errorf("play browser: sign-in page answered %s: %s", resp.Status, strings.TrimSpace(string(body)))
	}
	var form FormPost
	if err := json.NewDecoder(resp.Body).Decode(&form); err != nil {
		return fmt.Errorf("play browser: sign-in page is not a form_post answer: %w", err)
	}
	return SubmitForm(ctx, c, form)
}

// SubmitForm posts a form_post answer to the app, as the page's script
// would.
func SubmitForm(ctx context.Context, c *http.Client, form FormPost) error {
	v := url.Values{}
	for k, f := range form.Fields {
		v.Set(k, f)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, form.Action, strings.NewReader(v.Encode()))
	if err != nil {
		return fmt.Errorf("play browser: %w", err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := c.Do(req)
	if err != nil {
		return fmt.Errorf("play browser: post to the app: %w", err)
	}
	defer func() { _ = resp.Body.Close() }()
	_, _ = io.Copy(io.Discard, resp.Body)
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("play browser: the app answered %s", resp.Status)
	}
	if e := form.Fields["error"]; e != "" {
		return fmt.Errorf("play browser: sign-in failed: %s: %s", e, form.Fields["error_description"])
	}
	return nil
}
