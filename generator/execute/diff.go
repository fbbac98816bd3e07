package execute

import (
	"fmt"
	"strings"
)

// diff shows how got differs from want, line by line: "-" lines are wanted
// but missing, "+" lines were printed but not wanted.
func diff(want, got string) string {
	return diffLabeled(want, got, "want (// Output:)", "got")
}

func diffLabeled(want, got, wantName, gotName string) string {
	a, b := splitLines(want), splitLines(got)
	// Longest common subsequence table, from the ends, so the walk below
	// can go forwards. Outputs on lesson pages are short.
	lcs := make([][]int, len(a)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var out strings.Builder
	fmt.Fprintf(&out, "\t--- %s\n\t+++ %s\n", wantName, gotName)
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case i < len(a) && j < len(b) && a[i] == b[j]:
			fmt.Fprintf(&out, "\t  %s\n", a[i])
			i, j = i+1, j+1
		case j < len(b) && (i == len(a) || lcs[i][j+1] >= lcs[i+1][j]):
			fmt.Fprintf(&out, "\t+ %s\n", b[j])
			j++
		default:
			fmt.Fprintf(&out, "\t- %s\n", a[i])
			i++
		}
	}
	return strings.TrimRight(out.String(), "\n")
}

func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(strings.TrimSuffix(s, "\n"), "\n")
}
