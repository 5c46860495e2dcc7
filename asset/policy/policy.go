// Package policy parses asset access policies: public, or any/all (nested) of
// on-chain ownership conditions.
package policy

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"reflect"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/ethereum/go-ethereum/common"
	"github.com/holiman/uint256"
)

// ErrInvalid is wrapped by every Parse error.
var ErrInvalid = errors.New("policy: invalid")

// Token standards a condition may name.
const (
	ERC721  = "erc721"
	ERC1155 = "erc1155"
	ERC20   = "erc20"
)

// maxDepth bounds nesting so a hostile asset.json cannot exhaust the stack.
const maxDepth = 8

// Policy is a node: Public, or Any/All of children, or one Condition.
type Policy struct {
	Public    bool
	Any       []Policy
	All       []Policy
	Condition *Condition
}

// Condition is one ownership requirement. Amounts and ids are decimal strings
// in JSON and big integers here.
type Condition struct {
	ChainID    int64    `json:"chain_id"`
	Contract   string   `json:"contract"`
	Standard   string   `json:"standard"`
	TokenID    string   `json:"token_id,omitempty"`
	TokenIDs   []string `json:"token_ids,omitempty"`
	MinBalance string   `json:"min_balance,omitempty"`
	MaxStreams int      `json:"max_streams,omitempty"`
	// Label is an optional name for people (1..MaxLabelRunes printable
	// runes), shown when the contract has no on-chain name(); never used
	// to decide anything.
	Label string `json:"label,omitempty"`

	// Parsed forms, filled by Parse so that checks on the hot path parse
	// nothing.
	Address common.Address `json:"-"`
	IDs     []uint256.Int  `json:"-"` // TokenID (erc1155) or TokenIDs (erc721)
	Min     uint256.Int    `json:"-"` // MinBalance; 1 for erc721
}

var addressRE = regexp.MustCompile(`^0x[0-9a-fA-F]{40}$`)

// Parse reads a policy. An empty or null document is an error: an asset
// without a policy is not served.
func Parse(data []byte) (*Policy, error) {
	data = bytes.TrimSpace(data)
	if len(data) == 0 || bytes.Equal(data, []byte("null")) {
		return nil, fmt.Errorf("%w: missing", ErrInvalid)
	}
	p, err := parseNode(data, 0)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalid, err)
	}
	return p, nil
}

type node struct {
	Public *bool             `json:"public"`
	Any    []json.RawMessage `json:"any"`
	All    []json.RawMessage `json:"all"`
	Condition
}

func parseNode(data []byte, depth int) (*Policy, error) {
	if depth > maxDepth {
		return nil, fmt.Errorf("nested deeper than %d", maxDepth)
	}
	var n node
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&n); err != nil {
		return nil, err
	}
	kinds := 0
	for _, set := range []bool{n.Public != nil, n.Any != nil, n.All != nil, n.Standard != ""} {
		if set {
			kinds++
		}
	}
	if kinds != 1 {
		return nil, errors.New(`want exactly one of "public", "any", "all" or a condition`)
	}
	if n.Standard == "" && !reflect.ValueOf(n.Condition).IsZero() {
		return nil, errors.New(`condition fields (chain_id, contract, label, …) need "standard"`)
	}
	switch {
	case n.Public != nil:
		if !*n.Public {
			return nil, errors.New(`"public": false grants nothing; omit it and name conditions`)
		}
		return &Policy{Public: true}, nil
	case n.Any != nil:
		kids, err := parseList(n.Any, depth)
		return &Policy{Any: kids}, err
	case n.All != nil:
		kids, err := parseList(n.All, depth)
		return &Policy{All: kids}, err
	}
	c := n.Condition
	if err := c.validate(); err != nil {
		return nil, err
	}
	return &Policy{Condition: &c}, nil
}

func parseList(raw []json.RawMessage, depth int) ([]Policy, error) {
	if len(raw) == 0 {
		return nil, errors.New("empty any/all list")
	}
	kids := make([]Policy, 0, len(raw))
	for i, r := range raw {
		p, err := parseNode(r, depth+1)
		if err != nil {
			return nil, fmt.Errorf("[%d]: %w", i, err)
		}
		kids = append(kids, *p)
	}
	return kids, nil
}

