package browsertest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// AxeVersion is the axe-core release the suite checks pages with. It is
// pinned so a new rule upstream never turns a green build red on its own.
const AxeVersion = "4.11.4"

// InstallAxe returns the source of axe-core AxeVersion, installing it with
// npm from the registry into dir/axe-core-VERSION the first time. dir must
// be a folder the repository ignores: the package is never committed.
func InstallAxe(dir string) (string, error) {
	final := filepath.Join(dir, "axe-core-"+AxeVersion)
	script := filepath.Join(final, "node_modules", "axe-core", "axe.min.js")
	if b, err := os.ReadFile(script); err == nil {
		return string(b), nil
	}
	npm, err := exec.LookPath("npm")
	if err != nil {
		return "", fmt.Errorf("installing axe-core: npm is not on PATH: %w", err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	// Install beside the final folder and rename, so a suite that runs at
	// the same time never reads a half-installed package.
	tmp, err := os.MkdirTemp(dir, ".axe-install-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(tmp)
	cmd := exec.Command(npm, "install", "--prefix", tmp, "--no-save", "--no-package-lock",
		"--no-audit", "--no-fund", "--ignore-scripts", "axe-core@"+AxeVersion)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("npm install axe-core@%s: %w\n%s", AxeVersion, err, out.String())
	}
	if err := os.Rename(tmp, final); err != nil && !os.IsExist(err) {
		if _, statErr := os.Stat(script); statErr != nil {
			return "", fmt.Errorf("installing axe-core: %w", err)
		}
	}
	b, err := os.ReadFile(script)
	return string(b), err
}

// Violation is one axe rule a page breaks, with the elements that break it.
type Violation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target  []string `json:"target"`
		HTML    string   `json:"html"`
		Summary string   `json:"failureSummary"`
	} `json:"nodes"`
}

func (v Violation) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s, %d elements): %s", v.ID, v.Impact, len(v.Nodes), v.Help)
	for i, n := range v.Nodes {
		if i == 3 {
			fmt.Fprintf(&b, "\n\t… and %d more", len(v.Nodes)-i)
			break
		}
		fmt.Fprintf(&b, "\n\t%s %s", strings.Join(n.Target, " "), n.HTML)
	}
	return b.String()
}

// Axe runs axe-core (its source, from InstallAxe) on the open page with its
// default rules and returns the violations. exclude lists CSS selectors of
// elements to leave out.
func (t *Tab) Axe(source string, exclude ...string) ([]Violation, error) {
	loaded, err := Eval[bool](t, "typeof axe === 'object'")
	if err != nil {
		return nil, err
	}
	if !loaded {
		if _, err := Eval[bool](t, source+"\n;true"); err != nil {
			return nil, fmt.Errorf("loading axe-core: %w", err)
		}
	}
	context := struct {
		Include [][]string `json:"include"`
		Exclude [][]string `json:"exclude"`
	}{Include: [][]string{{"html"}}, Exclude: [][]string{}}
	for _, e := range exclude {
		context.Exclude = append(context.Exclude, []string{e})
	}
	ctx, err := json.Marshal(context)
	if err != nil {
		return nil, err
	}
	js, err := Eval[string](t, `axe.run(`+string(ctx)+`, {resultTypes: ["violations"]}).then(r => JSON.stringify(r.violations))`)
	if err != nil {
		return nil, err
	}
	var vs []Violation
	if err := json.Unmarshal([]byte(js), &vs); err != nil {
		return nil, fmt.Errorf("reading axe's answer: %w", err)
	}
	return vs, nil
}
