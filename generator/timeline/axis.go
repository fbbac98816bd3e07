package timeline

import (
	"strconv"
	"time"
)

// A unit is a unit of time a figure writes durations in.
type unit struct {
	name string
	size time.Duration
}

var units = [...]unit{{"s", time.Second}, {"ms", time.Millisecond}, {"µs", time.Microsecond}, {"ns", time.Nanosecond}}

// ticks returns the times to mark on an axis running from 0 to d: fewer
// than max marks, 1, 2 or 5 times a power of ten apart, and the unit to
// write them in: the largest that d has at least one of.
func ticks(d time.Duration, max int) (marks []time.Duration, u unit) {
	u = largest(d)
	if d <= 0 {
		return []time.Duration{0}, u
	}
	step := tickStep(d, max)
	for t := time.Duration(0); t <= d; t += step {
		marks = append(marks, t)
	}
	return marks, u
}

// tickStep is the smallest of 1, 2 and 5 times a power of ten that makes
// fewer than max steps in d.
func tickStep(d time.Duration, max int) time.Duration {
	for p := time.Duration(1); ; p *= 10 {
		for _, m := range [...]time.Duration{1, 2, 5} {
			if d/(p*m) < time.Duration(max) {
				return p * m
			}
		}
	}
}

// largest is the largest unit that d has at least one of.
func largest(d time.Duration) unit {
	for _, u := range units {
		if d >= u.size {
			return u
		}
	}
	return units[len(units)-1]
}

// label writes t in unit u: "0", "20 ms", "2.5 ms".
func label(t time.Duration, u unit) string {
	if t == 0 {
		return "0"
	}
	return strconv.FormatFloat(float64(t)/float64(u.size), 'f', -1, 64) + " " + u.name
}

// dur writes d to three significant figures in the largest unit it has at
// least one of: "43.5 ms", "566 µs", "1.02 s".
func dur(d time.Duration) string {
	u := largest(d)
	v := float64(d) / float64(u.size)
	digits := 2
	switch {
	case v >= 100:
		digits = 0
	case v >= 10:
		digits = 1
	}
	if u.size == time.Nanosecond {
		digits = 0
	}
	return strconv.FormatFloat(v, 'f', digits, 64) + " " + u.name
}
