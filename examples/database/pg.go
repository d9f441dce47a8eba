package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

// TempServer is a throwaway PostgreSQL server in a directory of its own,
// listening only on a Unix socket there: for the example's -temp flag and
// its tests. Its DSN connects as the user it runs as, to database postgres.
type TempServer struct {
	Dir, DSN string
	bin      string
	as       []string // runuser -u postgres -- when run as root
}

// ErrNoPostgres is returned when no PostgreSQL server programs are found.
var ErrNoPostgres = errors.New("no PostgreSQL server programs (initdb, pg_ctl) found: install Debian's postgresql package, or give -dsn")

// postgresBin finds the directory holding initdb and pg_ctl: on PATH, else
// the newest of Debian's /usr/lib/postgresql/*/bin.
func postgresBin() (string, error) {
	if p, err := exec.LookPath("initdb"); err == nil {
		return filepath.Dir(p), nil
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	slices.SortFunc(dirs, func(a, b string) int {
		va, _ := strconv.Atoi(filepath.Base(filepath.Dir(a)))
		vb, _ := strconv.Atoi(filepath.Base(filepath.Dir(b)))
		return vb - va
	})
	for _, d := range dirs {
		if _, err := os.Stat(filepath.Join(d, "initdb")); err == nil {
			return d, nil
		}
	}
	return "", ErrNoPostgres
}

// StartTempServer creates a database cluster in a new directory under
// parent (the system's temporary directory when empty) and starts a server
// on it. PostgreSQL refuses to run as root: as root, the cluster is made
// and run by the postgres user, which Debian's package creates. Stop it
// with Stop, which also removes the directory.
func StartTempServer(parent string) (*TempServer, error) {
	bin, err := postgresBin()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp(parent, "salesmetrics-pg-")
	if err != nil {
		return nil, err
	}
	s := &TempServer{Dir: dir, bin: bin}
	owner := ""
	if os.Geteuid() == 0 {
		u, err := user.Lookup("postgres")
		if err != nil {
			os.RemoveAll(dir)
			return nil, fmt.Errorf("running as root and no postgres user to run the server as: %w", err)
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		if err := os.Chown(dir, uid, gid); err != nil {
			os.RemoveAll(dir)
			return nil, err
		}
		// The postgres user must reach the directory through its parents.
		for p := filepath.Dir(dir); p != "/"; p = filepath.Dir(p) {
			if fi, err := os.Stat(p); err == nil && fi.Mode().Perm()&0o001 == 0 {
				os.RemoveAll(dir)
				return nil, fmt.Errorf("the postgres user cannot enter %s: give a -temp-dir it can reach", p)
			}
		}
		s.as, owner = []string{"runuser", "-u", "postgres", "--"}, "postgres"
	} else {
		u, err := user.Current()
		if err != nil {
			os.RemoveAll(dir)
			return nil, err
		}
		owner = u.Username
	}
	data := filepath.Join(dir, "data")
	if err := s.run("initdb", "-D", data, "-U", owner, "-A", "trust", "-E", "UTF8", "--no-locale"); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	opts := fmt.Sprintf("-k %s -c listen_addresses='' -F -c timezone=UTC", dir)
	if err := s.run("pg_ctl", "-D", data, "-l", filepath.Join(dir, "log"), "-o", opts, "-w", "-t", "60", "start"); err != nil {
		log, _ := os.ReadFile(filepath.Join(dir, "log"))
		os.RemoveAll(dir)
		return nil, fmt.Errorf("%w\n%s", err, log)
	}
	s.DSN = fmt.Sprintf("host=%s user=%s dbname=postgres sslmode=disable", dir, owner)
	return s, nil
}

func (s *TempServer) run(prog string, args ...string) error {
	argv := append(slices.Clone(s.as), append([]string{filepath.Join(s.bin, prog)}, args...)...)
	cmd := exec.Command(argv[0], argv[1:]...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	done := make(chan error, 1)
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("%s: %w", prog, err)
	}
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			return fmt.Errorf("%s: %w: %s", prog, err, strings.TrimSpace(out.String()))
		}
		return nil
	case <-time.After(2 * time.Minute):
		_ = cmd.Process.Kill()
		return fmt.Errorf("%s: no answer in 2 minutes", prog)
	}
}

// Stop stops the server and removes its directory.
func (s *TempServer) Stop() error {
	err := s.run("pg_ctl", "-D", filepath.Join(s.Dir, "data"), "-m", "fast", "-w", "stop")
	return errors.Join(err, os.RemoveAll(s.Dir))
}
