package policy

import "testing"

func cond(id string) string {
	return `{"chain_id":1,"contract":"` + addr + `","standard":"erc721","token_ids":["` + id + `"]}`
}

var evalCases = []struct {
	name   string
	doc    string
	facts  map[string]Answer // token id → answer; absent means Unknown
	want   Answer
	unmetT string // token id of the reported unmet condition
}{
	{"public", `{"public":true}`, nil, Met, ""},
	{"single met", cond("1"), map[string]Answer{"1": Met}, Met, ""},
	{"single unmet", cond("1"), map[string]Answer{"1": Unmet}, Unmet, "1"},
	{"single unknown", cond("1"), nil, Unknown, ""},
	{"any one met", `{"any":[` + cond("1") + `,` + cond("2") + `]}`, map[string]Answer{"2": Met}, Met, ""},
	{"any all unmet", `{"any":[` + cond("1") + `,` + cond("2") + `]}`, map[string]Answer{"1": Unmet, "2": Unmet}, Unmet, "1"},
	{"any unmet and unknown", `{"any":[` + cond("1") + `,` + cond("2") + `]}`, map[string]Answer{"1": Unmet}, Unknown, ""},
	{"all one unmet", `{"all":[` + cond("1") + `,` + cond("2") + `]}`, map[string]Answer{"2": Unmet}, Unmet, "2"},
	{"all met", `{"all":[` + cond("1") + `,` + cond("2") + `]}`, map[string]Answer{"1": Met, "2": Met}, Met, ""},
	{"all met and unknown", `{"all":[` + cond("1") + `,` + cond("2") + `]}`, map[string]Answer{"1": Met}, Unknown, ""},
	{"nested", `{"all":[{"any":[` + cond("1") + `,` + cond("2") + `]},` + cond("3") + `]}`,
		map[string]Answer{"1": Unmet, "2": Met, "3": Unmet}, Unmet, "3"},
	{"nested any unmet", `{"all":[{"any":[` + cond("1") + `,` + cond("2") + `]},` + cond("3") + `]}`,
		map[string]Answer{"1": Unmet, "2": Unmet, "3": Met}, Unmet, "1"},
}

func TestEval(t *testing.T) {
	for _, tc := range evalCases {
		p, err := Parse([]byte(tc.doc))
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		a, unmet := p.Eval(func(c *Condition) Answer { return tc.facts[c.TokenIDs[0]] })
		if a != tc.want {
			t.Errorf("%s: answer %d, want %d", tc.name, a, tc.want)
		}
		got := ""
		if unmet != nil {
			got = unmet.TokenIDs[0]
		}
		if got != tc.unmetT {
			t.Errorf("%s: unmet %q, want %q", tc.name, got, tc.unmetT)
		}
	}
}

func TestConditions(t *testing.T) {
	p, _ := Parse([]byte(`{"all":[{"any":[` + cond("1") + `,` + cond("2") + `]},` + cond("3") + `]}`))
	var ids []string
	p.Conditions(func(c *Condition) { ids = append(ids, c.TokenIDs[0]) })
	if len(ids) != 3 || ids[0] != "1" || ids[2] != "3" {
		t.Fatalf("conditions %v", ids)
	}
}
