package yaegi

import (
	"errors"
	"strings"
	"testing"
)

// TestGenericPackages pins which functions of cmp, maps and slices work:
// yaegi compiles its own Go 1.22 copies of them, many of which it cannot
// instantiate, and this package adds slices.Sort and its kin.
func TestGenericPackages(t *testing.T) {
	tests := []struct {
		expr string
		want string // the output, or "" when yaegi cannot compile the function
	}{
		{`cmp.Compare(1, 2)`, "-1"},
		{`cmp.Less("a", "b")`, "true"},
		{`cmp.Or(0, 3)`, ""},
		{`maps.Clone(map[int]int{1: 1})`, ""},
		{`maps.Equal(map[int]int{1: 1}, map[int]int{1: 1})`, ""},
		{`func() map[int]int { m := map[int]int{1: 1, 2: 2}; maps.DeleteFunc(m, func(k, v int) bool { return k == 1 }); return m }()`, "map[2:2]"},
		{`slices.Index([]int{1, 2}, 2)`, "1"},
		{`slices.IndexFunc([]int{1, 2}, func(v int) bool { return v == 2 })`, "1"},
		{`slices.Contains([]string{"a"}, "a")`, "true"},
		{`slices.ContainsFunc([]int{1, 2}, func(v int) bool { return v == 2 })`, "true"},
		{`slices.EqualFunc([]int{1}, []int{1}, func(a, b int) bool { return a == b })`, "true"},
		{`slices.CompareFunc([]int{1}, []int{2}, func(a, b int) int { return a - b })`, "-1"},
		{`slices.Equal([]int{1}, []int{1})`, ""},
		{`slices.Compare([]int{1}, []int{2})`, ""},
		{`slices.Insert([]int{1, 2}, 1, 9)`, ""},
		{`slices.Delete([]int{1, 2, 3}, 0, 1)`, ""},
		{`slices.Clone([]int{1, 2})`, ""},
		{`func() []int { s := []int{1, 2}; slices.Reverse(s); return s }()`, ""},
		{`slices.Concat([]int{1}, []int{2})`, ""},
		// Added by this package.
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
	for _, tt := range tests {
		t.Run(tt.expr, func(t *testing.T) {
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