func (c *Condition) validate() error {
	switch {
	case c.ChainID <= 0:
		return fmt.Errorf("chain_id: want > 0, got %d", c.ChainID)
	case !addressRE.MatchString(c.Contract):
		return fmt.Errorf("contract: want a 0x address, got %q", c.Contract)
	case c.MaxStreams < 0:
		return fmt.Errorf("max_streams: want >= 0, got %d", c.MaxStreams)
	}
	if err := CheckLabel(c.Label); err != nil {
		return err
	}
	c.Contract = strings.ToLower(c.Contract)
	c.Address = common.HexToAddress(c.Contract)
	switch c.Standard {
	case ERC721:
		if c.TokenID != "" || c.MinBalance != "" {
			return errors.New("erc721: use token_ids, not token_id or min_balance")
		}
		c.Min.SetOne()
		return c.parseIDs("token_ids", c.TokenIDs)
	case ERC1155:
		if err := c.parseIDs("token_id", []string{c.TokenID}); err != nil {
			return err
		}
		return c.defaultMin()
	case ERC20:
		if c.TokenID != "" || len(c.TokenIDs) > 0 {
			return errors.New("erc20: has no token ids")
		}
		return c.defaultMin()
	}
	return fmt.Errorf("standard: want erc721, erc1155 or erc20, got %q", c.Standard)
}

// defaultMin makes min_balance default to 1 and parses it.
func (c *Condition) defaultMin() error {
	if c.MinBalance == "" {
		c.MinBalance = "1"
	}
	v, err := Amount(c.MinBalance)
	if err != nil {
		return fmt.Errorf("min_balance: %w", err)
	}
	c.Min.SetFromBig(v)
	return nil
}

func (c *Condition) parseIDs(field string, ids []string) error {
	c.IDs = make([]uint256.Int, len(ids))
	for i, id := range ids {
		v, err := Amount(id)
		if err != nil {
			return fmt.Errorf("%s: %w", field, err)
		}
		c.IDs[i].SetFromBig(v)
	}
	return nil
}

// MaxLabelRunes bounds a condition's label.
const MaxLabelRunes = 64

// CheckLabel accepts "" (no label) or 1..MaxLabelRunes runes of valid UTF-8
// that are all printable (unicode.IsPrint: letters, marks, numbers,
// punctuation, symbols and the ASCII space; no controls, format characters
// or other spaces), not starting or ending with a space.
func CheckLabel(s string) error {
	if s == "" {
		return nil
	}
	if !utf8.ValidString(s) || utf8.RuneCountInString(s) > MaxLabelRunes {
		return fmt.Errorf("label: want at most %d characters of UTF-8", MaxLabelRunes)
	}
	if strings.TrimSpace(s) != s {
		return errors.New("label: leading or trailing space")
	}
	for _, r := range s {
		if !unicode.IsPrint(r) {
			return fmt.Errorf("label: character %U is not printable text", r)
		}
	}
	return nil
}

// Amount parses a non-negative decimal string of at most 78 digits (uint256).
func Amount(s string) (*big.Int, error) {
	if s == "" || len(s) > 78 || strings.TrimLeft(s, "0123456789") != "" {
		return nil, fmt.Errorf("want a decimal integer, got %q", s)
	}
	v, _ := new(big.Int).SetString(s, 10)
	if v.BitLen() > 256 {
		return nil, fmt.Errorf("%s exceeds uint256", s)
	}
	return v, nil
}

// String describes the condition for people, e.g. in a 403 message:
// "hold an ERC-721 of 0xAbC… on chain 1". The contract is in its EIP-55
// checksummed form, as wallets and explorers show it (Contract itself is
// kept lowercase for comparisons).
func (c *Condition) String() string {
	contract := common.HexToAddress(c.Contract).Hex()
	switch c.Standard {
	case ERC721:
		if len(c.TokenIDs) > 0 {
			return fmt.Sprintf("own one of tokens %s of ERC-721 %s on chain %d", strings.Join(c.TokenIDs, ", "), contract, c.ChainID)
		}
		return fmt.Sprintf("hold an ERC-721 of %s on chain %d", contract, c.ChainID)
	case ERC1155:
		return fmt.Sprintf("hold %s of token %s of ERC-1155 %s on chain %d", c.MinBalance, c.TokenID, contract, c.ChainID)
	}
	return fmt.Sprintf("hold %s of ERC-20 %s on chain %d", c.MinBalance, contract, c.ChainID)
}
