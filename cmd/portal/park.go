package main

import (
	"context"
	"errors"
	"fmt"
	"text/tabwriter"

	"parkportal/store"
)

// runPark adds a park to the district or lists them.
func runPark(ctx context.Context, env *cliEnv, args []string) error {
	if len(args) == 0 || args[0] != "add" && args[0] != "list" {
		return fmt.Errorf("%w: the park commands are `park add` and `park list`", errUsage)
	}
	if args[0] == "list" {
		return listParks(ctx, env, args[1:])
	}
	fs := newFlags("park add")
	id := fs.String("id", "", "the park's id in addresses, such as tianyuan")
	name := fs.String("name", "", "the park's name")
	brand := fs.String("brand", "", "its party-building brand, optional")
	host := fs.String("host", "", "the host its public site answers on at /, optional")
	pos, err := parseFlags(fs, args[1:])
	if err != nil {
		return err
	}
	if len(pos) != 0 || *id == "" || *name == "" {
		return fmt.Errorf("%w: park add --id ID --name NAME [--brand B] [--host H]", errUsage)
	}
	s, err := env.open(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	p, err := s.AddPark(ctx, commandLine, store.ParkInfo{Slug: *id, Name: *name, Brand: *brand, Host: *host})
	switch {
	case errors.Is(err, store.ErrExists) && *host != "":
		return fmt.Errorf("已有园区使用标识 %q 或域名 %q（portal park list 列出全部园区）", *id, *host)
	case errors.Is(err, store.ErrExists):
		return fmt.Errorf("已有园区使用标识 %q（portal park list 列出全部园区）", *id)
	case errors.Is(err, store.ErrInvalidPark):
		return err
	case err != nil:
		return err
	}
	fmt.Fprintf(env.stdout, "已新建园区 %s（%s）。导入它的记录：portal import --park %s FILE\n", p.Slug, p.Name, p.Slug)
	return nil
}

func listParks(ctx context.Context, env *cliEnv, args []string) error {
	if len(args) != 0 {
		return fmt.Errorf("%w: park list takes no arguments", errUsage)
	}
	s, err := env.open(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	parks, err := s.Parks(ctx)
	if err != nil {
		return err
	}
	w := tabwriter.NewWriter(env.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "id\tname\tbrand\thost")
	for _, p := range parks {
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", p.Slug, orDash(p.Name), orDash(p.Brand), orDash(p.Host))
	}
	return w.Flush()
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// parkContext scopes ctx to the park named slug. Without one, a portal of
// one park means that park; one of several refuses when the command needs
// a park (an import, an export, a park's account), so that records never
// go to a park nobody named.
func parkContext(ctx context.Context, s *store.Store, slug string, need bool) (context.Context, store.ParkInfo, error) {
	if slug != "" {
		p, err := s.ParkBySlug(ctx, slug)
		if errors.Is(err, store.ErrNotFound) {
			return nil, store.ParkInfo{}, fmt.Errorf("没有标识为 %q 的园区（portal park list 列出全部园区）", slug)
		}
		if err != nil {
			return nil, store.ParkInfo{}, err
		}
		return store.WithPark(ctx, p.ID), p, nil
	}
	parks, err := s.Parks(ctx)
	if err != nil {
		return nil, store.ParkInfo{}, err
	}
	if len(parks) > 1 && need {
		return nil, store.ParkInfo{}, fmt.Errorf("%w: 这个平台有 %d 个园区，请用 --park 指明是哪一个（portal park list 列出园区标识）", errUsage, len(parks))
	}
	return store.WithPark(ctx, parks[0].ID), parks[0], nil
}
