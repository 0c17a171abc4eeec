package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"parkportal/store"
)

// A second park: added, listed, and from then on every command that
// writes or reads records names its park; both parks may hold the same
// interchange ids.
func TestParkCommands(t *testing.T) {
	db := filepath.Join(t.TempDir(), "portal.db")
	doc := writeFile(t, "park.json", smallPark)
	if code, _, errOut := runCLI(t, db, "", "import", doc); code != 0 {
		t.Fatalf("import into the one park: exit %d\n%s", code, errOut)
	}
	code, out, errOut := runCLI(t, db, "", "park", "add", "--id", "tianyuan", "--name", "天元园区", "--host", "ty.example.cn")
	if code != 0 || !strings.Contains(out, "tianyuan") {
		t.Fatalf("park add: exit %d\n%s%s", code, out, errOut)
	}
	if code, _, errOut := runCLI(t, db, "", "park", "add", "--id", "tianyuan", "--name", "又一个"); code != 1 || !strings.Contains(errOut, "已有园区使用标识") {
		t.Errorf("park add twice: exit %d\n%s", code, errOut)
	}
	if code, _, errOut := runCLI(t, db, "", "park", "add", "--id", "Tian Yuan", "--name", "x"); code != 1 || !strings.Contains(errOut, "园区标识须以小写字母开头") {
		t.Errorf("park add with a bad id: exit %d\n%s", code, errOut)
	}
	code, out, _ = runCLI(t, db, "", "park", "list")
	if code != 0 || !strings.Contains(out, "park      测试园区") || !strings.Contains(out, "tianyuan  天元园区") || !strings.Contains(out, "ty.example.cn") {
		t.Errorf("park list: exit %d\n%s", code, out)
	}
	for _, args := range [][]string{{"import", doc}, {"export"}} {
		if code, _, errOut := runCLI(t, db, "", args...); code != 2 || !strings.Contains(errOut, "请用 --park 指明") {
			t.Errorf("%v without --park: exit %d\n%s", args, code, errOut)
		}
	}
	if code, _, errOut := runCLI(t, db, "", "import", doc, "--park", "nowhere"); code != 1 || !strings.Contains(errOut, "没有标识为 \"nowhere\" 的园区") {
		t.Errorf("import into an unknown park: exit %d\n%s", code, errOut)
	}
	if code, _, errOut := runCLI(t, db, "", "import", doc, "--park", "tianyuan"); code != 0 {
		t.Fatalf("import into the second park: exit %d\n%s", code, errOut)
	}
	_, first, _ := runCLI(t, db, "", "export", "--park", "park")
	_, second, _ := runCLI(t, db, "", "export", "--park", "tianyuan")
	if !strings.Contains(first, `"e1"`) || first != second {
		t.Errorf("the parks' exports differ:\n%s\n%s", first, second)
	}

	// The district's report: the parks' figures added up, then each park's.
	code, out, errOut = runCLI(t, db, "", "report", "--year", "2023")
	var district struct {
		District struct {
			Uplift struct {
				MembersDeveloped int `json:"members_developed"`
			} `json:"uplift"`
		} `json:"district"`
		Parks []struct {
			Park string `json:"park"`
		} `json:"parks"`
	}
	if err := json.Unmarshal([]byte(out), &district); code != 0 || err != nil || len(district.Parks) != 2 ||
		district.Parks[1].Park != "tianyuan" || district.District.Uplift.MembersDeveloped != 2 {
		t.Errorf("report of the district: exit %d, %v\n%s%s", code, err, out, errOut)
	}
	code, out, _ = runCLI(t, db, "", "report", "--year", "2023", "--park", "tianyuan", "--format", "text")
	if code != 0 || !strings.Contains(out, "2023") || strings.Contains(out, "全区合计") {
		t.Errorf("report of one park: exit %d\n%s", code, out)
	}
	if code, out, _ := runCLI(t, db, "", "report", "--year", "2023", "--format", "text"); code != 0 || !strings.Contains(out, "【全区合计（2 个园区）】") || !strings.Contains(out, "（tianyuan）】") {
		t.Errorf("the district's report as text: exit %d\n%s", code, out)
	}

	if code, _, errOut := runCLI(t, db, "pass-word-12\n", "user", "add", "--username", "s2", "--role", "secretary", "--organization", "o1", "--password-stdin"); code != 2 || !strings.Contains(errOut, "请用 --park 指明") {
		t.Errorf("a secretary without --park: exit %d\n%s", code, errOut)
	}
	if code, _, errOut := runCLI(t, db, "pass-word-12\n", "user", "add", "--username", "s2", "--role", "secretary", "--park", "tianyuan", "--organization", "o1", "--password-stdin"); code != 0 {
		t.Errorf("a secretary of the second park: exit %d\n%s", code, errOut)
	}
	if code, _, errOut := runCLI(t, db, "pass-word-12\n", "user", "add", "--username", "d1", "--role", "district", "--park", "tianyuan", "--password-stdin"); code != 2 || !strings.Contains(errOut, "--park is for staff and secretaries") {
		t.Errorf("a district account with --park: exit %d\n%s", code, errOut)
	}
	if code, out, errOut := runCLI(t, db, "pass-word-12\n", "user", "add", "--username", "d1", "--role", "district", "--password-stdin"); code != 0 || !strings.Contains(out, "(district)") {
		t.Errorf("a district account: exit %d\n%s%s", code, out, errOut)
	}

	// park set changes what it is given; the park's records stay its own.
	code, out, errOut = runCLI(t, db, "", "park", "set", "--id", "park", "--new-id", "zhuzhou", "--footer", `主办：园区党工委\n电话：0731-1`)
	if code != 0 || !strings.Contains(out, "/parks/zhuzhou/") {
		t.Fatalf("park set: exit %d\n%s%s", code, out, errOut)
	}
	if code, _, errOut := runCLI(t, db, "", "park", "set", "--id", "zhuzhou", "--host", "ty.example.cn"); code != 1 || !strings.Contains(errOut, "已有园区使用标识") {
		t.Errorf("park set to another park's host: exit %d\n%s", code, errOut)
	}
	if code, _, errOut := runCLI(t, db, "", "park", "set", "--id", "park", "--name", "x"); code != 1 || !strings.Contains(errOut, "没有标识为 \"park\" 的园区") {
		t.Errorf("park set of an id no longer there: exit %d\n%s", code, errOut)
	}
	if code, _, _ := runCLI(t, db, "", "park", "set", "--id", "zhuzhou"); code != 2 {
		t.Errorf("park set without a change: exit %d", code)
	}
	code, out, _ = runCLI(t, db, "", "park", "list")
	if code != 0 || !strings.Contains(out, "zhuzhou   测试园区") {
		t.Errorf("park list after park set: exit %d\n%s", code, out)
	}
	if _, again, _ := runCLI(t, db, "", "export", "--park", "zhuzhou"); again != first {
		t.Errorf("the renamed park's records changed:\n%s", again)
	}
	s, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if p, err := s.ParkBySlug(context.Background(), "zhuzhou"); err != nil || p.Footer != "主办：园区党工委\n电话：0731-1" {
		t.Errorf("the footer kept: %+v %v", p, err)
	}
}

