package web

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"parkportal/store"
)

// formLabels are the words a form shows its fields by, by field name: a
// control's <label for=…>, or, for a field of several controls (repeated
// pickers, check boxes, yes/no, photos), the legend of the fieldset named
// for it; a lone check box, its own label.
func formLabels(t *testing.T, body string) map[string]string {
	t.Helper()
	form := doc(t, body).Find(`main form[method="post"]`).First()
	if form.Length() == 0 {
		t.Fatal("no form on the page")
	}
	out := map[string]string{}
	form.Find("input, select, textarea").Each(func(_ int, in *goquery.Selection) {
		name := in.AttrOr("name", "")
		if name == "" || in.AttrOr("type", "") == "hidden" || in.AttrOr("type", "") == "file" {
			return
		}
		var label string
		if set := in.Closest("fieldset"); set.AttrOr("id", "") == name {
			label = set.ChildrenFiltered("legend").Text()
		} else if id := in.AttrOr("id", ""); id != "" {
			label = form.Find(`label[for="` + id + `"]`).Text()
		} else {
			label = in.Closest("label").Text() // a check box in its label
		}
		if _, seen := out[name]; !seen {
			out[name] = strings.TrimSpace(label)
		}
	})
	return out
}

// A clerk and a secretary filing the same kind of record meet each field
// under one name: every field both forms have carries the same label on
// both, the one in store/labels.go.
func TestStaffAndSecretaryFormsNameFieldsAlike(t *testing.T) {
	ts, staff, secretary, _ := secretaryServer(t)
	for _, tc := range []struct {
		collection       store.Collection
		staff, secretary string   // the new forms
		fields           []string // the fields both have
	}{
		{store.Activities, "/workbench/activities/new", "/org/activities/new",
			[]string{"title", "program", "kind", "date", "participants", "enterprises", "summary"}},
		{store.ResponsibilityRecords, "/workbench/responsibility/new", "/org/responsibility/new",
			[]string{"enterprise", "kind", "date", "beneficiaries", "note"}},
		{store.Services, "/workbench/services/new", "/org/services/new", []string{"enterprise", "kind", "date"}},
		{store.Brands, "/workbench/brands/new", "/org/brand", []string{"name", "launched", "slogan", "story", "practices"}},
		{store.Members, "/workbench/members/new", "/org/members/new", []string{"name", "birth", "enterprise", "management", "applied"}},
	} {
		t.Run(string(tc.collection), func(t *testing.T) {
			res, body := ts.get(staff, tc.staff)
			if res.StatusCode != http.StatusOK {
				t.Fatalf("%s: %d", tc.staff, res.StatusCode)
			}
			clerk := formLabels(t, body)
			if res, body = ts.get(secretary, tc.secretary); res.StatusCode != http.StatusOK {
				t.Fatalf("%s: %d", tc.secretary, res.StatusCode)
			}
			filing := formLabels(t, body)
			var both []string
			for field, label := range clerk {
				if other, ok := filing[field]; ok {
					both = append(both, field)
					if label != other {
						t.Errorf("%s: the clerk's form says %q, the secretary's %q", field, label, other)
					}
					if !strings.HasPrefix(label, store.FieldLabel(tc.collection, field)) {
						t.Errorf("%s: %q is not the label table's %q", field, label, store.FieldLabel(tc.collection, field))
					}
				}
			}
			slices.Sort(both)
			want := slices.Sorted(slices.Values(tc.fields))
			if !slices.Equal(both, want) {
				t.Errorf("the fields both forms have: %v, want %v", both, want)
			}
		})
	}
}
