package policy

import (
	"errors"
	"strings"
	"testing"
)

const addr = "0x00000000000000000000000000000000000000C1"

var parseCases = []struct {
	name, doc string
	ok        bool
}{
	{"public", `{"public": true}`, true},
	{"public false", `{"public": false}`, false},
	{"erc721", `{"chain_id":1,"contract":"` + addr + `","standard":"erc721"}`, true},
	{"erc721 ids", `{"chain_id":1,"contract":"` + addr + `","standard":"erc721","token_ids":["1","2"]}`, true},
	{"erc1155", `{"chain_id":137,"contract":"` + addr + `","standard":"erc1155","token_id":"7","min_balance":"1"}`, true},
	{"erc20", `{"chain_id":8453,"contract":"` + addr + `","standard":"erc20","min_balance":"1000000000000000000"}`, true},
	{"any nested all", `{"any":[{"all":[{"public":true}]},{"chain_id":1,"contract":"` + addr + `","standard":"erc721"}]}`, true},
	{"missing", ``, false},
	{"null", `null`, false},
	{"empty object", `{}`, false},
	{"empty any", `{"any":[]}`, false},
	{"two kinds", `{"public":true,"any":[{"public":true}]}`, false},
	{"unknown field", `{"public":true,"extra":1}`, false},
	{"bad standard", `{"chain_id":1,"contract":"` + addr + `","standard":"erc777"}`, false},
	{"bad contract", `{"chain_id":1,"contract":"0x12","standard":"erc721"}`, false},
	{"no chain", `{"contract":"` + addr + `","standard":"erc721"}`, false},
	{"1155 without id", `{"chain_id":1,"contract":"` + addr + `","standard":"erc1155"}`, false},
	{"negative amount", `{"chain_id":1,"contract":"` + addr + `","standard":"erc20","min_balance":"-1"}`, false},
	{"hex amount", `{"chain_id":1,"contract":"` + addr + `","standard":"erc20","min_balance":"0x10"}`, false},
	{"over uint256", `{"chain_id":1,"contract":"` + addr + `","standard":"erc20","min_balance":"` + strings.Repeat("9", 78) + `"}`, false},
	{"too deep", strings.Repeat(`{"any":[`, 12) + `{"public":true}` + strings.Repeat(`]}`, 12), false},
	{"not json", `{"any":`, false},
	{"label", `{"chain_id":1,"contract":"` + addr + `","standard":"erc721","label":"Demo Pass"}`, true},
	{"label unicode", `{"chain_id":1,"contract":"` + addr + `","standard":"erc20","label":"Café · 会员 ✓"}`, true},
	{"label empty is none", `{"chain_id":1,"contract":"` + addr + `","standard":"erc721","label":""}`, true},
	{"label 64 runes", `{"chain_id":1,"contract":"` + addr + `","standard":"erc721","label":"` + strings.Repeat("é", 64) + `"}`, true},
	{"label 65 runes", `{"chain_id":1,"contract":"` + addr + `","standard":"erc721","label":"` + strings.Repeat("a", 65) + `"}`, false},
	{"label newline", `{"chain_id":1,"contract":"` + addr + `","standard":"erc721","label":"a\nb"}`, false},
	{"label tab", `{"chain_id":1,"contract":"` + addr + `","standard":"erc721","label":"a\tb"}`, false},
	{"label bidi override", `{"chain_id":1,"contract":"` + addr + `","standard":"erc721","label":"a\u202eb"}`, false},
	{"label zero width", `{"chain_id":1,"contract":"` + addr + `","standard":"erc721","label":"a\u200bb"}`, false},
	{"label nbsp", `{"chain_id":1,"contract":"` + addr + `","standard":"erc721","label":"a\u00a0b"}`, false},
	{"label padded", `{"chain_id":1,"contract":"` + addr + `","standard":"erc721","label":" a"}`, false},
	{"label not string", `{"chain_id":1,"contract":"` + addr + `","standard":"erc721","label":7}`, false},
	{"label on public", `{"public":true,"label":"x"}`, false},
	{"label on any", `{"any":[{"public":true}],"label":"x"}`, false},
	{"chain on public", `{"public":true,"chain_id":1}`, false},
}

func TestParse(t *testing.T) {
	for _, tc := range parseCases {
		p, err := Parse([]byte(tc.doc))
		if (err == nil) != tc.ok {
			t.Errorf("%s: err = %v, want ok=%v", tc.name, err, tc.ok)
			continue
		}
		if err != nil && !errors.Is(err, ErrInvalid) {
			t.Errorf("%s: err %v does not wrap ErrInvalid", tc.name, err)
		}
		if err == nil && p == nil {
			t.Errorf("%s: nil policy", tc.name)
		}
	}
}

func TestParseNormalizes(t *testing.T) {
	p, err := Parse([]byte(`{"chain_id":1,"contract":"` + addr + `","standard":"erc20"}`))
	if err != nil {
		t.Fatal(err)
	}
	c := p.Condition
	if c.Contract != strings.ToLower(addr) || c.MinBalance != "1" {
		t.Fatalf("got %+v", c)
	}
	if s := c.String(); !strings.Contains(s, "ERC-20") || !strings.Contains(s, "chain 1") {
		t.Fatalf("String() = %q", s)
	}
}

// Every condition's words name the contract EIP-55 checksummed, however
// asset.json spelt it: people compare it with what wallets and explorers
// show.
func TestConditionStringChecksummed(t *testing.T) {
	const sum = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed" // EIP-55's own example
	for _, spelt := range []string{strings.ToLower(sum), "0x" + strings.ToUpper(sum[2:]), sum} {
		for _, cond := range []string{
			`{"standard":"erc721"`,
			`{"standard":"erc721","token_ids":["7"]`,
			`{"standard":"erc1155","token_id":"3"`,
			`{"standard":"erc20","min_balance":"5"`,
		} {
			p, err := Parse([]byte(cond + `,"chain_id":1,"contract":"` + spelt + `"}`))
			if err != nil {
				t.Fatalf("%s %s: %v", cond, spelt, err)
			}
			if s := p.Condition.String(); !strings.Contains(s, " "+sum+" on chain 1") {
				t.Errorf("%s (contract %s): %q does not name %s", cond, spelt, s, sum)
			}
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, tc := range parseCases {
		f.Add(tc.doc)
	}
	f.Fuzz(func(t *testing.T, doc string) {
		p, err := Parse([]byte(doc))
		if err == nil && p == nil {
			t.Fatal("nil policy without error")
		}
	})
}
