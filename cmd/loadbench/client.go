package main

import (
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"

	vegeta "github.com/tsenart/vegeta/v12/lib"
)

// The client side: signing in, and vegeta's attacks.

// signIn signs in through the real form and returns the Cookie header of
// the session.
func signIn(base, username, password string) (string, error) {
	jar := map[string]string{}
	keep := func(res *http.Response) {
		for _, c := range res.Cookies() {
			jar[c.Name] = c.Value
		}
	}
	header := func() string {
		var parts []string
		for k, v := range jar {
			parts = append(parts, k+"="+v)
		}
		return strings.Join(parts, "; ")
	}
	res, err := http.Get(base + "/login")
	if err != nil {
		return "", err
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	keep(res)
	m := regexp.MustCompile(`name="_csrf" value="([^"]+)"`).FindSubmatch(body)
	if m == nil {
		return "", errors.New("no CSRF token on /login")
	}
	form := "_csrf=" + string(m[1]) + "&username=" + username + "&password=" + password
	req, _ := http.NewRequest(http.MethodPost, base+"/login", strings.NewReader(form))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Cookie", header())
	res, err = http.DefaultTransport.RoundTrip(req)
	if err != nil {
		return "", err
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		return "", fmt.Errorf("sign-in answered %s", res.Status)
	}
	keep(res)
	return header(), nil
}

// newAttacker returns an attacker and a func that closes its connections.
// Close them when the attack ends: vegeta opens fresh ones for each
// attacker, and the ones left open would idle on the server until its idle
// timeout (two minutes), thousands of them by the write benchmark, each a
// goroutine and two buffers that the server's collector scans on every
// cycle; a browser closes its connections, and so does the harness.
func newAttacker(workers, maxWorkers uint64) (*vegeta.Attacker, func()) {
	tr := &http.Transport{
		DialContext:         (&net.Dialer{KeepAlive: 30 * time.Second}).DialContext,
		MaxIdleConnsPerHost: int(maxWorkers),
	}
	a := vegeta.NewAttacker(
		vegeta.Client(&http.Client{Transport: tr}),
		vegeta.Workers(workers),
		vegeta.MaxWorkers(maxWorkers),
		vegeta.KeepAlive(true),
		vegeta.Redirects(vegeta.NoFollow),
		vegeta.Timeout(10*time.Second),
		// Read each body to the end but keep none of it: only the status
		// counts, and keeping bodies made the client's own cost (on the
		// cores it shares with the server) grow with the page's size.
		vegeta.MaxBody(0),
	)
	return a, tr.CloseIdleConnections
}

func attack(target vegeta.Targeter, pacer vegeta.Pacer, d time.Duration, workers, maxWorkers uint64) (*vegeta.Metrics, error) {
	a, closeConns := newAttacker(workers, maxWorkers)
	defer closeConns()
	var m vegeta.Metrics
	for res := range a.Attack(target, pacer, d, "loadbench") {
		m.Add(res)
	}
	m.Close()
	if m.Requests == 0 {
		return nil, errors.New("the attack sent no request")
	}
	return &m, nil
}

// nonSuccess counts the responses outside 2xx, failed requests included
// (vegeta records those with code 0).
func nonSuccess(m *vegeta.Metrics) int {
	n := 0
	for code, count := range m.StatusCodes {
		if c, _ := strconv.Atoi(code); c < 200 || c > 299 {
			n += count
		}
	}
	return n
}

func ms(d time.Duration) string { return fmt.Sprintf("%.2f ms", float64(d)/float64(time.Millisecond)) }
