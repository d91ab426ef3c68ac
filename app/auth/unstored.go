package auth

// While a session guards against a closed session's late write (see
// latewrites.go), a person's sign-in is noted in the guard before its
// write: the write may wait on the keyring's unlock prompt. Until a
// write has put that sign-in in the keyring it is the session's alone,
// not handed on: Settings re-opening the connection stop it, and a
// write the keyring failed leaves it for this session's run, as on any
// session (the status bar says the tokens are not remembered). The
// session replacing this one keeps on what was kept before that
// sign-in — a re-signed-in account with the tokens the keyring held,
// one signed out here before still out — and, should the stopped
// write land after all (the call under way cannot be called back), the
// tokens it put in the keyring as any saved sign-in's, never the older
// ones over them.

// noteUnstored carries into next, the guard noted for a write, the
// sign-ins not in the keyring yet that was, the guard before, had and
// the write still keeps, and adds those signedIn names (a person's
// sign-in changed them), with how was had them before.
func noteUnstored(next *guard, was guard, keep, signedIn map[cachedAccount]bool) {
	unstored, fromPrior, fromMine := map[cachedAccount]bool{}, map[cachedAccount]bool{}, map[cachedAccount]bool{}
	priorOut := map[cachedAccount]bool{}
	priors, mine := accountEntries(was.prior), accountEntries(was.mine)
	for a := range was.unstored {
		if !keep[a] {
			continue // signed out here since: nothing of it to hand on
		}
		unstored[a], priorOut[a] = true, was.priorOut[a]
		if _, ok := priors[a]; ok {
			fromPrior[a] = true
		}
	}
	for a := range signedIn {
		if unstored[a] {
			continue // an earlier sign-in not in the keyring yet: how it was before that one
		}
		unstored[a], priorOut[a] = true, was.out[a]
		if _, ok := mine[a]; ok {
			fromMine[a] = true
		}
	}
	if len(unstored) == 0 {
		return
	}
	for a, out := range priorOut {
		if !out {
			delete(priorOut, a)
		}
	}
	next.unstored, next.priorOut = unstored, priorOut
	next.prior = withAccountsFrom(withAccountsFrom(nil, was.prior, fromPrior), was.mine, fromMine)
}

// wroteLocked is called as the write noteMineLocked noted has ended with
// err: one that worked put every sign-in noted in the keyring (it wrote
// MSAL's whole cache), and they are handed on from then on.
func (pc *persistentCache) wroteLocked(err error) {
	g := pc.guard.Load()
	if err != nil || g == nil || len(g.unstored) == 0 {
		return
	}
	pc.guard.Store(&guard{mine: g.mine, out: g.out, landing: g.landing})
}

// handedOn is what a session replacing this one is to keep on
// (KeptAccounts): what is kept now, with the accounts of sign-ins not in
// the keyring yet as they were before them, and the tokens those
// sign-ins' writes would put there as landing.
func (pc *persistentCache) handedOn() guard {
	g := pc.guardNow()
	if len(g.unstored) == 0 {
		return guard{mine: g.mine, out: g.out, landing: g.landing}
	}
	mine, _ := withoutAccounts(g.mine, func(homeID, environment string) bool {
		return g.unstored[cachedAccount{homeID, environment}] // entryOwner lowered the host
	})
	prior := map[cachedAccount]bool{}
	for a := range accountEntries(g.prior) {
		prior[a] = true
	}
	mine = withAccountsFrom(mine, g.prior, prior)
	if accountCount(mine) == 0 {
		mine = nil
	}
	out := map[cachedAccount]bool{}
	for a := range g.out {
		out[a] = true
	}
	for a := range g.priorOut {
		out[a] = true
	}
	return guard{mine: mine, out: out, landing: withAccountsFrom(g.landing, g.mine, g.unstored)}
}

// landedLocked takes data, a cache read from the keyring while guarding,
// holding the tokens a stopped sign-in of a session closed before was
// writing (landing) for the write having landed: those accounts are kept
// as if signed in here, with those tokens, rather than as they were
// before that sign-in.
func (pc *persistentCache) landedLocked(data []byte) {
	g := pc.guardNow()
	landing := accountEntries(g.landing)
	if len(landing) == 0 {
		return
	}
	have := accountEntries(data)
	landed := map[cachedAccount]bool{}
	for a, e := range landing {
		if have[a] == e {
			landed[a] = true
		}
	}
	if len(landed) == 0 {
		return
	}
	mine, _ := withoutAccounts(g.mine, func(homeID, environment string) bool {
		return landed[cachedAccount{homeID, environment}]
	})
	out := map[cachedAccount]bool{}
	for a := range g.out {
		if !landed[a] {
			out[a] = true
		}
	}
	next := g
	next.mine, next.out, next.landing = withAccountsFrom(mine, g.landing, landed), out, landingWithout(g.landing, landed, nil)
	pc.guard.Store(&next)
}

// landingWithout is landing without the accounts either set names: those
// whose tokens landed, or that a person signed in or out here since it
// was handed on — what is done here comes first, so a stopped sign-in's
// write landing after it neither brings back an account signed out here
// nor puts its older tokens over those of a sign-in here.
func landingWithout(landing []byte, these, those map[cachedAccount]bool) []byte {
	if len(landing) == 0 || len(these)+len(those) == 0 {
		return landing
	}
	rest, _ := withoutAccounts(landing, func(homeID, environment string) bool {
		a := cachedAccount{homeID, environment} // entryOwner lowered the host
		return these[a] || those[a]
	})
	if accountCount(rest) == 0 {
		return nil
	}
	return rest
}
