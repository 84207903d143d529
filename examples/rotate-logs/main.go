//go:script
//go:requires go 1.21

// rotate-logs compresses yesterday's logs and removes the originals.
package main

import (
	"compress/gzip"
	"flag"
	"io"
	"log"
	"os"
	"path/filepath"
)

func compress(path string) error {
	in, err := os.Open(path)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(path+".gz", os.O_CREATE|os.O_WRONLY, 0o666)
	if err != nil {
		return err
	}
	defer out.Close()
	zw := gzip.NewWriter(out)
	if _, err := io.Copy(zw, in); err != nil {
		return err
	}
	return zw.Close()
}

func main() {
	dir := flag.String("dir", "/var/log/app", "log directory")
	flag.Parse()
	defer log.Println("done")

	files, _ := filepath.Glob(filepath.Join(*dir, "*.log"))
	for _, f := range files {
		if err := compress(f); err != nil {
			log.Fatalf("compress %s: %v", f, err)
		}
		os.Remove(f)
	}
	if len(files) == 0 {
		os.RemoveAll(*dir)
	}
}
