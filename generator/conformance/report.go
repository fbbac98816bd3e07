package conformance

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"text/tabwriter"
)

// Counts is how many yaegi runs got each verdict.
type Counts map[Verdict]int

// Tally counts the verdicts before and after the rewrite.
func Tally(rows []Row) (before, after Counts) {
	before, after = Counts{}, Counts{}
	for _, r := range rows {
		before[r.Before.Verdict]++
		after[r.After.Verdict]++
	}
	return before, after
}

// WriteSummary writes the table of verdicts before and after the rewrite,
// the packages the sandbox refused, and what the rewrite changed.
func WriteSummary(w io.Writer, rows []Row, skips []Skip) error {
	before, after := Tally(rows)
	var b strings.Builder
	tw := tabwriter.NewWriter(&b, 0, 8, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "%d programs (%d skipped)\tbefore rewrite\tafter rewrite\t\n", len(rows), len(skips))
	for _, v := range verdicts() {
		fmt.Fprintf(tw, "%s\t%d\t%d\t\n", v, before[v], after[v])
	}
	tw.Flush() // a strings.Builder takes every write
	if refused := refusedPackages(rows); len(refused) > 0 {
		fmt.Fprintf(&b, "\nrefused by the sandbox (programs per import): %s\n", refused)
	}
	var fixed, broken []string
	for _, r := range rows {
		switch {
		case r.Before.Verdict != Same && r.After.Verdict == Same:
			fixed = append(fixed, r.Program.Path)
		case r.Before.Verdict == Same && r.After.Verdict != Same:
			broken = append(broken, r.Program.Path)
		}
	}
	fmt.Fprintf(&b, "\nthe rewrite made %d programs match: %s\n", len(fixed), strings.Join(fixed, " "))
	fmt.Fprintf(&b, "the rewrite made %d programs stop matching: %s\n", len(broken), strings.Join(broken, " "))
	fmt.Fprintf(&b, "\nsilently different after the rewrite, at the first differing line:\n%s", silentList(rows))
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("writing the summary: %w", err)
	}
	return nil
}

// refusedPackages lists each import the sandbox refused (after the rewrite)
// with the number of programs refused because of it: "unsafe 12, syscall 3".
func refusedPackages(rows []Row) string {
	n := map[string]int{}
	for _, r := range rows {
		for _, p := range r.After.Refused {
			n[p]++
		}
	}
	paths := slices.SortedFunc(maps.Keys(n), func(a, b string) int {
		if n[a] != n[b] {
			return n[b] - n[a]
		}
		return strings.Compare(a, b)
	})
	var parts []string
	for _, p := range paths {
		parts = append(parts, fmt.Sprintf("%s %d", p, n[p]))
	}
	return strings.Join(parts, ", ")
}

// silentList is one line per program silently different after the rewrite.
func silentList(rows []Row) string {
	var b strings.Builder
	for _, r := range rows {
		if r.After.Verdict == SilentlyDifferent {
			fmt.Fprintf(&b, "  %s: %s\n", r.Program.Path, r.After.Detail)
		}
	}
	if b.Len() == 0 {
		return "  none\n"
	}
	return b.String()
}

// WriteVerdicts writes one line per program: how go run ended and the
// verdicts before and after the rewrite, then the details of every verdict
// other than Same, then the skipped programs with their reasons.
func WriteVerdicts(w io.Writer, rows []Row, skips []Skip) error {
	var b strings.Builder
	tw := tabwriter.NewWriter(&b, 0, 8, 2, ' ', 0)
	fmt.Fprintf(tw, "program\tgo run\tbefore rewrite\tafter rewrite\n")
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.Program.Path, r.Go.Outcome, r.Before.Verdict, r.After.Verdict)
	}
	tw.Flush() // a strings.Builder takes every write
	fmt.Fprintf(&b, "\ndetails\n")
	for _, r := range rows {
		if r.Before.Verdict != Same {
			fmt.Fprintf(&b, "%s before: %s: %s\n", r.Program.Path, r.Before.Verdict, r.Before.Detail)
		}
		if r.After.Verdict != Same {
			fmt.Fprintf(&b, "%s after: %s: %s\n", r.Program.Path, r.After.Verdict, r.After.Detail)
		}
	}
	fmt.Fprintf(&b, "\nskipped\n")
	for _, s := range skips {
		fmt.Fprintf(&b, "%s: %s\n", s.Path, s.Reason)
	}
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("writing the verdicts: %w", err)
	}
	return nil
}
