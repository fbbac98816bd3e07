package suggest

import "testing"

func TestClosest(t *testing.T) {
	keys := []string{"title", "summary", "order", "draft"}
	tests := []struct {
		word       string
		candidates []string
		want       string
	}{
		{"sumary", keys, "summary"},
		{"titel", keys, "title"},
		{"Title", keys, ""}, // the same word, in other case: no suggestion
		{"draf", keys, "draft"},
		{"colour", keys, ""},
		{"x", keys, ""},
		{"engnie", []string{"engine", "expect", "title"}, "engine"},
		{"02-channel.md", []string{"01-intro.md", "02-channels.md"}, "02-channels.md"},
		{"", keys, ""},
	}
	for _, tt := range tests {
		if got := Closest(tt.word, tt.candidates); got != tt.want {
			t.Errorf("Closest(%q) = %q, want %q", tt.word, got, tt.want)
		}
	}
	if got := DidYouMean("sumary", keys); got != "; did you mean summary?" {
		t.Errorf("DidYouMean = %q", got)
	}
}

func TestDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{{"", "", 0}, {"a", "", 1}, {"kitten", "sitting", 3}, {"ab", "ba", 1}, {"héllo", "hello", 1}}
	for _, tt := range tests {
		if got := distance(tt.a, tt.b); got != tt.want {
			t.Errorf("distance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}
