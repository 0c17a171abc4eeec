package web

import (
	"net/url"
	"strconv"
	"strings"

	"parkportal/store"
	"parkportal/views"
)

// The secretary's filing forms: one per kind, each reading and showing the
// kind's record with the spec's field names, so that a form's field, the
// record's JSON and the problems the store reports share one name.

// orgChoices are what a secretary's forms offer: their organisation's
// enterprises; and for a filing about a member in the ledger, that record,
// whose stage dates are fixed.
type orgChoices struct {
	enterprises []store.Choice
	recorded    *store.Member
}

func (o orgChoices) enterpriseOptions(chosen ...string) []views.Option {
	out := make([]views.Option, len(o.enterprises))
	for i, e := range o.enterprises {
		out[i] = views.Option{Value: e.Value, Label: e.Label}
		for _, c := range chosen {
			if c == e.Value {
				out[i].Selected = true
			}
		}
	}
	return out
}

// filingForm is one kind's form.
type filingForm struct {
	kind       string
	newTitle   string // heading of a new filing
	editTitle  string
	section    string           // the workspace navigation entry
	collection store.Collection // the ledger whose field labels and order the errors use
	empty      func() any
	fields     func(o orgChoices, body any, photo func(int64) views.PhotoRef) []views.FormField
	// parse reads the form into a body; problems are what could not be
	// read as the field's type.
	parse func(values url.Values) (any, []store.Problem)
	// photos returns a pointer to the body's photo ids, for uploads; nil
	// when the kind has none.
	photos func(body any) *[]int64
}

func text(name, label, hint, value string) views.FormField {
	return views.FormField{Type: "text", Name: name, Label: label, Hint: hint, Value: value}
}

func field(typ, name, label, value string) views.FormField {
	return views.FormField{Type: typ, Name: name, Label: label, Value: value}
}

func intText(n *int) string {
	if n == nil {
		return ""
	}
	return strconv.Itoa(*n)
}

func photoIDs(values []string) []int64 {
	var out []int64
	for _, v := range values {
		if id, err := strconv.ParseInt(v, 10, 64); err == nil && id > 0 && len(out) < store.MaxActivityPhotos*2 {
			out = append(out, id)
		}
	}
	return out
}

func photoRefs(ids []int64, photo func(int64) views.PhotoRef) []views.PhotoRef {
	out := make([]views.PhotoRef, len(ids))
	for i, id := range ids {
		out[i] = photo(id)
	}
	return out
}

func trimmed(values url.Values, name string) string { return strings.TrimSpace(values.Get(name)) }

func boolText(b bool) string { return strconv.FormatBool(b) }

// memberFilingDates are the member filing's stage dates and their labels.
var memberFilingDates = func() (out [5][2]string) {
	for i, st := range []string{"applied", "activist", "candidate", "probationary", "full"} {
		out[i] = [2]string{st, store.FieldLabel(store.Members, st)}
	}
	return out
}()

// keepRecordedDates puts the recorded stage dates of a member back into a
// filing about them, whatever the form sent: they are fixed (the store
// refuses a change), and the form shows them as text.
func keepRecordedDates(m *store.Member, recorded store.Member) {
	for _, st := range memberFilingDates {
		if d := stageDate(recorded, st[0]); d != "" {
			setStageDate(m, st[0], d)
		}
	}
}

