// Command wincredcheck proves, inside Wine or on Windows, that Photo Desk
// keeps its tokens where the README says: in the Credential Manager, through
// go-keyring's wincred backend, split into entries under Windows' size limit,
// and nowhere else. `make test-windows` cross-builds it and runs it in the
// Wine prefix after the command line has signed in to the sandbox.
//
//	wincredcheck [-max BYTES] [-newer FILE] [-scan DIR]...
//
// It reads the sandbox account's token cache back through the same store
// the app uses (app/auth, keyringcache), lists the "Photo Desk" entries and
// their sizes, then searches every file under each -scan folder (modified
// since -newer FILE was, when given) for the cache's secrets. It prints counts and sizes only, never a token; exit
// status 1 means a check failed, 2 a usage error.
package main
