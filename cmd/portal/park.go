package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strings"
	"text/tabwriter"

	"parkportal/store"
)

// runPark adds a park to the district, changes one or lists them.
func runPark(ctx context.Context, env *cliEnv, args []string) error {
	if len(args) == 0 || args[0] != "add" && args[0] != "set" && args[0] != "list" {
		return fmt.Errorf("%w: the park commands are `park add`, `park set` and `park list`", errUsage)
	}
	if args[0] == "list" {
		return listParks(ctx, env, args[1:])
	}
	fs := newFlags("park " + args[0])
	id := fs.String("id", "", "the park's id in addresses, such as tianyuan")
	newID := fs.String("new-id", "", "park set: its new id")
	name := fs.String("name", "", "the park's name")
	brand := fs.String("brand", "", "its party-building brand, optional")
	host := fs.String("host", "", "the host its public site answers on at /, optional")
	footer := fs.String("footer", "", `its public pages' footer lines, separated by "\n", optional`)
	pos, err := parseFlags(fs, args[1:])
	if err != nil {
		return err
	}
	*footer = strings.ReplaceAll(*footer, `\n`, "\n")
	if args[0] == "set" {
		set := map[string]bool{}
		fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
		if len(pos) != 0 || *id == "" || len(set) < 2 {
			return fmt.Errorf("%w: park set --id ID [--new-id ID] [--name N] [--brand B] [--host H] [--footer F]", errUsage)
		}
		given := func(flagName string, v *string) *string { // nil: not to be changed
			if set[flagName] {
				return v
			}
			return nil
		}
		return changePark(ctx, env, *id, store.ParkChange{Slug: given("new-id", newID), Name: given("name", name),
			Brand: given("brand", brand), Host: given("host", host), Footer: given("footer", footer)})
	}
	if len(pos) != 0 || *id == "" || *name == "" || *newID != "" {
		return fmt.Errorf("%w: park add --id ID --name NAME [--brand B] [--host H] [--footer F]", errUsage)
	}
	s, err := env.open(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	p, err := s.AddPark(ctx, commandLine, store.ParkInfo{Slug: *id, Name: *name, Brand: *brand, Host: *host, Footer: *footer})
	if err != nil {
		return parkProblem(err, *id, *host)
	}
	fmt.Fprintf(env.stdout, "已新建园区 %s（%s）。导入它的记录：portal import --park %s FILE\n", p.Slug, p.Name, p.Slug)
	return nil
}

// changePark changes the park id as change says.
func changePark(ctx context.Context, env *cliEnv, id string, change store.ParkChange) error {
	s, err := env.open(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	p, err := s.SetPark(ctx, commandLine, id, change)
	if errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("没有标识为 %q 的园区（portal park list 列出全部园区）", id)
	}
	if err != nil {
		slug, host := id, ""
		if change.Slug != nil {
			slug = *change.Slug
		}
		if change.Host != nil {
			host = *change.Host
		}
		return parkProblem(err, slug, host)
	}
	fmt.Fprintf(env.stdout, "已修改园区 %s（%s）。\n", p.Slug, p.Name)
	if parks, err := s.Parks(ctx); err == nil && len(parks) == 1 && (change.Name != nil || change.Brand != nil || change.Footer != nil) {
		fmt.Fprintln(env.stdout, "注意：只有一个园区时，网站的名称和品牌仍取自 PORTAL_PARK_NAME、PORTAL_PARK_BRAND（页脚取自 PORTAL_HOST_ORG 等），与从前一样；有多个园区时，各园区网站使用这里的名称、品牌和页脚。")
	}
	if p.Slug != id {
		fmt.Fprintf(env.stdout, "它的公开网站现在位于 /parks/%s/，原地址 /parks/%s/ 不再可用。\n", p.Slug, id)
	}
	return nil
}

// parkProblem says in words why a park could not be added or changed.
func parkProblem(err error, id, host string) error {
	switch {
	case errors.Is(err, store.ErrExists) && host != "":
		return fmt.Errorf("已有园区使用标识 %q 或域名 %q（portal park list 列出全部园区）", id, host)
	case errors.Is(err, store.ErrExists):
		return fmt.Errorf("已有园区使用标识 %q（portal park list 列出全部园区）", id)
	}
	return err
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
