package app

import "slices"

// decodedKeep is how many cached photos keep their decoded image: a
// 648x648 photo is 1.6 MB decoded against a few tens of KB as a JPEG, so
// the photos of people looked at a while ago (no longer on screen) keep
// only their bytes and are decoded again if looked at again.
const decodedKeep = 16

// keepDecoded notes that k's decoded image was just used, and releases the
// decoded image of the photo used longest ago beyond decodedKeep. Callers
// hold c.mu.
func (c *cache) keepDecodedLocked(k photoKey) {
	if i := slices.Index(c.decoded, k); i >= 0 {
		c.decoded = slices.Delete(c.decoded, i, i+1)
	}
	c.decoded = append(c.decoded, k)
	for len(c.decoded) > decodedKeep {
		old := c.decoded[0]
		c.decoded = c.decoded[1:]
		if e := c.photos[old]; e != nil && e.dec != nil {
			n := *e // entries are replaced, never mutated: results handed out keep their image
			n.dec = nil
			c.photos[old] = &n
		}
	}
}

// usedPhoto marks k's decoded image as used (a cache hit shown again).
func (c *cache) usedPhoto(k photoKey) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e := c.photos[k]; e != nil && e.dec != nil {
		c.keepDecodedLocked(k)
	}
}

// redecode gives ent its decoded image again, from its bytes, after the
// cache released it; the entry with the image replaces it under k unless
// k's subject was forgotten since gen.
func (e *Engine) redecode(k photoKey, ent *photoEntry, gen uint64) (*photoEntry, error) {
	if ent.dec != nil || ent.noPhoto || len(ent.bytes) == 0 {
		return ent, nil
	}
	dec, err := DecodeImage(ent.bytes, e.maxPixels)
	if err != nil {
		return nil, err
	}
	n := *ent
	n.dec = dec
	e.keep(k.subj, gen, func() { e.cache.putPhoto(k, &n) })
	return &n, nil
}
