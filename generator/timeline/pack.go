package timeline

import (
	"cmp"
	"slices"
	"time"
)

// A piece is one thing to draw on a lane or a row: a slice, a block, a
// stretch of being runnable. key tells which goroutine or state it is.
type piece struct {
	start, end time.Duration
	key        int
	idx        int // where it came from, in the list it was made from
}

// A bar is what packing makes of one or more pieces: drawn as one shape.
type bar struct {
	start, end time.Duration
	key        int // mixed when pieces of different keys were merged
	n          int // how many pieces it stands for
	busy       time.Duration
	keys       []int // the distinct keys, in order of first appearance
	first      piece
	// seen holds keys as a set once there are many, so that a bar merging
	// the slivers of thousands of goroutines costs no more than its pieces.
	seen map[int]bool
}

// manyKeys is how many keys a bar looks through before keeping a set.
const manyKeys = 16

// add records key k in b, reporting whether it is new.
func (b *bar) add(k int) bool {
	if b.seen == nil {
		if slices.Contains(b.keys, k) {
			return false
		}
		b.keys = append(b.keys, k)
		if len(b.keys) > manyKeys {
			b.seen = map[int]bool{}
			for _, k := range b.keys {
				b.seen[k] = true
			}
		}
		return true
	}
	if b.seen[k] {
		return false
	}
	b.seen[k] = true
	b.keys = append(b.keys, k)
	return true
}

// mixed is the key of a bar that merges pieces of different keys.
const mixed = -1 << 31

// pack merges pieces too small to see apart at a scale of px pixels per
// unit of time. A piece narrower than minW pixels merges with the
// neighbours it touches (closer than minW) that are also narrow or already
// such a merge, whatever their key; wide pieces merge only with touching
// pieces of their own key.
// So every bar is either pieces of one key or a run of slivers, and there
// are at most about three bars per minW pixels: a figure's size is bounded
// by its width, not by how long the run was.
//
// pieces must be sorted by start (see layers).
func pack(pieces []piece, px, minW float64) []bar {
	wide := func(start, end time.Duration) bool { return float64(end-start)*px >= minW }
	var bars []bar
	for _, p := range pieces {
		if n := len(bars); n > 0 {
			b := &bars[n-1]
			touches := float64(p.start-b.end)*px < minW
			same := p.key == b.key
			sliver := !wide(p.start, p.end)
			slivers := sliver && (b.key == mixed || !wide(b.start, b.end))
			if touches && (same || slivers) {
				b.end = max(b.end, p.end)
				b.n++
				b.busy += p.end - p.start
				if b.add(p.key) {
					b.key = mixed
				}
				continue
			}
		}
		bars = append(bars, bar{start: p.start, end: p.end, key: p.key, n: 1, busy: p.end - p.start, keys: []int{p.key}, first: p})
	}
	return bars
}

// sparse reports whether b's pieces fill less than half of it, so that it
// is drawn fainter than a bar that is busy throughout.
func (b bar) sparse() bool { return b.n > 1 && 2*b.busy < b.end-b.start }

// layers holds the pieces of each part of a figure, built and sorted once
// for all the drawings Render tries.
type layers map[string][]piece

// get returns the pieces of the part called name, building them the first
// time.
func (l layers) get(name string, build func() []piece) []piece {
	if ps, ok := l[name]; ok {
		return ps
	}
	ps := build()
	slices.SortStableFunc(ps, func(a, b piece) int { return cmp.Compare(a.start, b.start) })
	l[name] = ps
	return ps
}