var filingForms = map[string]filingForm{
	store.FilingActivity: {
		kind: store.FilingActivity, newTitle: "报送活动", editTitle: "修改活动报送", section: "/org/activities/new", collection: "activities",
		empty: func() any { return &store.ActivityFiling{} },
		fields: func(o orgChoices, body any, photo func(int64) views.PhotoRef) []views.FormField {
			a := body.(*store.ActivityFiling)
			label := labelsOf(store.Activities)
			return []views.FormField{
				text("title", label("title"), "如：党课进车间", a.Title),
				{Type: "select", Name: "program", Label: label("program"), Options: options(store.Programs, a.Program)},
				{Type: "select", Name: "kind", Label: label("kind"), Options: options(store.ActivityKinds, a.Kind)},
				field("date", "date", label("date"), a.Date),
				{Type: "number", Name: "participants", Label: label("participants"), Optional: true, Value: intText(a.Participants)},
				{Type: "checks", Name: "enterprises", Label: label("enterprises"), Optional: true, Hint: "本组织覆盖的企业，可多选", Options: o.enterpriseOptions(a.Enterprises...)},
				{Type: "textarea", Name: "summary", Label: label("summary"), Optional: true, Hint: "几句话说明活动内容和成效，公开网站会展示", Value: a.Summary},
				{Type: "photos", Name: "photos", Label: label("photos"), Max: store.MaxActivityPhotos,
					Hint: "最多 6 张，每张不超过 10 MB，JPEG、PNG 或 WebP；可直接用手机拍照。照片会去掉拍摄地点等信息。", Photos: photoRefs(a.Photos, photo)},
			}
		},
		// The activity is read as a clerk's form reads it; its photos on top.
		parse: func(values url.Values) (any, []store.Problem) {
			a, ps := readActivityForm(values).record()
			return &store.ActivityFiling{Activity: a, Photos: photoIDs(values["photos"])}, ps
		},
		photos: func(body any) *[]int64 { return &body.(*store.ActivityFiling).Photos },
	},
	store.FilingMember: {
		kind: store.FilingMember, newTitle: "登记入党申请人", editTitle: "党员发展报送", section: "/org/members/new", collection: "members",
		empty: func() any { return &store.Member{} },
		fields: func(o orgChoices, body any, _ func(int64) views.PhotoRef) []views.FormField {
			m := body.(*store.Member)
			label := labelsOf(store.Members)
			fs := []views.FormField{
				text("name", label("name"), "", m.Name),
				field("date", "birth", label("birth"), m.Birth),
				{Type: "select", Name: "enterprise", Label: label("enterprise"), Optional: true, Options: o.enterpriseOptions(m.Enterprise)},
				{Type: "yesno", Name: "management", Label: label("management"), Hint: "是否为企业中层及以上管理人员", Value: boolText(m.Management)},
			}
			if o.recorded != nil {
				// A member in the ledger: the dates recorded are shown,
				// not asked; only the next stage's date is.
				for _, st := range memberFilingDates {
					if d := stageDate(*o.recorded, st[0]); d != "" {
						fs = append(fs, views.FormField{Type: "readonly", Name: st[0], Label: st[1], Value: views.Date(d)})
						continue
					}
					return append(fs, field("date", st[0], st[1], stageDate(*m, st[0])))
				}
				return fs
			}
			fs = append(fs, field("date", "applied", memberFilingDates[0][1], m.Applied))
			if m.Applied != "" {
				for _, st := range memberFilingDates[1:] {
					fs = append(fs, field("date", st[0], st[1], stageDate(*m, st[0])))
				}
			}
			return fs
		},
		// The member is read as a clerk's form reads them. A secretary files
		// for their own organisation, names no id (the ledger gives a new
		// member one at publish) and answers 是 or 否 on management.
		parse: func(values url.Values) (any, []store.Problem) {
			f := readMemberForm(values)
			f.ID, f.Organization = "", ""
			m, ps := f.record()
			if f.Management != "true" && f.Management != "false" {
				ps = append(ps, store.Problem{Field: "management", Code: store.CodeRequired, Message: "请选择“是”或“否”"})
			}
			return &m, ps
		},
	},
	store.FilingBrand: {
		kind: store.FilingBrand, newTitle: "报送党建品牌", editTitle: "修改党建品牌", section: "/org/brand", collection: "brands",
		empty: func() any { return &store.BrandFiling{} },
		fields: func(o orgChoices, body any, photo func(int64) views.PhotoRef) []views.FormField {
			b := body.(*store.BrandFiling)
			label := labelsOf(store.Brands)
			logo := views.FormField{Type: "logo", Name: "logo", Label: label("logo"), Optional: true, Hint: "一张图片，JPEG、PNG 或 WebP，不超过 10 MB"}
			if b.Logo != 0 {
				logo.Photos = []views.PhotoRef{photo(b.Logo)}
			}
			return []views.FormField{
				text("name", label("name"), "如：红色引擎", b.Name),
				field("date", "launched", label("launched"), b.Launched),
				{Type: "text", Name: "slogan", Label: label("slogan"), Optional: true, Value: b.Slogan},
				{Type: "textarea", Name: "story", Label: label("story"), Optional: true, Hint: views.StoryHint, Value: b.Story, Story: true},
				{Type: "textarea", Name: "practices", Label: label("practices"), Optional: true, Hint: "每行一条", Value: strings.Join(b.Practices, "\n")},
				logo,
			}
		},
		// The brand is read as a clerk's form reads it; its logo on top.
		parse: func(values url.Values) (any, []store.Problem) {
			brand, ps := readBrandForm(values).record()
			b := &store.BrandFiling{Brand: brand}
			if ids := photoIDs(values["logo"]); len(ids) > 0 {
				b.Logo = ids[0]
			}
			return b, ps
		},
	},
	store.FilingResponsibility: {
		kind: store.FilingResponsibility, newTitle: "报送社会责任", editTitle: "修改社会责任报送", section: "/org/responsibility/new", collection: "responsibility",
		empty: func() any { return &store.Responsibility{} },
		fields: func(o orgChoices, body any, _ func(int64) views.PhotoRef) []views.FormField {
			r := body.(*store.Responsibility)
			label := labelsOf(store.ResponsibilityRecords)
			return []views.FormField{
				{Type: "select", Name: "enterprise", Label: label("enterprise"), Options: o.enterpriseOptions(r.Enterprise)},
				{Type: "select", Name: "kind", Label: label("kind"), Options: options(store.ResponsibilityKinds, r.Kind)},
				field("date", "date", label("date"), r.Date),
				{Type: "number", Name: "beneficiaries", Label: label("beneficiaries"), Value: strconv.Itoa(r.Beneficiaries)},
				{Type: "textarea", Name: "note", Label: label("note"), Optional: true, Value: r.Note},
			}
		},
		parse: func(values url.Values) (any, []store.Problem) {
			r, ps := readResponsibilityForm(values).record()
			return &r, ps
		},
	},
	store.FilingServiceRequest: {
		kind: store.FilingServiceRequest, newTitle: "申请共享服务", editTitle: "修改服务申请", section: "/org/services/new", collection: "services",
		empty: func() any { return &store.ServiceRequest{} },
		fields: func(o orgChoices, body any, _ func(int64) views.PhotoRef) []views.FormField {
			r := body.(*store.ServiceRequest)
			label := labelsOf(store.Services)
			return []views.FormField{
				{Type: "select", Name: "enterprise", Label: label("enterprise"), Options: o.enterpriseOptions(r.Enterprise)},
				{Type: "select", Name: "kind", Label: label("kind"), Options: options(store.ServiceKinds, r.Kind)},
				{Type: "date", Name: "date", Label: label("date"), Hint: "希望哪天办理", Value: r.Date},
				{Type: "textarea", Name: "need", Label: label("need"), Hint: "需要什么服务、多少、何时", Value: r.Need},
			}
		},
		// A request is the service's enterprise, kind and date, read as a
		// clerk's form reads them, and what is needed (staff add whether it
		// was effective and what it cost when they close it).
		parse: func(values url.Values) (any, []store.Problem) {
			v := readServiceForm(values)
			return &store.ServiceRequest{Enterprise: v.Enterprise, Kind: v.Kind, Date: v.Date, Need: trimmed(values, "need")}, nil
		},
	},
}

