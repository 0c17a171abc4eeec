// Package mailtest is a real SMTP server on 127.0.0.1 for tests (go-smtp),
// as httptest is an HTTP one: it keeps what it receives and can refuse
// the next messages with given answers.
package mailtest

import (
	"io"
	"net"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"
)

// Server is a running test SMTP server.
type Server struct {
	Addr     string // host:port
	mu       sync.Mutex
	received []Message
	refuse   []*smtp.SMTPError
}

// Message is one message the server accepted.
type Message struct {
	From string
	To   []string
	Data []byte // as sent: headers and body
}

// Start serves until the test ends.
func Start(t testing.TB) *Server {
	t.Helper()
	srv := &Server{}
	s := smtp.NewServer(backend{srv})
	s.Domain = "localhost"
	s.ReadTimeout, s.WriteTimeout = 10*time.Second, 10*time.Second
	s.MaxMessageBytes = 1 << 20
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv.Addr = l.Addr().String()
	go s.Serve(l)
	t.Cleanup(func() { s.Close() })
	return srv
}

// Refuse makes the server answer the data of the next messages with
// answers, one each, before it accepts again.
func (srv *Server) Refuse(answers ...*smtp.SMTPError) {
	srv.mu.Lock()
	defer srv.mu.Unlock()
	srv.refuse = append(srv.refuse, answers...)
}

// Messages are the messages accepted so far.
func (srv *Server) Messages() []Message {
	srv.mu.Lock()
	defer srv.mu.Unlock()
	return append([]Message(nil), srv.received...)
}

type backend struct{ srv *Server }

func (b backend) NewSession(*smtp.Conn) (smtp.Session, error) { return &session{srv: b.srv}, nil }

type session struct {
	srv *Server
	msg Message
}

func (s *session) Mail(from string, _ *smtp.MailOptions) error { s.msg.From = from; return nil }
func (s *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	s.msg.To = append(s.msg.To, to)
	return nil
}
func (s *session) Data(r io.Reader) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	s.srv.mu.Lock()
	defer s.srv.mu.Unlock()
	if len(s.srv.refuse) > 0 {
		answer := s.srv.refuse[0]
		s.srv.refuse = s.srv.refuse[1:]
		return answer
	}
	s.msg.Data = data
	s.srv.received = append(s.srv.received, s.msg)
	return nil
}
func (s *session) Reset()        { s.msg = Message{} }
func (s *session) Logout() error { return nil }
