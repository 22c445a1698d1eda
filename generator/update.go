package generator

import "github.com/cmplay/cmplay/generator/output"

// The types below are what a live rebuild (Session.LiveUpdate) hands to whoever serves the site:
// cmplay serve, in serve, uses the generator; the generator knows nothing of serving.

// Problem is one line of the error overlay.
type Problem struct {
	Pos string `json:"pos"` // file:line:col
	Msg string `json:"msg"`
}

// Swap is a stylesheet replaced by a CSS-only change: the site paths of the old and new file.
type Swap struct {
	From string `json:"from"`
	To   string `json:"to"`
}

// Update is the outcome of one rebuild.
type Update struct {
	Site     *output.Memory // the new build; nil when the build failed
	Errors   int            // its error diagnostics
	Problems []Problem      // what the overlay lists: the errors, or why the build failed
	// CSS lists the stylesheets replaced when only stylesheets changed; the pages swap them
	// instead of reloading. Nil means reload.
	CSS []Swap
	// Quiet swaps the build in without telling the pages to reload: it differs from the one
	// served only in files they fetch later (the search index).
	Quiet bool
	// Then, when set, finishes the build (the steps left for after the reload); Run publishes
	// its result unless newer changes are already waiting.
	Then func() Update
}
