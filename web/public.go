package web

import (
	"net/url"
	"strconv"
	"strings"

	"parkportal/store"
	"parkportal/views"
)

// Helpers shared by the public pages: they turn the store's public records
// into view models in the users' words.

func programTitle(slug string) string { return store.Label(store.Programs, slug) }

func enterpriseHref(id string) string { return "/enterprises/" + url.PathEscape(id) }

func brandHref(id int64) string { return "/brands/" + strconv.FormatInt(id, 10) }

func activityHref(id int64) string { return "/activities/" + strconv.FormatInt(id, 10) }

func stageName(stage string) string { return store.Label(store.Stages, stage) }

func organizationKindName(kind string) string { return store.Label(store.OrganizationKinds, kind) }

func responsibilityKindName(kind string) string { return store.Label(store.ResponsibilityKinds, kind) }

// organizationName is "立方新能源联合党支部（联合党支部）" unless the name
// already says what kind of organisation it is.
func organizationName(o store.OrganizationRef) string {
	for _, w := range []string{"支部", "总支", "党委", "委员会"} {
		if strings.Contains(o.Name, w) {
			return o.Name
		}
	}
	return o.Name + "（" + organizationKindName(o.Kind) + "）"
}

func enterpriseLinks(list []store.EnterpriseRef) []views.Link {
	out := make([]views.Link, len(list))
	for i, e := range list {
		out[i] = views.Link{Href: enterpriseHref(e.ID), Label: e.Name}
	}
	return out
}

func activityItems(list []store.PublicActivity) []views.ActivityItem {
	out := make([]views.ActivityItem, len(list))
	for i, a := range list {
		it := views.ActivityItem{
			Href: activityHref(a.ID), Title: a.Title, Date: views.Date(a.Date), DateISO: a.Date,
			Program: programTitle(a.Program), ProgramHref: "/programs/" + a.Program,
			Kind: activityKindName(a.Kind), Organizer: a.Organizer, Summary: a.Summary, Photos: photoRefs(a.Photos, photoRef),
		}
		if a.HasParticipants && a.Participants > 0 {
			it.Participants = views.Count(a.Participants, "人参加")
		}
		out[i] = it
	}
	return out
}

func brandItems(list []store.BrandCard) []views.BrandItem {
	out := make([]views.BrandItem, len(list))
	for i, b := range list {
		out[i] = brandItem(b)
	}
	return out
}

func brandItem(b store.BrandCard) views.BrandItem {
	return views.BrandItem{
		Href: brandHref(b.ID), Name: b.Name, Slogan: b.Slogan, Launched: views.Date(b.Launched),
		Organization: b.Organization.Name, Enterprises: enterpriseLinks(b.Enterprises),
		Emblem: views.NewEmblem(b.Name),
	}
}

// activityKindName and awardKindName label the open kinds; a kind the store
// does not list shows as written.
func activityKindName(kind string) string { return store.Label(store.ActivityKinds, kind) }

func awardKindName(kind string) string { return store.Label(store.AwardKinds, kind) }

func awardLevelName(level string) string { return store.Label(store.AwardLevels, level) }

func awardItems(list []store.PublicAward) []views.AwardItem {
	out := make([]views.AwardItem, len(list))
	for i, a := range list {
		level := awardLevelName(a.Level)
		title := a.Title
		if strings.HasPrefix(title, level) {
			title = "" // "市级标杆党组织" says no more than the level and the kind
		}
		out[i] = views.AwardItem{
			Year: a.Year, Level: level, Kind: awardKindName(a.Kind),
			Title: title, Organization: a.Organization.Name, Enterprises: enterpriseLinks(a.Enterprises),
		}
	}
	return out
}

// responsibilityStats shows totals by kind as "91人" over "就业帮扶".
func responsibilityStats(list []store.ResponsibilityTotal) []views.Stat {
	out := make([]views.Stat, len(list))
	for i, t := range list {
		out[i] = views.Stat{
			Key: t.Kind, Value: views.Count(t.Beneficiaries, "人"), Label: responsibilityKindName(t.Kind),
			Note: views.Count(t.Records, "条记录"),
		}
	}
	return out
}

// responsibilityTable lists records newest first.
func responsibilityTable(caption string, list []store.ResponsibilityRecord, withEnterprise bool) views.Table {
	t := views.Table{Caption: caption, Head: []string{"日期", "类别", "受益人数", "说明"}, TestID: "responsibility-records", Text: []int{1, 3}}
	if withEnterprise {
		t.Head = []string{"日期", "企业", "类别", "受益人数", "说明"}
		t.Text = []int{1, 2, 4}
	}
	for _, r := range list {
		row := views.TableRow{Head: views.Date(r.Date)}
		if withEnterprise {
			row.Cells = append(row.Cells, r.Enterprise.Name)
		}
		row.Cells = append(row.Cells, responsibilityKindName(r.Kind), views.Count(r.Beneficiaries, "人"), r.Note)
		t.Rows = append(t.Rows, row)
	}
	return t
}
