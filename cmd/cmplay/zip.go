package main

import (
	"archive/zip"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// zipSite writes the built site in dir to file as a zip archive, for intranets that take an
// archive rather than a folder (SharePoint, an upload form, a ticket to the web team). Paths in
// the archive are relative to the site root, in walk order, with one fixed date, so the same site
// gives the same bytes. The archive is written beside file and renamed into place, so a failed
// run never leaves half an archive.
func zipSite(dir, file string) (n int, err error) {
	tmp, err := os.CreateTemp(filepath.Dir(file), ".cmplay-zip-*")
	if err != nil {
		return 0, err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	zw := zip.NewWriter(tmp)
	stamp := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || p == tmp.Name() {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: filepath.ToSlash(rel), Method: zip.Deflate, Modified: stamp})
		if err != nil {
			return err
		}
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		_, err = io.Copy(w, f)
		n++
		return err
	})
	if err != nil {
		return 0, err
	}
	if err := zw.Close(); err != nil {
		return 0, err
	}
	if err := tmp.Close(); err != nil {
		return 0, err
	}
	return n, os.Rename(tmp.Name(), file)
}
