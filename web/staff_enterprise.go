package web

import (
	"context"
	"net/url"
	"strconv"
	"strings"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"

	"parkportal/store"
	"parkportal/views"
)

// The enterprise ledger (企业台账), on the ledger engine (ledger.go): what
// differs from the other ledgers. Its records are named by their
// interchange id; its list (staff_enterprise_list.go, sorted by its
// columns) and its record page (staff_enterprise_show.go, with everything
// that relates to the enterprise) are kept per revision in the page cache;
// its spreadsheet is uploaded too (staff_enterprise_export.go).

const enterpriseLedger = "/workbench/enterprises"

var enterprises = &ledger[store.Enterprise, enterpriseForm]{
	collection: store.Enterprises,
	path:       enterpriseLedger,
	names: ledgerNames{ledger: "企业台账", record: "企业", create: "新增企业", edit: "修改企业信息", remove: "删除企业",
		newText: "新增企业", editText: "企业信息", deleteText: "删除这家企业",
		notices: map[string]string{"saved": "已保存。", "survey": "摸排记录已保存。"}},
	access:  byID((*store.Store).EnterpriseByID, (*store.Store).SaveEnterprise, (*store.Store).DeleteEnterprise),
	fields:  enterpriseFields,
	show:    showEnterpriseValue,
	title:   func(_ context.Context, _ *Server, e store.Enterprise) (string, error) { return e.Name, nil },
	list:    listEnterprises,
	record:  enterpriseRecord,
	export:  exportEnterprises,
	sheet:   enterpriseSheet,
	listKey: enterpriseLedgerKey,
	form: ledgerForm[store.Enterprise, enterpriseForm]{
		blank: func(echo.Context) enterpriseForm { return enterpriseForm{} },
		propose: func(ctx context.Context, s *Server, f *enterpriseForm) (err error) {
			f.ID, err = s.store.SuggestEnterpriseID(ctx)
			return err
		},
		of:     enterpriseFormOf,
		read:   readEnterpriseForm,
		record: enterpriseForm.record,
		draw: func(_ context.Context, _ *Server, f enterpriseForm, frame views.FormFrame) (templ.Component, error) {
			v := views.EnterpriseForm{FormFrame: frame,
				ID: f.ID, Name: f.Name, CreditCode: f.CreditCode, Stage: f.Stage, Stages: options(store.Stages, f.Stage),
				History: f.History, Employees: f.Employees, Sector: f.Sector, Founded: f.Founded,
			}
			for range emptyStageRows {
				v.History = append(v.History, views.StageRow{})
			}
			return views.EnterpriseFormPage(v), nil
		},
	},
}

// enterpriseForm is the enterprise form as typed: strings, so that what a
// clerk typed can be shown again whatever it was. Fields are named as in the
// interchange spec; the stage history comes as repeated
// stage_history.stage and stage_history.since fields, one pair a row.
type enterpriseForm struct {
	ID, Name, CreditCode, Stage string
	History                     []views.StageRow
	Employees, Sector, Founded  string
}

// emptyStageRows is how many blank stage rows the form offers.
const emptyStageRows = 2

func readEnterpriseForm(form url.Values) enterpriseForm {
	f := enterpriseForm{
		ID:         strings.TrimSpace(form.Get("id")),
		Name:       strings.TrimSpace(form.Get("name")),
		CreditCode: strings.ToUpper(strings.TrimSpace(form.Get("credit_code"))),
		Stage:      form.Get("stage"),
		Employees:  strings.TrimSpace(form.Get("employees")),
		Sector:     strings.TrimSpace(form.Get("sector")),
		Founded:    strings.TrimSpace(form.Get("founded")),
	}
	stages, since := form["stage_history.stage"], form["stage_history.since"]
	for i := 0; i < max(len(stages), len(since)) && i < 50; i++ {
		var row views.StageRow
		if i < len(stages) {
			row.Stage = stages[i]
		}
		if i < len(since) {
			row.Since = strings.TrimSpace(since[i])
		}
		if row.Stage != "" || row.Since != "" { // blank rows are no entries
			f.History = append(f.History, row)
		}
	}
	return f
}

// enterpriseFormOf is the form filled in with an enterprise.
func enterpriseFormOf(e store.Enterprise) enterpriseForm {
	f := enterpriseForm{ID: e.ID, Name: e.Name, CreditCode: e.CreditCode, Stage: e.Stage, Sector: e.Sector, Founded: e.Founded}
	if e.Employees != nil {
		f.Employees = strconv.Itoa(*e.Employees)
	}
	for _, h := range e.StageHistory {
		f.History = append(f.History, views.StageRow{Stage: h.Stage, Since: h.Since})
	}
	return f
}

// record is the enterprise the form describes, and the problems of what
// could not be read as its type (a number field that is not a number).
func (f enterpriseForm) record() (store.Enterprise, []store.Problem) {
	e := store.Enterprise{ID: f.ID, Name: f.Name, CreditCode: f.CreditCode, Stage: f.Stage, Sector: f.Sector, Founded: f.Founded}
	n, ps := countField("employees", f.Employees, false, "须为整数，如 35")
	e.Employees = n
	for _, h := range f.History {
		e.StageHistory = append(e.StageHistory, store.StageEntry{Stage: h.Stage, Since: h.Since})
	}
	return e, ps
}