// publishedTo says where a published filing of kind goes, to be read
// after "审核发布后" or "发布第 2 版：", and whether the public sees it.
// Members' data is personal and a service request the enterprise's own:
// both stay in the staff's ledgers, counted only in the yearly figures.
func publishedTo(kind string) (words string, public bool) {
	switch kind {
	case store.FilingActivity:
		return "写入活动台账，并在公开网站展示", true
	case store.FilingBrand:
		return "写入党建品牌台账，并在公开网站的品牌展示中展示", true
	case store.FilingResponsibility:
		return "写入社会责任台账，并在公开网站展示", true
	case store.FilingMember:
		return "只写入党员发展台账，不对外展示（网站上只有年度统计人数）", false
	case store.FilingServiceRequest:
		return "只写入共享服务台账，不对外展示（网站上只有年度统计数字）", false
	}
	return "写入台账", false
}

// filingErrors are a refusal's problems named as the form's fields: a
// list entry (enterprises[2]) is its list's field, a service's note is
// the request's need.
func filingErrors(ff filingForm, ps []store.Problem) views.Errors {
	errs := formErrors(ff.collection, ps)
	for i := range errs {
		errs[i].Link, errs[i].LinkText = "", "" // staff pages: not a secretary's
		f := errs[i].Field
		if j := strings.IndexByte(f, '['); j >= 0 {
			errs[i].Field = f[:j]
		}
		if ff.kind == store.FilingServiceRequest && f == "note" {
			errs[i].Field = "need"
			errs[i].Message = store.FieldLabel(store.Services, "need") + "：" + strings.TrimPrefix(errs[i].Message, store.FieldLabel(store.Services, "note")+"：")
		}
	}
	return errs
}
