package store

import "testing"

// The titles the store makes carry dates as a clerk reads them.
func TestTitlesCarryDatesInWords(t *testing.T) {
	for got, want := range map[string]string{
		ServiceTitle("甲公司", Service{Date: "2024-07-24", Kind: "legal"}):                        "甲公司 2024年7月24日 共享法务",
		ServiceRequestTitle(ServiceRequest{Date: "2024-07-04", Kind: "legal"}):                 "法律服务申请 2024年7月4日",
		surveyTitle("甲公司", "2023-10-01"):                                                       "甲公司 2023年10月1日 三有摸排",
		responsibilityTitle("", Responsibility{Date: "2024-01-24", Kind: "volunteering"}):      "2024年1月24日 志愿服务",
		responsibilityTitle("甲公司", Responsibility{Date: "2024-01-24", Kind: "employment_aid"}): "甲公司 2024年1月24日 就业帮扶",
	} {
		if got != want {
			t.Errorf("title %q, want %q", got, want)
		}
	}
}
