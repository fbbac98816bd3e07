package yaegi

import (
	"errors"
	"strings"
	"testing"
)

// TestGenericPackages pins which functions of cmp, maps and slices work.
// The rewrite replaces most of slices and maps with helpers of its own,
// including the Go 1.23 iterator functions it can express as slices; the
// rest come from yaegi's own Go 1.22 copies of the packages, many of which
// it cannot instantiate. What the working ones print is checked against
// go run.
func TestGenericPackages(t *testing.T) {
	t.Parallel()
	tests := []struct {
		expr string
		want string // the output, or "" when yaegi cannot compile the function
	}{
		{`cmp.Compare(1, 2)`, "-1"},
		{`cmp.Less("a", "b")`, "true"},
		{`cmp.Or(0, 3)`, "3"},
		{`maps.Clone(map[int]int{1: 1})`, "map[1:1]"},
		{`maps.Equal(map[int]int{1: 1}, map[int]int{1: 1})`, "true"},
		{`maps.EqualFunc(map[int]int{1: 1}, map[int]int{1: 1}, func(a, b int) bool { return a == b })`, "true"},
		{`func() map[int]int { m := map[int]int{1: 1, 2: 2}; maps.DeleteFunc(m, func(k, v int) bool { return k == 1 }); return m }()`, "map[2:2]"},
		{`func() map[int]int { m := map[int]int{1: 1}; maps.Copy(m, map[int]int{2: 2}); return m }()`, "map[1:1 2:2]"},
		{`slices.Sorted(maps.Keys(map[int]int{2: 1, 1: 2}))`, "[1 2]"},
		{`slices.Sorted(maps.Values(map[int]int{2: 1, 1: 2}))`, "[1 2]"},
		{`slices.Collect(slices.Values([]int{1, 2}))`, "[1 2]"},
		{`func() (n int) { for i, v := range slices.All([]int{5, 6}) { n += i + v }; return n }()`, "12"},
		{`func() (n int) { for k, v := range maps.All(map[int]int{1: 2}) { n += k + v }; return n }()`, "3"},
		{`slices.Index([]int{1, 2}, 2)`, "1"},
		{`slices.IndexFunc([]int{1, 2}, func(v int) bool { return v == 2 })`, "1"},
		{`slices.Contains([]string{"a"}, "a")`, "true"},
		{`slices.ContainsFunc([]int{1, 2}, func(v int) bool { return v == 2 })`, "true"},
		{`slices.EqualFunc([]int{1}, []int{1}, func(a, b int) bool { return a == b })`, "true"},
		{`slices.CompareFunc([]int{1}, []int{2}, func(a, b int) int { return a - b })`, "-1"},
		{`slices.Equal([]int{1}, []int{1})`, "true"},
		{`slices.Compare([]int{1}, []int{2})`, "-1"},
		{`slices.Insert([]int{1, 2}, 1, 9)`, "[1 9 2]"},
		{`slices.Delete([]int{1, 2, 3}, 0, 1)`, "[2 3]"},
		{`slices.DeleteFunc([]int{1, 2, 3}, func(v int) bool { return v == 2 })`, "[1 3]"},
		{`slices.Replace([]int{1, 2, 3}, 0, 1, 7)`, "[7 2 3]"},
		{`slices.Clone([]int{1, 2})`, "[1 2]"},
		{`slices.Compact([]int{1, 1, 2})`, "[1 2]"},
		{`slices.CompactFunc([]int{1, 1, 2}, func(a, b int) bool { return a == b })`, "[1 2]"},
		{`len(slices.Grow([]int{1}, 10))`, "1"},
		{`slices.Clip([]int{1, 2})`, "[1 2]"},
		{`func() []int { s := []int{1, 2}; slices.Reverse(s); return s }()`, "[2 1]"},
		{`slices.Concat([]int{1}, []int{2})`, "[1 2]"},
		{`func() []float64 { s := []float64{2.5, 1}; slices.Sort(s); return s }()`, "[1 2.5]"},
		{`func() []string { s := []string{"a", "b"}; slices.SortFunc(s, func(a, b string) int { return strings.Compare(b, a) }); return s }()`, "[b a]"},
		{`func() []int { s := []int{3, 1}; slices.SortStableFunc(s, func(a, b int) int { return a - b }); return s }()`, "[1 3]"},
		{`slices.IsSorted([]int{1, 2})`, "true"},
		{`slices.IsSortedFunc([]int{2, 1}, func(a, b int) int { return a - b })`, "false"},
		{`slices.Min([]int{2, 1})`, "1"},
		{`slices.Max([]string{"a", "b"})`, "b"},
		{`slices.MinFunc([]int{2, 1}, func(a, b int) int { return a - b })`, "1"},
		{`slices.MaxFunc([]int{2, 1}, func(a, b int) int { return a - b })`, "2"},
		{`fmt.Sprint(slices.BinarySearch([]int{1, 3}, 3))`, "1 true"},
		{`fmt.Sprint(slices.BinarySearchFunc([]int{1, 3}, 2, func(a, b int) int { return a - b }))`, "1 false"},
	}
	t.Run("go run agrees", func(t *testing.T) {
		t.Parallel()
		var body, want strings.Builder
		for _, tt := range tests {
			if tt.want != "" {
				body.WriteString("fmt.Println(" + tt.expr + ")\n")
				want.WriteString(tt.want + "\n")
			}
		}
		src := program([]string{"cmp", "fmt", "maps", "slices", "strings"}, body.String())
		if got := goOutcomes(t, []string{src})[0]; got != (outcome{stdout: want.String()}) {
			t.Errorf("go run:\n%v\nthe table says:\n%s", got, want.String())
		}
	})
	for _, tt := range tests {
		t.Run(tt.expr, func(t *testing.T) {
			t.Parallel()
			imports := []string{"fmt"}
			for _, p := range []string{"cmp", "maps", "slices", "strings"} {
				if strings.Contains(tt.expr, p+".") {
					imports = append(imports, p)
				}
			}
			got := runProgram(t, program(imports, "fmt.Println("+tt.expr+")"), Options{})
			if tt.want == "" {
				if !errors.Is(got.err, errGeneric) {
					t.Errorf("Run = %v, stdout %q; want errGeneric (if yaegi compiles it now, update the package doc)", got.err, got.stdout)
				}
				return
			}
			if got.err != nil || got.stdout != tt.want+"\n" {
				t.Errorf("Run = %v, stdout %q; want %q", got.err, got.stdout, tt.want)
			}
		})
	}
}
