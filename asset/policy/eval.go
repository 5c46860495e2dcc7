package policy

// Answer is a three-valued verdict: a condition, or a whole policy, may be
// met, unmet, or not yet known (its ownership facts are not at hand).
type Answer uint8

// The answers Eval gives.
const (
	Unknown Answer = iota
	Met
	Unmet
)

// Eval decides p with check answering single conditions. any is met by one
// met child and unmet when all are unmet; all is unmet by one unmet child and
// met when all are met; otherwise the answer is Unknown. When the answer is
// Unmet, unmet is the first condition that was not met, for the 403 message.
// Eval does not retain check, so callers can pass a closure without
// allocating.
func (p *Policy) Eval(check func(*Condition) Answer) (a Answer, unmet *Condition) {
	switch {
	case p.Public:
		return Met, nil
	case p.Condition != nil:
		a = check(p.Condition)
		if a == Unmet {
			return Unmet, p.Condition
		}
		return a, nil
	case p.Any != nil:
		return evalList(p.Any, check, Met)
	}
	return evalList(p.All, check, Unmet)
}

// evalList evaluates any (decisive = Met) or all (decisive = Unmet).
func evalList(kids []Policy, check func(*Condition) Answer, decisive Answer) (Answer, *Condition) {
	result := Met + Unmet - decisive // what the list is if no child is decisive
	var firstUnmet *Condition
	for i := range kids {
		a, u := kids[i].Eval(check)
		if firstUnmet == nil {
			firstUnmet = u
		}
		if a == decisive {
			if a == Unmet {
				return Unmet, u
			}
			return Met, nil
		}
		if a == Unknown {
			result = Unknown
		}
	}
	if result == Unmet {
		return Unmet, firstUnmet
	}
	return result, nil
}

// Conditions calls f for every condition of p, depth first.
func (p *Policy) Conditions(f func(*Condition)) {
	if p.Condition != nil {
		f(p.Condition)
	}
	for i := range p.Any {
		p.Any[i].Conditions(f)
	}
	for i := range p.All {
		p.All[i].Conditions(f)
	}
}
