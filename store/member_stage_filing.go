package store

// A secretary's filing about a member already in the ledger records the
// member's next stage. The stage dates recorded are fixed: changing one is a
// staff correction (the member form, with its audit entry), never part of a
// filing, or a secretary could back-date an activist past the one-year rule.

// Problem codes of a next-stage filing.
const (
	CodeMemberStageFixed = "member_stage_fixed" // a filing changes a stage date already recorded
	CodeMemberStageNext  = "member_stage_next"  // a filing sets a stage after the next one
)

// stageDates are a member's five stage dates, in order.
func stageDates(m Member) [5]string {
	return [5]string{m.Applied, m.Activist, m.Candidate, m.Probationary, m.Full}
}

// nextStageOnly checks a filing m about the member recorded as before: every
// stage date recorded stays as it is, and only the first stage not yet
// recorded may be given.
func nextStageOnly(before, m Member) []Problem {
	var out []Problem
	was, now := stageDates(before), stageDates(m)
	next := -1 // the first stage not yet recorded
	for i, st := range memberStages {
		switch {
		case was[i] != "":
			if now[i] != was[i] {
				out = append(out, *newProblem(st.field, CodeMemberStageFixed,
					"%s的日期已登记为 %s，报送中不能修改；如有错误，请联系园区工作人员更正", st.label, was[i]))
			}
		case next < 0:
			next = i
		case now[i] != "":
			out = append(out, *newProblem(st.field, CodeMemberStageNext,
				"一次报送只登记下一阶段（%s）；%s须待下一阶段发布后再报送", memberStages[next].label, st.label))
		}
	}
	return out
}
