package generator

import (
	"bytes"
	"crypto/sha256"
	"debug/elf"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/cmplay/cmplay/generator/internal/history"
	"github.com/cmplay/cmplay/playbooks"
)

// A build whose inputs are all as they were for the build now in the output folder would write
// that folder again, byte for byte. With Config.SkipUnchanged, such a build stops after
// fingerprinting its inputs: the output folder stays as it is and the result (counts,
// diagnostics, notes) is the one the earlier build recorded in Config.RecordDir — not in the
// output folder, which is published: diagnostics name files, drafts among them. This is what a second
// `cmplay build` of an unchanged checkout — on CI with a restored cache, or after a `git pull`
// that changed nothing — costs: reading the folder's metadata, not rendering thousands of pages.
//
// The inputs are everything a build reads (Config, package documentation):
//   - the program: its Go build ID, which changes with its code and its embedded theme;
//   - the configuration, the output folder and the build's options;
//   - every file below the site folder (and the content folder, when it is elsewhere) by
//     path, mode, size and modification time, and every folder by path, except .git folders
//     and the output folder with its spare, temporary and lock files;
//   - the git history: the repository, HEAD's commit, a shallow clone's boundary and the
//     repository's configuration (history.Identity).
//
// Anything the fingerprint cannot vouch for makes the build run: a symbolic link in the site
// (its target may change unseen), an unreadable repository or program, an output folder with a
// file missing or changed in size.

// recorded is what a build keeps for the next build of the same output folder.
type recorded struct {
	Version     string
	Inputs      string // the fingerprint
	Output      string // the build it wrote (output.Dir.Written)
	Pages       int
	Checklists  int
	Items       int
	Files       int
	Diagnostics playbooks.Diagnostics
	Notes       []string
}

// recordVersion changes when recorded or the fingerprint changes meaning.
const recordVersion = "cmplay-record-1"

// upToDate reports whether the output folder already holds this build: its result, when so.
// Otherwise it remembers the fingerprint for record to store with the build.
func (b *build) upToDate(start time.Time) (*Result, bool) {
	if !b.cfg.SkipUnchanged || b.cfg.RecordDir == "" || b.dir == nil || b.cache != nil || b.plan != fullBuild {
		return nil, false
	}
	fp, err := b.fingerprint()
	if err != nil {
		return nil, false
	}
	b.inputs = fp
	data, err := os.ReadFile(b.recordFile())
	if err != nil {
		return nil, false
	}
	var r recorded
	if json.Unmarshal(data, &r) != nil || r.Version != recordVersion || r.Inputs != fp {
		return nil, false
	}
	if built, ok := b.dir.Intact(); !ok || built != r.Output {
		return nil, false
	}
	res := &Result{Pages: r.Pages, Checklists: r.Checklists, Items: r.Items, Files: r.Files,
		Diagnostics: r.Diagnostics, Notes: r.Notes, Out: b.dir.Target(), Unchanged: true}
	res.Stages = []StageTime{{"inputs", time.Since(start)}}
	res.Duration = time.Since(start)
	return res, true
}

// record stores the fingerprint and result of a build that has been swapped in, for upToDate
// of the next build. Failing to is not the build's failure: the next one then simply runs.
func (b *build) record(res *Result) {
	if b.inputs == "" || b.dir == nil || b.dir.Written() == "" {
		return
	}
	data, err := json.Marshal(recorded{Version: recordVersion, Inputs: b.inputs, Output: b.dir.Written(),
		Pages: res.Pages, Checklists: res.Checklists, Items: res.Items, Files: res.Files,
		Diagnostics: res.Diagnostics, Notes: res.Notes})
	if err != nil {
		return
	}
	file := b.recordFile()
	if os.MkdirAll(filepath.Dir(file), 0o755) != nil {
		return
	}
	tmp, err := os.CreateTemp(filepath.Dir(file), ".record-*")
	if err != nil {
		return
	}
	_, err = tmp.Write(data)
	if cerr := tmp.Close(); err == nil && cerr == nil && os.Rename(tmp.Name(), file) == nil {
		return
	}
	os.Remove(tmp.Name())
}

// recordFile is where the builds of this output folder are recorded.
func (b *build) recordFile() string {
	sum := sha256.Sum256([]byte(b.dir.Target()))
	return filepath.Join(b.cfg.RecordDir, hex.EncodeToString(sum[:12])+".json")
}

// fingerprint hashes the build's inputs (see above).
func (b *build) fingerprint() (string, error) {
	h := sha256.New()
	id, err := programID()
	if err != nil {
		return "", err
	}
	cfg := b.cfg
	cfg.Writer, cfg.Waiting, cfg.HistoryCacheDir, cfg.RecordDir, cfg.SkipUnchanged = nil, nil, "", "", false
	fmt.Fprintf(h, "%s\x00%s\x00%#v\x00%s\x00", recordVersion, id, cfg, b.dir.Target())
	src, _ := filepath.Abs(b.cfg.Source)
	content, _ := filepath.Abs(filepath.Join(b.cfg.Source, b.cfg.ContentDir))
	roots := []string{src}
	if !within(src, content) {
		roots = append(roots, content)
	}
	for _, root := range roots {
		if err := b.stamp(h, root); err != nil {
			return "", err
		}
	}
	repo, err := history.Identity(content)
	if err != nil {
		return "", err
	}
	h.Write([]byte(repo))
	return hex.EncodeToString(h.Sum(nil)), nil
}

// errLink stops the fingerprint at a symbolic link: what it points at may change unseen.
var errLink = errors.New("symbolic link")

// stamp writes every entry below root by path, type, size and modification time, skipping .git
// folders and the output folder with its temporary and spare siblings.
func (b *build) stamp(h hash.Hash, root string) error {
	out := b.dir.Target()
	outSibling := "." + filepath.Base(out) + ".cmplay-"
	return filepath.WalkDir(root, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if e.Type()&fs.ModeSymlink != 0 {
			return errLink
		}
		if p != root && (e.IsDir() && (e.Name() == ".git" || p == out) ||
			filepath.Dir(p) == filepath.Dir(out) && strings.HasPrefix(e.Name(), outSibling)) {
			if e.IsDir() {
				return filepath.SkipDir
			}
			return nil // the output's lock file
		}
		rel, _ := filepath.Rel(root, p)
		if e.IsDir() {
			// A folder's own times change with every entry added or removed, the output's among
			// them; its entries are in the walk.
			fmt.Fprintf(h, "%s/\x00", rel)
			return nil
		}
		info, err := e.Info()
		if err != nil {
			return err
		}
		fmt.Fprintf(h, "%s\x00%o\x00%d\x00%d\x00", rel, info.Mode(), info.Size(), info.ModTime().UnixNano())
		return nil
	})
}

// programID names the running program: the Go build ID from its ELF note, which changes with
// any change to its code, or else a hash of the whole executable.
func programID() (string, error) {
	exe, err := os.Executable()
	if err != nil {
		return "", err
	}
	if f, err := elf.Open(exe); err == nil {
		defer f.Close()
		if s := f.Section(".note.go.buildid"); s != nil {
			if data, err := s.Data(); err == nil && len(data) > 16 {
				nameLen := binary.LittleEndian.Uint32(data)
				descLen := binary.LittleEndian.Uint32(data[4:])
				off := 12 + (nameLen+3)&^3
				if bytes.HasPrefix(data[12:], []byte("Go\x00")) && uint64(off)+uint64(descLen) <= uint64(len(data)) && descLen > 0 {
					return "go:" + string(data[off:off+descLen]), nil
				}
			}
		}
	}
	f, err := os.Open(exe)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil)), nil
}
