package web

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

// 32 clerks save 100 enterprises each through the real handlers while 64
// readers read the ledger and the public site: every acknowledged save is
// in the database, no request gets a 5xx, and no "database is locked"
// reaches anyone.
func TestConcurrentWritersAndReaders(t *testing.T) {
	if testing.Short() {
		t.Skip("short: a concurrency test, 32 writers and 64 readers for about a minute")
	}
	ts := newPublicServer(t)
	const writers, saves, readers = 32, 100, 64
	type clerk struct {
		c     *http.Client
		token string
	}
	clerks := make([]clerk, writers)
	for i := range clerks {
		name := fmt.Sprintf("clerk%02d", i)
		ts.addUser(name, "staff", "")
		c, _ := ts.login(name, name+"-password")
		clerks[i] = clerk{c, ts.csrf(c, "/workbench/enterprises/new")}
	}
	var failures sync.Map
	fail := func(what string) { failures.Store(what, true) }
	var acknowledged sync.Map
	var done atomic.Bool
	var wg, readersWG sync.WaitGroup
	for r := range readers {
		readersWG.Add(1)
		go func() {
			defer readersWG.Done()
			c := ts.client()
			paths := []string{"/", "/reports/2023", "/brands", "/programs/incubation"}
			if r%2 == 0 {
				c = clerks[r%writers].c
				paths = []string{"/workbench/enterprises", "/workbench", "/workbench/enterprises?stage=startup"}
			}
			for n := 0; !done.Load(); n++ {
				res, err := c.Get(ts.HTTP.URL + paths[n%len(paths)])
				if err != nil {
					fail(err.Error())
					return
				}
				b, _ := io.ReadAll(res.Body)
				res.Body.Close()
				if res.StatusCode >= 500 || strings.Contains(string(b), "database is locked") {
					fail(fmt.Sprintf("read %s: %d", paths[n%len(paths)], res.StatusCode))
				}
			}
		}()
	}
	for w, k := range clerks {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range saves {
				id := fmt.Sprintf("ent-c%02d-%03d", w, i)
				res, err := k.c.PostForm(ts.HTTP.URL+"/workbench/enterprises", url.Values{
					"_csrf": {k.token}, "id": {id}, "name": {"并发测试企业" + id}, "stage": {"startup"}, "employees": {"12"}})
				if err != nil {
					fail(err.Error())
					return
				}
				b, _ := io.ReadAll(res.Body)
				res.Body.Close()
				switch {
				case res.StatusCode == http.StatusSeeOther:
					acknowledged.Store(id, true)
				case res.StatusCode >= 500 || strings.Contains(string(b), "database is locked"):
					fail(fmt.Sprintf("save %s: %d", id, res.StatusCode))
				default:
					fail(fmt.Sprintf("save %s refused: %d", id, res.StatusCode))
				}
			}
		}()
	}
	wg.Wait()
	done.Store(true)
	readersWG.Wait()
	failures.Range(func(k, _ any) bool {
		t.Error(k)
		return true
	})
	n := 0
	acknowledged.Range(func(k, _ any) bool {
		n++
		if _, _, err := ts.Store.EnterpriseByID(context.Background(), k.(string)); err != nil {
			t.Errorf("acknowledged %s is missing: %v", k, err)
		}
		return true
	})
	if n != writers*saves {
		t.Errorf("%d saves acknowledged, want %d", n, writers*saves)
	}
}
