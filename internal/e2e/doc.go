// Package e2e holds end-to-end tests of the built photodesk program
// against desktop programs no one here wrote (a real file manager), under
// the X server and session bus scripts/desktop-session.sh provides. It has
// no code of its own.
package e2e
