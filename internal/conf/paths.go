package conf

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
)

// AbsPaths makes every file path in cfg (a pointer to a config struct)
// absolute against the working directory, so that a path keeps meaning the
// same file when it is handed to a child process that runs in another folder
// (ffmpeg runs in its output folder) or read after a chdir. Load calls it; so
// does any entry point that takes a config built in code.
//
// It acts on string and []string fields, also inside nested structs, slices
// of structs and pointers, tagged:
//
//   - `conf:"path"`: a file or folder; a non-empty relative value is joined to
//     the working directory and cleaned. A URL (a value holding "://", such as
//     an http(s) JWKS address) is left as it is.
//   - `conf:"bin"`: an executable; made absolute only when it names a path
//     (holds a separator, e.g. "bin/ffmpeg"), while a bare name ("ffmpeg")
//     stays for exec's PATH lookup.
//
// A path tag may add ",read" (conf:"path,read"): the file is an input that
// must exist at start, which CheckFiles verifies.
//
// Empty values are left empty: they mean "the default" in every config. The
// only error is the working directory being unreadable.
func AbsPaths(cfg any) error {
	return absWalk(reflect.ValueOf(cfg))
}

func absWalk(v reflect.Value) error {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return nil
		}
		return absWalk(v.Elem())
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			if err := absWalk(v.Index(i)); err != nil {
				return err
			}
		}
	case reflect.Struct:
		t := v.Type()
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			fv := v.Field(i)
			kind, opt, _ := strings.Cut(f.Tag.Get("conf"), ",")
			if opt != "" && opt != "read" {
				return fmt.Errorf("%s: unknown conf tag option %q (want read)", f.Name, opt)
			}
			if kind == "" {
				if err := absWalk(fv); err != nil {
					return err
				}
				continue
			}
			if err := absField(fv, kind); err != nil {
				return fmt.Errorf("%s: %w", f.Name, err)
			}
		}
	}
	return nil
}

// absField applies a conf tag to a string or []string field.
func absField(v reflect.Value, kind string) error {
	switch {
	case v.Kind() == reflect.String:
		abs, err := absValue(v.String(), kind)
		if err != nil {
			return err
		}
		v.SetString(abs)
	case v.Kind() == reflect.Slice && v.Type().Elem().Kind() == reflect.String:
		for i := 0; i < v.Len(); i++ {
			abs, err := absValue(v.Index(i).String(), kind)
			if err != nil {
				return err
			}
			v.Index(i).SetString(abs)
		}
	default:
		return fmt.Errorf("conf tag %q on a %s: want string or []string", kind, v.Type())
	}
	return nil
}

func absValue(s, kind string) (string, error) {
	switch kind {
	case "path":
		if s == "" || strings.Contains(s, "://") {
			return s, nil
		}
	case "bin":
		if !strings.ContainsRune(s, filepath.Separator) && !strings.ContainsRune(s, '/') {
			return s, nil
		}
	default:
		return "", fmt.Errorf("unknown conf tag %q (want path or bin)", kind)
	}
	return filepath.Abs(s)
}

// CheckFiles opens every input file cfg names, so that `--check-config`
// fails on a config that cannot start: fields tagged conf:"path,read" (key
// files, a JWKS file, CA and password files) must name a readable file or
// folder when not empty. URLs are skipped. The error names the first
// failing key by its YAML path, e.g. "keys.files[0]: open …: no such file
// or directory". Paths are taken as they are: call it after Load.
func CheckFiles(cfg any) error {
	return checkWalk(reflect.ValueOf(cfg), "")
}

func checkWalk(v reflect.Value, path string) error {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return nil
		}
		return checkWalk(v.Elem(), path)
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			if err := checkWalk(v.Index(i), fmt.Sprintf("%s[%d]", path, i)); err != nil {
				return err
			}
		}
	case reflect.Struct:
		t := v.Type()
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			name, opts, _ := strings.Cut(f.Tag.Get("yaml"), ",")
			p := path
			if opts != "inline" {
				if name == "-" {
					continue
				}
				p = join(path, name)
			}
			if _, opt, _ := strings.Cut(f.Tag.Get("conf"), ","); opt == "read" {
				if err := readable(v.Field(i), p); err != nil {
					return err
				}
				continue
			}
			if err := checkWalk(v.Field(i), p); err != nil {
				return err
			}
		}
	}
	return nil
}

// readable opens the file or files a string or []string field names.
func readable(v reflect.Value, path string) error {
	if v.Kind() == reflect.Slice {
		for i := 0; i < v.Len(); i++ {
			if err := readable(v.Index(i), fmt.Sprintf("%s[%d]", path, i)); err != nil {
				return err
			}
		}
		return nil
	}
	s := v.String()
	if s == "" || strings.Contains(s, "://") {
		return nil
	}
	f, err := os.Open(s)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return f.Close()
}
