// Package generator builds a cmplay site: a folder of Markdown playbook pages becomes a static
// website. Its doc comment is the pipeline's specification.
//
// # Sites
//
// A site is a folder holding content/ (or the folder named by content_dir in cmplay.toml),
// an optional cmplay.toml read by [LoadConfig], and optional themes/<name>/ overriding files of
// the embedded default theme. The command line turns flags into a [Config]; nothing else is read
// from the environment, and no package keeps mutable global state. What a build keeps outside
// the site and its output is the history cache, in the folder [Config.HistoryCacheDir] names,
// and the record of the last build of each output folder, in [Config.RecordDir] (the command
// line sets folders in the user's cache folder); left empty, nothing is kept.
//
// # The pipeline
//
// [Build] runs one stage after another, each in its own package under generator/internal with
// one job (run, in build.go, lists them top to bottom):
//
//  1. load (package load): walk the content folder as an fs.FS; read Markdown, list static
//     files; skip dot folders (but those Config.Include names), node_modules, the output
//     folder, what Config.Ignore and the .gitignore files exclude; report unreadable files,
//     invalid UTF-8 and oversized pages.
//  2. parse (package pages): split and decode front matter into playbooks.FrontMatter with
//     line-accurate diagnostics (other generators' keys read as cmplay's, unknown keys reported
//     once per key for the site), derive titles and pretty URLs (or a page's permalink), keep
//     one index page per folder, report URL collisions. A SUMMARY.md or mkdocs.yml nav (package
//     outline) orders the pages. Then assemble (package site): the section tree in weight
//     order, every folder's URL (its index page or a generated index), reading order,
//     breadcrumbs, the role, kind and tag indexes; and a page on a URL cmplay generates is
//     moved to a free one beside it.
//  3. markdown (package markdown): render every body in parallel with one goldmark instance;
//     give headings GitHub's anchors, sanitise raw HTML (unless unsafe_html), rewrite links
//     between Markdown files to built URLs (relative, so the site works under any sub-path) and
//     links to other files of the repository to the forge, record headings, links and plain
//     text. The checklist extension (package checklist) turns task-list items into stable,
//     trackable items.
//     Before a body is rendered its includes are expanded (package include), and a role, program
//     or guideline page's lead section is moved to the top (playbooks.Kind.Lead).
//  4. history, checklist manifest, search index: site-wide passes over the parsed pages. The
//     history's git walk starts with the build and runs beside the stages before it; the
//     search index is built beside the assets and templates, which only read the site too.
//  5. assets (package assets): bundle and minify the theme's JS and CSS with esbuild's Go API
//     into content-hashed files.
//  6. templates (package render): execute the theme's html/template layouts for every page and
//     for generated pages (kind and tag listings, the role index, 404, sitemap, redirects).
//     Every page's sidebar is bounded: the folders down to the page's own, each listing at most
//     40 entries or a window of 25 around the page with links to the folder's index, which is
//     paged by 100 entries like the kind and tag listings and the changelog. No page's size
//     grows with the site's.
//  7. write (package output): every file goes into a temporary folder beside the target, which
//     is swapped into place only when the whole build succeeded.
//
// Which optional steps run is a plan: a build takes them all; [Check] takes only the analysis
// steps (no assets, templates, acknowledgements or search index); a live preview
// ([Session.LiveUpdate]) leaves the search index to a complete build that follows the reload,
// and shows edits not committed yet.
//
// # Rebuilds
//
// With [Config.SkipUnchanged] (the command line's default; --force turns it off) a build first
// fingerprints its inputs — the program, the configuration, the site folder's files by content
// (read again only when their size or time changed), the history's HEAD — and, when they match
// the record of the build now in
// the output folder and that folder is intact, stops: nothing is written (uptodate.go).
//
// A [Session] rebuilds one site after each save. It runs the same pipeline with a cache the
// stages consult through methods that also work on a nil cache (a one-off [Build]), so no
// stage has a second, cached reading. What is kept, and under which key, is listed on Session;
// each key is computed by a method beside the fields it hashes (render.Config.WriteKey names
// every field of the renderer's configuration, and a test fails when a new one is left out).
//
// The generator knows nothing of serving: cmplay serve (package serve) calls LiveUpdate and
// serves the [Update] it returns.
//
// # Diagnostics
//
// Problems in the content never stop a build: every stage appends playbooks.Diagnostic values
// (file:line:col, severity, rule, message, fix) and the build goes on with what it can use. Build
// returns an error only when it cannot produce a complete site — a theme template that does not
// parse or execute, an asset that does not bundle, an output folder it may not write — and then
// the previous output is left untouched. Errors are wrapped with the name of their stage.
//
// # Output
//
// Two builds of the same input are byte-identical: work runs in parallel but everything written is
// sorted, and nothing depends on the clock. Every internal link in the output is relative; a
// file:// base URL makes links to folders end in index.html.
package generator
