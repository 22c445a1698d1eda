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
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/cmplay/cmplay/generator/internal/history"
	"github.com/cmplay/cmplay/internal/parallel"
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
//     path, mode and a hash of its content, and every folder by path, except .git folders and
//     the output folder with its spare, temporary and lock files. As git's index does, the
//     record keeps each file's size and modification time beside its hash, so only the files
//     whose size or time changed are read again: an unchanged site costs a walk of its
//     folders, and a fresh checkout of the same commit (new times, same bytes) one read of each
//     file;
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
	Stamps      map[string]stamp // the site's files as the fingerprint saw them, by path
}

// stamp is a file as the fingerprint saw it: when its size and time are the same, its content
// hash is taken as the same.
type stamp struct {
	Size  int64  `json:"s"`
	MTime int64  `json:"t"` // nanoseconds
	Hash  string `json:"h"`
}

// recordVersion changes when recorded or the fingerprint changes meaning.
const recordVersion = "cmplay-record-2"

// upToDate reports whether the output folder already holds this build: its result, when so.
// Otherwise it keeps the fingerprint and the stamps for record to store with the build.
func (b *build) upToDate(start time.Time) (*Result, bool) {
	if !b.cfg.SkipUnchanged || b.cfg.RecordDir == "" || b.dir == nil || b.cache != nil || b.plan != fullBuild {
		return nil, false
	}
	var r recorded
	if data, err := os.ReadFile(b.recordFile()); err != nil || json.Unmarshal(data, &r) != nil || r.Version != recordVersion {
		r = recorded{}
	}
	fp, stamps, err := b.fingerprint(r.Stamps)
	if err != nil {
		return nil, false
	}
	b.inputs, b.stamps = fp, stamps
	if r.Inputs != fp {
		return nil, false
	}
	if built, ok := b.dir.Intact(); !ok || built != r.Output {
		return nil, false
	}
	res := &Result{Pages: r.Pages, Checklists: r.Checklists, Items: r.Items, Files: r.Files,
		Diagnostics: r.Diagnostics, Notes: r.Notes, Out: b.dir.Target(), Unchanged: true}
	res.Stages = []StageTime{{"inputs", time.Since(start)}}
	res.Duration = time.Since(start)
	// A checkout of the same files gave them new times: keep the new stamps, so the next build
	// does not read them again.
	if !maps.Equal(stamps, r.Stamps) {
		r.Stamps = stamps
		b.writeRecord(r)
	}
	return res, true
}

// record stores the fingerprint and result of a build that has been swapped in, for upToDate
// of the next build.
func (b *build) record(res *Result) {
	if b.inputs == "" || b.dir == nil || b.dir.Written() == "" {
		return
	}
	b.writeRecord(recorded{Version: recordVersion, Inputs: b.inputs, Output: b.dir.Written(),
		Pages: res.Pages, Checklists: res.Checklists, Items: res.Items, Files: res.Files,
		Diagnostics: res.Diagnostics, Notes: res.Notes, Stamps: b.stamps})
}

// writeRecord replaces the record of the output folder in one rename. Failing to is not the
// build's failure: the next build then simply runs.
func (b *build) writeRecord(r recorded) {
	data, err := json.Marshal(r)
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

// fingerprint hashes the build's inputs (see above), reading again only the files whose size
// or time differ from their stamp in prev. It returns the stamps of every file it saw.
func (b *build) fingerprint(prev map[string]stamp) (string, map[string]stamp, error) {
	h := sha256.New()
	id, err := programID()
	if err != nil {
		return "", nil, err
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
	var files []walked
	for _, root := range roots {
		if err := b.walkInputs(root, &files); err != nil {
			return "", nil, err
		}
	}
	stamps := make(map[string]stamp, len(files))
	err = parallel.Each(len(files), 0, func(i int) error {
		f := &files[i]
		if f.dir {
			return nil
		}
		if !f.mode.IsRegular() {
			// A named pipe or a device: reading it could block or never end, and the build does
			// not read it either (load reports it). Its mode and name are in the fingerprint.
			return nil
		}
		if old, ok := prev[f.path]; ok && old.Size == f.size && old.MTime == f.mtime {
			f.hash = old.Hash
			return nil
		}
		data, err := os.ReadFile(f.path)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(data)
		f.hash = hex.EncodeToString(sum[:16])
		return nil
	})
	if err != nil {
		return "", nil, err
	}
	for _, f := range files {
		if f.dir {
			fmt.Fprintf(h, "%s/\x00", f.path)
			continue
		}
		fmt.Fprintf(h, "%s\x00%o\x00%s\x00", f.path, f.mode, f.hash)
		stamps[f.path] = stamp{Size: f.size, MTime: f.mtime, Hash: f.hash}
	}
	repo, err := history.Identity(content)
	if err != nil {
		return "", nil, err
	}
	h.Write([]byte(repo))
	return hex.EncodeToString(h.Sum(nil)), stamps, nil
}

// walked is an entry of the site as the fingerprint walks it.
type walked struct {
	path        string // absolute
	dir         bool
	mode        fs.FileMode
	size, mtime int64
	hash        string
}

// errLink stops the fingerprint at a symbolic link: what it points at may change unseen.
var errLink = errors.New("symbolic link")

// walkInputs lists every entry below root in walk order, skipping .git folders and the output
// folder with its temporary, spare and lock siblings.
func (b *build) walkInputs(root string, out *[]walked) error {
	target := b.dir.Target()
	sibling := "." + filepath.Base(target) + ".cmplay-"
	return filepath.WalkDir(root, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if e.Type()&fs.ModeSymlink != 0 {
			return errLink
		}
		if p != root && (e.IsDir() && (e.Name() == ".git" || p == target) ||
			filepath.Dir(p) == filepath.Dir(target) && strings.HasPrefix(e.Name(), sibling)) {
			if e.IsDir() {
				return filepath.SkipDir
			}
			return nil // the output's lock file
		}
		if e.IsDir() {
			// A folder's own times change with every entry added or removed, the output's among
			// them; its entries are in the walk.
			*out = append(*out, walked{path: p, dir: true})
			return nil
		}
		info, err := e.Info()
		if err != nil {
			return err
		}
		*out = append(*out, walked{path: p, mode: info.Mode(), size: info.Size(), mtime: info.ModTime().UnixNano()})
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
