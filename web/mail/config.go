// Package mail sends the portal's notices by e-mail: the outbox that the
// store fills in the transaction of each event (store/outbox.go),
// delivered by a background sender with retries and back-off, through an
// SMTP server named in the environment. Unconfigured, nothing is sent and
// the outbox is not filled.
package mail

import (
	"errors"
	"fmt"
	"net"
	"net/mail"
	"net/url"
	"strconv"
	"strings"

	gomail "github.com/wneessen/go-mail"
)

// Config is where mail goes and what it says it is from.
type Config struct {
	Host     string
	Port     int
	Username string
	Password string
	// ImplicitTLS: smtps://, TLS from the first byte (port 465). Otherwise
	// the sender uses STARTTLS whenever the server offers it, and refuses
	// to send a password without it except to a server on the loopback
	// address.
	ImplicitTLS bool
	From        string // PORTAL_MAIL_FROM
	BaseURL     string // PORTAL_BASE_URL: links in mails are built on it
	DigestHour  int    // PORTAL_DIGEST_HOUR: the daily digest's hour, China time (8 unless set)
}

// The environment variables that configure mail.
const (
	EnvServer  = "PORTAL_SMTP_URL"
	EnvFrom    = "PORTAL_MAIL_FROM"
	EnvBaseURL = "PORTAL_BASE_URL"
	EnvDigest  = "PORTAL_DIGEST_HOUR"
)

// ErrNotConfigured is ConfigFromEnv's answer when no mail server is named.
var ErrNotConfigured = errors.New("mail: no mail server configured (" + EnvServer + ")")

// ConfigFromEnv reads the configuration from getenv (os.Getenv).
// Without PORTAL_SMTP_URL it is ErrNotConfigured; a server without a sender
// address or a base URL for the links is an error, as is a URL it cannot
// read (the error never repeats the URL: it may hold a password).
func ConfigFromEnv(getenv func(string) string) (Config, error) {
	raw := strings.TrimSpace(getenv(EnvServer))
	if raw == "" {
		return Config{}, ErrNotConfigured
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || (u.Scheme != "smtp" && u.Scheme != "smtps") {
		return Config{}, fmt.Errorf("mail: %s must look like smtp://user:password@mail.example.gov.cn:587 (or smtps:// for TLS from the start)", EnvServer)
	}
	c := Config{Host: u.Hostname(), ImplicitTLS: u.Scheme == "smtps", Port: 587}
	if c.ImplicitTLS {
		c.Port = 465
	}
	if p := u.Port(); p != "" {
		if c.Port, err = strconv.Atoi(p); err != nil || c.Port <= 0 || c.Port > 65535 {
			return Config{}, fmt.Errorf("mail: the port in %s is not a port number", EnvServer)
		}
	}
	if u.User != nil {
		c.Username = u.User.Username()
		c.Password, _ = u.User.Password()
	}
	from := strings.TrimSpace(getenv(EnvFrom))
	if a, err := mail.ParseAddress(from); err != nil || a.Address == "" {
		return Config{}, fmt.Errorf("mail: %s must be the sender's address, such as 党建平台 <dangjian@example.gov.cn>", EnvFrom)
	}
	c.From = from
	base := strings.TrimRight(strings.TrimSpace(getenv(EnvBaseURL)), "/")
	if b, err := url.Parse(base); err != nil || (b.Scheme != "https" && b.Scheme != "http") || b.Host == "" {
		return Config{}, fmt.Errorf("mail: %s must be the portal's address as its users reach it, such as https://dangjian.example.gov.cn (the links in mails are built on it)", EnvBaseURL)
	}
	c.BaseURL = base
	c.DigestHour = 8
	if h := strings.TrimSpace(getenv(EnvDigest)); h != "" {
		if c.DigestHour, err = strconv.Atoi(h); err != nil || c.DigestHour < 0 || c.DigestHour > 23 {
			return Config{}, fmt.Errorf("mail: %s must be an hour from 0 to 23 (China time)", EnvDigest)
		}
	}
	return c, nil
}

// tlsPolicy is STARTTLS whenever the server offers it, and required
// before a password travels, except to a server on the loopback address.
func (c Config) tlsPolicy() gomail.TLSPolicy {
	if c.Password != "" && !c.loopback() {
		return gomail.TLSMandatory
	}
	return gomail.TLSOpportunistic
}

// loopback tells whether the server is on this machine's loopback
// address, the one place a password may travel without TLS.
func (c Config) loopback() bool {
	if c.Host == "localhost" {
		return true
	}
	ip := net.ParseIP(c.Host)
	return ip != nil && ip.IsLoopback()
}
