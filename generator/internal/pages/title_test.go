package pages

import "testing"

// TestTitleFromHeading: a title taken from the first heading is its plain text, as GitHub shows
// the heading, wherever the heading is; titles reach breadcrumbs, the sidebar and <title>.
func TestTitleFromHeading(t *testing.T) {
	tests := []struct {
		body, title string
		line        int
	}{
		{"# Real **heading**\n", "Real heading", 1},
		{"# The _Chaoss_ `handbook`\n", "The Chaoss handbook", 1},
		{"# [Project](https://example.org) guide\n", "Project guide", 1},
		{"# ![logo](logo.png) Project ![build](https://img.shields.io/b.svg)\n", "Project", 1},
		{"[![Build](https://ci/badge.svg)](https://ci/) [![Chat](https://chat/b.svg)](https://chat/)\n\n# Handbook\n", "Handbook", 3},
		{"<!-- generated -->\n\n# After a comment\n", "After a comment", 3},
		{"# Tom &amp; Jerry </p>\n", "Tom & Jerry", 1},
		{"# Contributing <img src=\"x.png\" width=\"20\">\n", "Contributing", 1},
		{"# Title {#custom}\n", "Title", 1},
		{"<h1 align=\"center\">\n", "", 0},
		{"<p align=\"center\"><img src=\"logo.png\"></p>\n\n<h1 align=\"center\">Augur <em>docs</em></h1>\n", "Augur docs", 3},
		{"# ![only a badge](b.svg)\n\n# Second\n", "Second", 3},
		{"# 社区经理手册 *指南*\n", "社区经理手册 指南", 1},
	}
	for _, tt := range tests {
		title, line := firstHeading([]byte(tt.body))
		if title != tt.title || line != tt.line {
			t.Errorf("%q: title %q at line %d, want %q at %d", tt.body, title, line, tt.title, tt.line)
		}
	}
}
