package execute

import (
	"context"
	"fmt"

	"github.com/gonotes/concurrency/generator/engine"
	"github.com/gonotes/concurrency/generator/lesson"
	"github.com/gonotes/concurrency/generator/runner"
	"github.com/gonotes/concurrency/generator/snippet"
)

// entry is what the cache keeps for a snippet: the key it was stored
// under, so an entry copied or edited into another's place is noticed.
type entry struct {
	Key        string            `json:"key"`
	Result     engine.Result     `json:"result"`
	Provenance engine.Provenance `json:"provenance"`
	// Trace is a traced snippet's execution trace, not its figure: the
	// figure is drawn again on every build, cached or not. That takes
	// milliseconds for a lesson's trace (kilobytes), and it keeps the
	// cache out of the page's trusted HTML: an edited entry can change the
	// trace, which is untrusted input to Parse anyway, never the SVG
	// inlined in the page; and the figure's id follows the snippet when it
	// moves, without running it again.
	Trace []byte `json:"trace,omitempty"`
}

// runBlock runs one snippet (or takes it from the cache), checks the outcome
// against what the lesson expects and, for yaegi, consults Go wherever
// yaegi's word alone could mislead: to say whose fault a failure is, and to
// verify what the page shows.
func runBlock(ctx context.Context, b *lesson.Block, cfg Config) error {
	s := b.Snippet
	key := cacheKey(s, cfg.Versions)
	if fromCache(b, key, cfg) {
		return nil
	}
	if s.Options.Trace {
		if err := traceable(s); err != nil {
			return err
		}
	}
	eng := s.EngineOrDefault()
	res, err := cfg.Run(ctx, request(s, eng))
	if err != nil {
		return &internalError{fmt.Errorf("%s:%d: running the snippet: %w", s.File, s.Line, err)}
	}
	if res.Outcome == engine.Refused {
		// Final: a program the sandbox refuses never runs anywhere else.
		return refusal(s, &res)
	}
	prov := engine.Provenance{Engine: string(eng), GoVersion: cfg.Versions.Host}
	if eng == snippet.Go {
		prov.GoVersion = cfg.Versions.Go
		// Pages show a panic's report cut to the program's frames, Go's
		// as well as yaegi's.
		res.CutTraces()
		if err := checkOutcome(s, &res); err != nil {
			return err
		}
	} else if res, prov, err = checkYaegi(ctx, s, res, prov, cfg); err != nil {
		return err
	}
	fig, err := drawTrace(s, res.Trace, cfg.Versions.Cores)
	if err != nil {
		return err
	}
	trace := res.Trace
	res.Trace = nil // the entry keeps it
	if !s.Check.Present && !s.Varies() && res.Outcome == engine.OK && res.Stdout() != "" {
		cfg.note(fmt.Sprintf("%s:%d: note: nothing pins this program's output; add an // Output: comment to catch a change", s.File, s.Line))
	}
	b.Result, b.Provenance, b.Timeline = &res, prov, fig
	cfg.Stats.add(prov, false)
	return cfg.Cache.put(key, entry{Key: key, Result: res, Provenance: prov, Trace: trace})
}

// checkYaegi checks a yaegi run and returns what the page is to show: the
// run, or Go's, with its provenance.
func checkYaegi(ctx context.Context, s *snippet.Snippet, res engine.Result, prov engine.Provenance, cfg Config) (engine.Result, engine.Provenance, error) {
	ref := &reference{run: func() (engine.Result, error) { return cfg.Run(ctx, request(s, snippet.Go)) }}
	goProv := engine.Provenance{Engine: string(snippet.Go), GoVersion: cfg.Versions.Go}
	if res.Outcome == engine.Crash || res.Outcome == engine.CompileError || !meets(&res, s.Options.Expect) {
		want, err := blame(s, &res, ref)
		if err != nil {
			return res, prov, err
		}
		// Go did as the lesson expects, and the lesson is about a compile
		// error, which it shows in Go's own words.
		return want, goProv, checkOutcome(s, &want)
	}
	if err := checkOutput(s, &res); err != nil {
		return res, prov, err
	}
	if !cfg.Verify {
		return res, prov, nil
	}
	shown, reason, err := verify(s, &res, ref)
	if err != nil {
		return res, prov, err
	}
	if reason != "" {
		goProv.Reason = reason
		return shown, goProv, nil
	}
	prov.Verified = true
	return res, prov, nil
}

// fromCache fills in the block's result from the cache, when an entry there
// may stand for a run, and reports whether it did.
func fromCache(b *lesson.Block, key string, cfg Config) bool {
	e, ok := cfg.Cache.get(key, cfg.Fresh)
	if !ok || !usable(b.Snippet, e, cfg) {
		return false
	}
	// A trace that does not draw is recorded again.
	fig, err := drawTrace(b.Snippet, e.Trace, cfg.Versions.Cores)
	if err != nil {
		return false
	}
	b.Result, b.Provenance, b.Timeline = &e.Result, e.Provenance, fig
	cfg.Stats.add(e.Provenance, true)
	return true
}

// goRequests are the runs of Go a snippet that is not cached will need:
// its own, with engine go, or verification's, with yaegi.
func goRequests(s *snippet.Snippet, cfg Config) []runner.Request {
	if s.EngineOrDefault() == snippet.Go || cfg.Verify {
		return []runner.Request{request(s, snippet.Go)}
	}
	return nil
}

// usable reports whether a cached entry may stand for a run: it was stored
// under this key, verified if this build verifies, and it still passes the
// snippet's checks (an entry is a file anyone can edit). Otherwise the
// snippet runs again and the entry is replaced.
func usable(s *snippet.Snippet, e entry, cfg Config) bool {
	if !e.Provenance.Verified && cfg.Verify && e.Provenance.Engine != string(snippet.Go) {
		return false
	}
	return checkOutcome(s, &e.Result) == nil
}

func request(s *snippet.Snippet, eng snippet.Engine) runner.Request {
	return runner.Request{
		Engine:  eng,
		Source:  s.Source,
		Timeout: s.Options.Timeout,
		Flags:   s.Options.Flags,
		Vet:     s.Options.Vet,
		Trace:   s.Options.Trace && eng == snippet.Go,
		Allow:   s.Options.Allow,
	}
}
