package transcoder

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/streamgate/streamgate/asset"
	"github.com/streamgate/streamgate/origin"
)

// newVersion is a fresh version folder name: "v" and 48 random bits in
// lowercase hex (asset.VersionGrammar).
func newVersion() string { return "v" + hex.EncodeToString(randomBytes(6)) }

// versionList is {asset}/versions.json (docs/protocol.md §4): every
// version folder a publish wrote in this region and not yet deleted.
type versionList struct {
	Versions []versionEntry `json:"versions"`
}

// versionEntry is one version: when its publish began writing asset.json
// and, once another version replaced it, when that happened.
type versionEntry struct {
	Version      string     `json:"version"`
	PublishedAt  time.Time  `json:"published_at"`
	SupersededAt *time.Time `json:"superseded_at,omitempty"`
}

// maxVersionsJSON bounds the read of versions.json.
const maxVersionsJSON = 1 << 20

// readVersions reads the region's versions.json; a missing one is empty.
// One that does not parse is logged and read as empty: retention then
// forgets the versions it named (they stay, costing storage) rather than
// deleting on a guess.
func (p *publisher) readVersions(ctx context.Context, r region, id string) (*versionList, error) {
	key := id + "/" + asset.VersionsName
	body, _, err := r.store.Get(ctx, key, origin.Range{})
	if errors.Is(err, origin.ErrNotFound) {
		return &versionList{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", key, err)
	}
	defer body.Close()
	data, err := io.ReadAll(io.LimitReader(body, maxVersionsJSON))
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", key, err)
	}
	var vs versionList
	if err := json.Unmarshal(data, &vs); err != nil {
		p.log.Warn("unreadable versions.json replaced; the versions it named are no longer deleted", "region", r.name, "asset", id, "err", err)
		return &versionList{}, nil
	}
	return &vs, nil
}

// add records version as published at now; false if it is already listed.
func (vs *versionList) add(version string, now time.Time) bool {
	for _, e := range vs.Versions {
		if e.Version == version {
			return false
		}
	}
	vs.Versions = append(vs.Versions, versionEntry{Version: version, PublishedAt: now.UTC()})
	return true
}

// prune runs after asset.json names current: every other version not yet
// marked superseded is marked now, current is unmarked (a concurrent
// publish may have marked it), and versions superseded at least
// p.retain ago are deleted, folder first, then their entry. A failed
// deletion keeps its entry for the next publish.
func (p *publisher) prune(ctx context.Context, r region, id, current string, vs *versionList) error {
	now := p.now().UTC()
	var keep []versionEntry
	var errs []error
	for _, e := range vs.Versions {
		switch {
		case e.Version == current:
			e.SupersededAt = nil
		case !asset.ValidVersion(e.Version):
			continue // never a folder this publisher wrote: forget, never delete
		case e.SupersededAt == nil:
			e.SupersededAt = &now
		case now.Sub(*e.SupersededAt) >= p.retain:
			err := r.store.DeleteFolder(ctx, id+"/"+e.Version+"/")
			if err == nil {
				continue
			}
			errs = append(errs, err)
		}
		keep = append(keep, e)
	}
	vs.Versions = keep
	if err := p.putJSON(ctx, r, id+"/"+asset.VersionsName, vs); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}
