// Package suggest finds the word an author probably meant, for the "did
// you mean" of error messages: a misspelled option, front-matter key,
// lesson or heading.
package suggest

import "strings"

// Closest returns the candidate nearest to word, if one is near enough to
// be a likely misspelling (an edit distance of at most a third of its
// length, and at most 3), or "".
func Closest(word string, candidates []string) string {
	best, bestDist := "", 0
	for _, c := range candidates {
		d := distance(strings.ToLower(word), strings.ToLower(c))
		if d == 0 {
			continue // the same word is not a suggestion
		}
		if limit := min(3, max(1, len([]rune(c))/3)); d <= limit && (best == "" || d < bestDist) {
			best, bestDist = c, d
		}
	}
	return best
}

// DidYouMean returns "; did you mean X?" for the closest candidate, or "".
func DidYouMean(word string, candidates []string) string {
	if c := Closest(word, candidates); c != "" {
		return "; did you mean " + c + "?"
	}
	return ""
}

// distance is the Damerau-Levenshtein distance (with adjacent
// transpositions) between a and b, in runes.
func distance(a, b string) int {
	s, t := []rune(a), []rune(b)
	prev2 := make([]int, len(t)+1)
	prev := make([]int, len(t)+1)
	cur := make([]int, len(t)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(s); i++ {
		cur[0] = i
		for j := 1; j <= len(t); j++ {
			cost := 1
			if s[i-1] == t[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && s[i-1] == t[j-2] && s[i-2] == t[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(t)]
}
