// Package graphapi is a thin, typed client for the Microsoft Graph profile
// photo API and the people lookups around it. It never imports Fyne.
package graphapi
