package conf

import (
	"fmt"
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
			kind := f.Tag.Get("conf")
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