// serve --demo on an empty database sets up the demonstration district:
// the article's park and two synthetic parks of their own names and
// figures, with an account for the admin, the district, each park's staff
// and a secretary, printed once.
func TestDemoIsADistrictOfThreeParks(t *testing.T) {
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "portal.db")
	s, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var out bytes.Buffer
	env := &cliEnv{dbPath: db, stdout: &out, stderr: io.Discard, now: time.Now}
	if err := setUpDemo(ctx, env, s); err != nil {
		t.Fatal(err)
	}
	parks, err := s.Parks(ctx)
	if err != nil || len(parks) != 3 {
		t.Fatalf("parks %+v, %v", parks, err)
	}
	for _, want := range []string{"admin ", "district ", "staff ", "staff-liling ", "staff-youxian ", "secretary "} {
		if !strings.Contains(out.String(), "  "+want) {
			t.Errorf("the demo accounts lack %q:\n%s", want, out.String())
		}
	}
	seen := map[string]bool{}
	for i, p := range parks {
		if want := []string{"tianyuan", "liling", "youxian"}[i]; p.Slug != want || p.Footer == "" {
			t.Errorf("park %d is %q with footer %q, want %s with one", p.ID, p.Slug, p.Footer, want)
		}
		r, err := s.Report(store.WithPark(ctx, p.ID), 2023)
		if err != nil {
			t.Fatal(err)
		}
		key := fmt.Sprint(r.Incubation.EnterprisesSurveyed, r.Uplift.MembersDeveloped, r.Activities)
		if r.Incubation.EnterprisesSurveyed == 0 || seen[key] {
			t.Errorf("park %s's 2023 figures are empty or another park's: %s", p.Slug, key)
		}
		seen[key] = true
	}
	u, err := s.UserByUsername(ctx, "staff-liling")
	if err != nil || u.Park != parks[1].ID {
		t.Errorf("staff-liling works in park %d, %v; want %d", u.Park, err, parks[1].ID)
	}
	// Two of the three have filed their 2023 return.
	returns, err := s.LatestReturns(store.WithPark(ctx, store.District), 2023)
	if err != nil || len(returns) != 2 || returns[0].Park != parks[0].ID || returns[1].Park != parks[1].ID {
		t.Errorf("the demonstration's 2023 returns: %+v, %v", returns, err)
	}
}
