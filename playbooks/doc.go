// Package playbooks is cmplay's domain model: the kinds of page a playbook has, the typed front
// matter every page carries, checklists and their items, roles, and the Diagnostic type every
// stage of the build reports problems with.
//
// A playbook is a folder of Markdown files. Each file is a [Page]. Its front matter (YAML between
// "---" lines or TOML between "+++" lines) decodes into [FrontMatter]; [SplitFrontMatter] finds
// the block and blanks it out of the body so that line numbers in the body stay true, and
// [DecodeFrontMatter] turns it into typed fields, reporting each problem as a [Diagnostic] that
// names the file and the real line.
//
// The package imports only the standard library and the front matter decoder: it is the
// vocabulary the generator's stages share, not a stage itself.
package playbooks
