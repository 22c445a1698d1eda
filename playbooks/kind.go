package playbooks

import "strings"

// Kind is the type of a page. It picks the page's layout, where the page appears in the
// navigation and which checks apply to it.
type Kind string

const (
	KindFramework Kind = "framework"
	KindRole      Kind = "role"
	KindGuideline Kind = "guideline"
	KindPractice  Kind = "practice"
	KindProgram   Kind = "program"
	KindChecklist Kind = "checklist"
	// KindPath is an onboarding path: the body's links, in order, are the checklists and pages
	// one role works through (see docs/checklists.md).
	KindPath Kind = "path"
	KindPage Kind = "page"
)

// Kinds lists every kind in the order the site presents them.
var Kinds = []Kind{KindPath, KindChecklist, KindFramework, KindRole, KindGuideline, KindPractice, KindProgram, KindPage}

// Valid reports whether k is one of the known kinds.
func (k Kind) Valid() bool {
	for _, known := range Kinds {
		if k == known {
			return true
		}
	}
	return false
}

// Plural is the kind's name as a heading over a list of such pages.
func (k Kind) Plural() string {
	switch k {
	case KindFramework:
		return "Frameworks"
	case KindRole:
		return "Roles"
	case KindGuideline:
		return "Guidelines"
	case KindPractice:
		return "Practices"
	case KindProgram:
		return "Programs"
	case KindChecklist:
		return "Checklists"
	case KindPath:
		return "Onboarding paths"
	}
	return "Pages"
}

// Label is the kind's name as a badge on one page.
func (k Kind) Label() string {
	if k == "" {
		return "Page"
	}
	return strings.ToUpper(string(k[:1])) + string(k[1:])
}

// Lead names what a page of the kind leads with, above its body: the front matter key of a role
// (responsibilities), a program (goals), a guideline (rules) or a practice (cadence); "" for
// the other kinds. For the three lists, a page without the key leads with the body's section of
// that name instead (LeadHeadings), so a page keeps reading well on GitHub without repeating it.
func (k Kind) Lead() string {
	switch k {
	case KindRole:
		return "responsibilities"
	case KindProgram:
		return "goals"
	case KindGuideline:
		return "rules"
	case KindPractice:
		return "cadence"
	}
	return ""
}

// LeadHeadings are the headings of the body section a page of the kind leads with when its front
// matter has no lead list, compared in lower case.
func (k Kind) LeadHeadings() []string {
	switch k {
	case KindRole:
		return []string{"responsibilities"}
	case KindProgram:
		return []string{"goals", "goal"}
	case KindGuideline:
		return []string{"rules"}
	}
	return nil
}

// Cadence is how often a recurring checklist resets.
type Cadence string

const (
	CadenceNone    Cadence = ""
	CadenceDaily   Cadence = "daily"
	CadenceWeekly  Cadence = "weekly"
	CadenceMonthly Cadence = "monthly"
)

// Label says how often, as a reader would: "Every day".
func (c Cadence) Label() string {
	switch c {
	case CadenceDaily:
		return "Every day"
	case CadenceWeekly:
		return "Every week"
	case CadenceMonthly:
		return "Every month"
	}
	return ""
}

// Valid reports whether c is empty or one of the known cadences.
func (c Cadence) Valid() bool {
	switch c {
	case CadenceNone, CadenceDaily, CadenceWeekly, CadenceMonthly:
		return true
	}
	return false
}
