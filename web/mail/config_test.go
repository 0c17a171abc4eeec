package mail

import (
	"errors"
	"strings"
	"testing"

	gomail "github.com/wneessen/go-mail"
)

// The mail settings are read from the environment; a password goes only
// over TLS, except to a server on this machine; a setting that cannot be
// read stops the portal with what to write instead, never repeating the
// URL (it may hold a password).
func TestConfigFromEnv(t *testing.T) {
	base := env{EnvFrom: "园区党建平台 <dangjian@example.gov.cn>", EnvBaseURL: "https://dangjian.example.gov.cn/"}
	with := func(k, v string) env {
		e := env{}
		for key, val := range base {
			e[key] = val
		}
		e[k] = v
		return e
	}
	c, err := ConfigFromEnv(with(EnvServer, "smtp://user:s3cret@mail.example.gov.cn").get)
	if err != nil {
		t.Fatal(err)
	}
	if c.Host != "mail.example.gov.cn" || c.Port != 587 || c.Username != "user" || c.Password != "s3cret" || c.BaseURL != "https://dangjian.example.gov.cn" || c.DigestHour != 8 {
		t.Errorf("read %+v", c)
	}
	if c.tlsPolicy() != gomail.TLSMandatory {
		t.Error("a password to a remote server may travel without TLS")
	}
	for _, loop := range []string{"smtp://user:pw@127.0.0.1:2525", "smtp://user:pw@localhost:2525", "smtp://user:pw@[::1]:2525"} {
		if c, err := ConfigFromEnv(with(EnvServer, loop).get); err != nil || c.tlsPolicy() != gomail.TLSOpportunistic {
			t.Errorf("%s: %v, policy %v", loop, err, c.tlsPolicy())
		}
	}
	if c, err := ConfigFromEnv(with(EnvServer, "smtp://mail.example.gov.cn:25").get); err != nil || c.tlsPolicy() != gomail.TLSOpportunistic {
		t.Errorf("no password: %v %v", err, c.tlsPolicy())
	}
	if c, err := ConfigFromEnv(with(EnvServer, "smtps://u:p@mail.example.gov.cn").get); err != nil || !c.ImplicitTLS || c.Port != 465 {
		t.Errorf("smtps: %+v %v", c, err)
	}
	for name, e := range map[string]env{
		"scheme":      with(EnvServer, "http://user:s3cret@mail.example.gov.cn"),
		"port":        with(EnvServer, "smtp://user:s3cret@mail.example.gov.cn:99999"),
		"no sender":   {EnvServer: "smtp://user:s3cret@mail.example.gov.cn", EnvBaseURL: "https://x.example"},
		"no base URL": {EnvServer: "smtp://user:s3cret@mail.example.gov.cn", EnvFrom: "a@example.gov.cn"},
		"hour": func() env {
			e := with(EnvServer, "smtp://user:s3cret@mail.example.gov.cn")
			e[EnvDigest] = "25"
			return e
		}(),
	} {
		_, err := ConfigFromEnv(e.get)
		if err == nil || errors.Is(err, ErrNotConfigured) {
			t.Errorf("%s: %v, want an error", name, err)
		} else if strings.Contains(err.Error(), "s3cret") {
			t.Errorf("%s: the error repeats the password: %v", name, err)
		}
	}
}
