// Package conf loads a service's configuration: defaults, then a YAML file, then
// environment overrides, then Validate.
package conf

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"reflect"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// Validator is implemented by configs that check themselves after loading.
type Validator interface {
	Validate() error
}

// Load fills cfg, which already holds the defaults, from the YAML file at path
// (skipped when path is empty) and then from environment variables named
// PREFIX_KEY_SUBKEY after the yaml tags (for example EDGE_CACHE_MAX_BYTES for
// cache.max_bytes). Unknown YAML keys are errors. Fields tagged conf:"path" or
// conf:"bin" are then made absolute against the working directory (AbsPaths).
// When cfg implements Validator it is validated last. Errors name the file.
func Load(path, prefix string, cfg any) error {
	where := path
	if path != "" {
		if err := loadFile(path, cfg); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
	} else {
		where = "config"
	}
	if err := applyEnv(prefix, reflect.ValueOf(cfg).Elem()); err != nil {
		return fmt.Errorf("%s: %w", where, err)
	}
	if err := AbsPaths(cfg); err != nil {
		return fmt.Errorf("%s: %w", where, err)
	}
	if v, ok := cfg.(Validator); ok {
		if err := v.Validate(); err != nil {
			return fmt.Errorf("%s: %w", where, err)
		}
	}
	return nil
}

func loadFile(path string, cfg any) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(cfg); err != nil && !errors.Is(err, io.EOF) {
		return err
	}
	return nil
}

// applyEnv walks the struct's yaml-tagged fields and sets those whose derived
// variable is present in the environment.
func applyEnv(prefix string, v reflect.Value) error {
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name, opts, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if opts == "inline" && f.Type.Kind() == reflect.Struct {
			// An inlined struct's keys are its parent's, and so are their
			// variables (a composition embeds a service's config).
			if err := applyEnv(prefix, v.Field(i)); err != nil {
				return err
			}
			continue
		}
		if name == "" || name == "-" || !f.IsExported() {
			continue
		}
		key := prefix + "_" + strings.ToUpper(name)
		fv := v.Field(i)
		if fv.Kind() == reflect.Struct && fv.Type() != reflect.TypeOf(time.Time{}) {
			if err := applyEnv(key, fv); err != nil {
				return err
			}
			continue
		}
		raw, ok := os.LookupEnv(key)
		if !ok {
			continue
		}
		if err := setValue(fv, raw); err != nil {
			return fmt.Errorf("%s: %w", key, err)
		}
	}
	return nil
}

var durationType = reflect.TypeOf(time.Duration(0))

// setValue parses raw into v; a list of strings is comma-separated or an
// inline YAML list ("[a, b]"), other values go through YAML so that env
// values read exactly as they would in the file.
func setValue(v reflect.Value, raw string) error {
	if v.Type() == durationType {
		d, err := time.ParseDuration(raw)
		if err != nil {
			return err
		}
		v.SetInt(int64(d))
		return nil
	}
	switch v.Kind() {
	case reflect.String:
		v.SetString(raw)
		return nil
	case reflect.Bool:
		b, err := strconv.ParseBool(raw)
		if err != nil {
			return err
		}
		v.SetBool(b)
		return nil
	case reflect.Slice:
		// "a, b" is a list of strings; "[a, b]" is read as the YAML it is.
		if v.Type().Elem().Kind() == reflect.String && !strings.HasPrefix(strings.TrimSpace(raw), "[") {
			parts := strings.Split(raw, ",")
			for i := range parts {
				parts[i] = strings.TrimSpace(parts[i])
			}
			v.Set(reflect.ValueOf(parts))
			return nil
		}
	}
	ptr := reflect.New(v.Type())
	if err := yaml.Unmarshal([]byte(raw), ptr.Interface()); err != nil {
		return err
	}
	v.Set(ptr.Elem())
	return nil
}
