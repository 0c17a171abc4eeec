package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"strings"

	"parkportal/store"
)

// commandLine is who the audit log says made a change from the command
// line: no signed-in account makes it.
var commandLine = store.Actor{Username: "命令行"}

func runUser(ctx context.Context, env *cliEnv, args []string) error {
	if len(args) == 0 || args[0] != "add" {
		return fmt.Errorf("%w: the only user command is `user add`", errUsage)
	}
	fs := newFlags("user add")
	username := fs.String("username", "", "user name")
	name := fs.String("name", "", "the display name (姓名) pages show, optional")
	role := fs.String("role", "", "admin, district, staff or secretary")
	park := fs.String("park", "", "the park of a staff member or a secretary (needed when there are several)")
	org := fs.String("organization", "", "a secretary's organisation id")
	email := fs.String("email", "", "the e-mail address notices are also sent to, optional")
	fromStdin := fs.Bool("password-stdin", false, "read the password from standard input")
	pos, err := parseFlags(fs, args[1:])
	if errors.Is(err, errUsage) {
		// The flag package quotes what it could not parse, which may be a
		// password typed in the wrong place: say what is wrong, not what.
		return fmt.Errorf("%w: user add: unknown flag or bad flag value (not repeated here; it may be a password); see portal user add --help", errUsage)
	}
	if err != nil {
		return err
	}
	if len(pos) != 0 {
		// Not echoed: a stray argument may well be the password.
		return fmt.Errorf("%w: user add takes no arguments besides its flags (the password is never given as an argument; use --password-stdin)", errUsage)
	}
	if *username == "" {
		return fmt.Errorf("%w: --username is required", errUsage)
	}
	if !store.Role(*role).Valid() {
		return fmt.Errorf("%w: --role must be admin, district, staff or secretary", errUsage)
	}
	if !*fromStdin {
		return fmt.Errorf("%w: --password-stdin is required (the password is read from standard input)", errUsage)
	}
	line, err := bufio.NewReader(env.stdin).ReadString('\n')
	if err != nil && line == "" {
		return errors.New("no password on standard input")
	}
	password := strings.TrimRight(line, "\r\n")
	s, err := env.open(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	n := store.NewUser{Username: *username, DisplayName: *name, Role: store.Role(*role), Organization: *org, Email: *email, Password: password}
	if n.Role.InPark() {
		var p store.ParkInfo
		if ctx, p, err = parkContext(ctx, s, *park, true); err != nil {
			return err
		}
		n.Park = p.ID
	} else if *park != "" {
		return fmt.Errorf("%w: --park is for staff and secretaries; admin and district accounts work over every park", errUsage)
	}
	u, err := s.CreateUser(ctx, commandLine, n)
	switch {
	case errors.Is(err, store.ErrExists):
		return fmt.Errorf("user %q already exists", *username)
	case errors.Is(err, store.ErrUnknownOrganization):
		return fmt.Errorf("unknown organisation %q: no party organisation has that id (import the records first)", *org)
	case errors.Is(err, store.ErrWeakPassword):
		return errors.New("the password must be at least 10 characters")
	case err != nil:
		return err
	}
	if u.DisplayName != "" {
		fmt.Fprintf(env.stdout, "user %s (%s, %s) created\n", u.Username, u.Role, u.DisplayName)
		return nil
	}
	fmt.Fprintf(env.stdout, "user %s (%s) created\n", u.Username, u.Role)
	return nil
}
