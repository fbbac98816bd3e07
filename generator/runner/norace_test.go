//go:build !race

package runner

// raceEnabled is set when the tests run with -race. Such a test binary links
// cgo, so as a yaegi child it cannot report a deadlock.
const raceEnabled = false
