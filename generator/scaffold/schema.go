package scaffold

import (
	"encoding/json"

	"github.com/cmplay/cmplay/playbooks"
)

// SchemaURL is where the front matter schema is published with the docs.
const SchemaURL = "https://raw.githubusercontent.com/cmplay/cmplay/main/docs/frontmatter.schema.json"

// FrontMatterSchema is a JSON Schema (draft 2020-12) of a page's front matter, for editors that
// complete and check YAML against one. It is built from playbooks' kinds and cadences, so it
// names the same values cmplay accepts; docs/frontmatter.schema.json is its published copy and
// `cmplay new site` writes one into the site.
func FrontMatterSchema() []byte {
	kinds := make([]string, len(playbooks.Kinds))
	for i, k := range playbooks.Kinds {
		kinds[i] = string(k)
	}
	str := func(desc string) map[string]any { return map[string]any{"type": "string", "description": desc} }
	list := func(desc string) map[string]any {
		return map[string]any{"type": "array", "items": map[string]any{"type": "string"}, "description": desc}
	}
	schema := map[string]any{
		"$schema":              "https://json-schema.org/draft/2020-12/schema",
		"$id":                  SchemaURL,
		"title":                "cmplay page front matter",
		"description":          "The YAML between --- lines at the top of a cmplay page (docs/authoring.md).",
		"type":                 "object",
		"additionalProperties": false,
		"properties": map[string]any{
			"title":            str("Page title; if missing, the first # heading, then the file name."),
			"summary":          str("One or two sentences shown in lists, search results and the meta description."),
			"kind":             map[string]any{"enum": kinds, "default": "page", "description": "Drives layout and navigation."},
			"weight":           map[string]any{"type": "integer", "description": "Order inside its folder, lower first; 0 or missing sorts after weighted pages."},
			"roles":            list("Role pages this page applies to, by file name without .md."),
			"tags":             list("Free tags."),
			"owner":            str("Who keeps the page true: a person or a team."),
			"review_by":        map[string]any{"type": "string", "format": "date", "pattern": `^\d{4}-\d{2}-\d{2}$`, "description": "When the owner must review the page next (YYYY-MM-DD)."},
			"draft":            map[string]any{"type": "boolean", "description": "Drafts are built only with --drafts."},
			"aliases":          list("Old URL paths that redirect here."),
			"cadence":          map[string]any{"enum": []string{string(playbooks.CadenceDaily), string(playbooks.CadenceWeekly), string(playbooks.CadenceMonthly)}, "description": "How often the work recurs: practice pages lead with it, and a checklist's ticks reset each period."},
			"responsibilities": list("Role pages lead with these; without them, with the body's Responsibilities section."),
			"goals":            list("Program pages lead with these and their owner; without them, with the body's Goals section."),
			"rules":            list("Guideline pages lead with these; without them, with the body's Rules section."),
			"acknowledge":      map[string]any{"type": "boolean", "description": "Readers confirm they have read the page, and again after it changes (policies)."},
			"checklist":        map[string]any{"type": "boolean", "description": "false: task lists are plain checkboxes, not a checklist readers tick."},
			// Keys of other generators, read so a handbook brought from them builds as it is.
			"date":             map[string]any{"type": "string", "description": "When the page was written (Jekyll, Hugo, Zola)."},
			"author":           str("The page's author."),
			"authors":          list("The page's authors."),
			"lang":             str("The page's language (BCP 47: en, de, ar); default the site's."),
			"description":      str("Read as summary."),
			"redirect_from":    list("Read as aliases (Jekyll)."),
			"permalink":        str("The page's URL path, replacing the one from its file name (Jekyll)."),
			"path":             str("The page's URL path, as permalink (Zola)."),
			"url":              str("The page's URL path, as permalink (Hugo)."),
			"slug":             str("The last segment of the page's URL, or the whole path when it starts with /."),
			"order":            map[string]any{"type": "integer", "description": "Read as weight."},
			"nav_order":        map[string]any{"type": "integer", "description": "Read as weight (Just the Docs)."},
			"sidebar_position": map[string]any{"type": "number", "description": "Read as weight (Docusaurus)."},
			"linkTitle":        str("Shorter title for the sidebar (Hugo)."),
			"sidebar_label":    str("Shorter title for the sidebar (Docusaurus)."),
		},
	}
	out, _ := json.MarshalIndent(schema, "", "  ")
	return append(out, '\n')
}
