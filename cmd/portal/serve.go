package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"parkportal/store"
	"parkportal/store/demo"
	"parkportal/views"
	"parkportal/web"
	"parkportal/web/mail"
)

func runServe(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags("serve")
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on")
	demo := fs.Bool("demo", false, "on an empty database, load the demonstration park and create demo accounts")
	memoryLimit := fs.String("memory-limit", "", "the soft memory limit, e.g. 400MiB (else $GOMEMLIMIT, else 400MiB)")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 0 {
		return fmt.Errorf("%w: serve takes no arguments", errUsage)
	}
	logger := slog.New(slog.NewTextHandler(env.stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	limit, from, err := applyMemoryLimit(*memoryLimit, env.getenv)
	if err != nil {
		return err
	}
	logger.Info("memory limit", slog.String("limit", mebibytes(limit)), slog.String("from", from))
	// Mail: with a server configured, notices also fill the outbox, which
	// a sender delivers in the background; without one, neither.
	mailCfg, err := mail.ConfigFromEnv(env.getenv)
	var options []store.Option
	switch {
	case err == nil:
		options = append(options, store.WithOutbox())
	case !errors.Is(err, mail.ErrNotConfigured):
		return err
	}
	s, err := env.open(ctx, options...)
	if err != nil {
		return err
	}
	defer s.Close()
	// Held while serving, so that `portal restore` cannot swap the file
	// underfoot (nor a second portal serve it). PostgreSQL is served by
	// as many portals as its deployment runs.
	if !s.OnServer() {
		release, err := store.HoldForServing(env.dbPath)
		if errors.Is(err, store.ErrInUse) {
			return fmt.Errorf("another portal already serves %s", env.dbPath)
		}
		if err != nil {
			return err
		}
		defer release()
	}
	key, err := sessionKey(env)
	if err != nil {
		return err
	}
	if *demo {
		if err := setUpDemo(ctx, env, s); err != nil {
			return err
		}
	}
	quota, err := photoQuota(env.getenv("PORTAL_PHOTO_QUOTA"))
	if err != nil {
		return err
	}
	srv, err := web.New(web.Config{
		Store:       s,
		Now:         env.now, // the store's clock too
		Logger:      logger,
		SessionKey:  key,
		Secure:      strings.HasPrefix(env.getenv("PORTAL_BASE_URL"), "https://"),
		BehindProxy: env.getenv("PORTAL_BEHIND_PROXY") == "1",
		Site:        siteFromEnv(env.getenv),
		PhotoQuota:  quota,
	})
	if err != nil {
		return err
	}
	if len(options) > 0 {
		sender := mail.NewSender(s, mailCfg, logger)
		s.OnChange(sender.Wake)
		mailCtx, stopMail := context.WithCancel(ctx)
		mailDone := make(chan struct{})
		go func() { sender.Run(mailCtx); close(mailDone) }()
		// The sender stops, and records what it sent, before the store
		// closes.
		defer func() { stopMail(); <-mailDone }()
		logger.Info("mail: notices are sent", slog.String("server", net.JoinHostPort(mailCfg.Host, strconv.Itoa(mailCfg.Port))))
	}
	return srv.ListenAndServe(ctx, *addr, func(a net.Addr) {
		fmt.Fprintf(env.stdout, "门户已启动 / portal listening on http://%s (database %s)\n", a, redacted(env.dbPath))
		fmt.Fprintf(env.stdout, "登录 / sign in at http://%s/login — stop with Ctrl-C\n", a)
	})
}

// siteFromEnv reads the operator's identity for the footer. Everything is
// optional; the filing numbers stay empty until the operator has them.
func siteFromEnv(getenv func(string) string) views.Site {
	or := func(v, def string) string {
		if v == "" {
			return def
		}
		return v
	}
	return views.Site{
		Name:      or(getenv("PORTAL_SITE_NAME"), "园区党建工作平台"),
		ParkName:  or(getenv("PORTAL_PARK_NAME"), "株洲高新区（天元区）"),
		ParkBrand: or(getenv("PORTAL_PARK_BRAND"), "跟党一起创业"),
		Host:      getenv("PORTAL_HOST_ORG"),
		Contact:   getenv("PORTAL_CONTACT"),
		ICP:       getenv("PORTAL_ICP"),
		PublicSec: getenv("PORTAL_PUBLIC_SECURITY"),
		SiteCode:  getenv("PORTAL_SITE_CODE"),
		BaseURL:   strings.TrimRight(getenv("PORTAL_BASE_URL"), "/"),
	}
}

// photoQuota reads $PORTAL_PHOTO_QUOTA, the bytes of photos one
// organisation may keep: a size such as 2GB, 500MB or 800K (binary: 1 GB
// is 1024 MB) or a number of bytes. Unset is 0, the server's default.
func photoQuota(v string) (int64, error) {
	v = strings.ToUpper(strings.TrimSpace(v))
	if v == "" {
		return 0, nil
	}
	bad := fmt.Errorf("PORTAL_PHOTO_QUOTA %q is not a size such as 2GB or 500MB", v)
	unit := int64(1)
	for _, u := range []struct {
		suffix string
		bytes  int64
	}{{"GB", 1 << 30}, {"G", 1 << 30}, {"MB", 1 << 20}, {"M", 1 << 20}, {"KB", 1 << 10}, {"K", 1 << 10}, {"B", 1}} {
		if strings.HasSuffix(v, u.suffix) {
			v, unit = strings.TrimSpace(strings.TrimSuffix(v, u.suffix)), u.bytes
			break
		}
	}
	n, err := strconv.ParseFloat(v, 64)
	bytes := n * float64(unit)
	if err != nil || !(bytes >= 1 && bytes <= 1<<50) { // NaN fails both
		return 0, bad
	}
	return int64(bytes), nil
}

// sessionKey is $PORTAL_SESSION_KEY (hex or base64, at least 32 bytes), else
// a random key generated once and kept beside the database with mode 0600.
func sessionKey(env *cliEnv) ([]byte, error) {
	if v := env.getenv("PORTAL_SESSION_KEY"); v != "" {
		if b, err := hex.DecodeString(v); err == nil && len(b) >= 32 {
			return b, nil
		}
		if b, err := base64.StdEncoding.DecodeString(v); err == nil && len(b) >= 32 {
			return b, nil
		}
		if len(v) >= 32 {
			return []byte(v), nil
		}
		return nil, errors.New("PORTAL_SESSION_KEY must hold at least 32 bytes (64 hex digits)")
	}
	if strings.HasPrefix(env.dbPath, "postgres") {
		return nil, errors.New("on PostgreSQL every portal signs the sessions with one key: set PORTAL_SESSION_KEY (64 hex digits, the same for each portal; openssl rand -hex 32)")
	}
	path := filepath.Join(filepath.Dir(env.dbPath), "session.key")
	if b, err := os.ReadFile(path); err == nil {
		key, derr := hex.DecodeString(strings.TrimSpace(string(b)))
		if derr != nil || len(key) < 32 {
			return nil, fmt.Errorf("session key file %s is malformed; delete it to make a new one (signs everyone out)", path)
		}
		return key, nil
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("unable to read session key %s: %w", path, err)
	}
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, fmt.Errorf("unable to write session key %s: %w", path, err)
	}
	if _, err := f.WriteString(hex.EncodeToString(key) + "\n"); err != nil {
		f.Close()
		return nil, err
	}
	return key, f.Close()
}

// setUpDemo loads the demonstration park into an empty database and, when
// there are no accounts yet, creates one account per role with generated
// passwords, printed once.
func setUpDemo(ctx context.Context, env *cliEnv, s *store.Store) error {
	loaded, err := loadDemo(ctx, env, env.stderr)
	if err != nil {
		return err
	}
	var others []store.ParkInfo
	if loaded {
		fmt.Fprintln(env.stdout, "已载入示范园区数据 / demonstration park loaded")
		if others, err = loadDemoDistrict(ctx, s); err != nil {
			return err
		}
		fmt.Fprintf(env.stdout, "示范区共 %d 个园区 / the demonstration district holds %d parks\n", len(others)+1, len(others)+1)
	}
	n, err := s.CountUsers(ctx)
	if err != nil {
		return err
	}
	if n > 0 {
		fmt.Fprintln(env.stdout, "账号已存在，沿用原有账号 / accounts exist; sign in with the ones created before")
		return nil
	}
	org, orgName, err := demoSecretaryOrganization(ctx, s)
	if err != nil {
		return err
	}
	accounts := []store.NewUser{
		{Username: "admin", DisplayName: "刘洋", Role: store.RoleAdmin},
		{Username: "staff", DisplayName: "周敏", Role: store.RoleStaff},
	}
	if org != "" {
		accounts = append(accounts, store.NewUser{Username: "secretary", DisplayName: "陈建华", Role: store.RoleSecretary, Organization: org})
	}
	if len(others) > 0 {
		accounts = append(accounts, store.NewUser{Username: "district", DisplayName: "黄立新", Role: store.RoleDistrict})
		for i, p := range others {
			accounts = append(accounts, store.NewUser{Username: "staff-" + p.Slug, DisplayName: []string{"谭晓东", "龙静"}[i%2], Role: store.RoleStaff, Park: p.ID})
		}
	}
	fmt.Fprintln(env.stdout, "\n示范账号（密码只显示这一次）/ demo accounts (passwords shown once):")
	for _, a := range accounts {
		a.Password = randomPassword()
		if _, err := s.CreateUser(ctx, commandLine, a); err != nil {
			return err
		}
		fmt.Fprintf(env.stdout, "  %-15s %-9s 密码 password: %s\n", a.Username, a.Role, a.Password)
	}
	if orgName != "" {
		fmt.Fprintf(env.stdout, "  （secretary 账号绑定党组织：%s）\n", orgName)
	}
	fmt.Fprintln(env.stdout)
	return nil
}

// demoDistrict are the demonstration district's parks beside the
// article's: synthetic, each of its own size, name and figures.
var demoDistrict = []struct {
	park        store.ParkInfo
	enterprises int
	seed        int64
}{
	{store.ParkInfo{Slug: "liling", Name: "醴陵陶瓷产业园", Brand: "红色窑火", Footer: "主办：醴陵陶瓷产业园党群工作部（演示数据）"}, 120, 21},
	{store.ParkInfo{Slug: "youxian", Name: "攸县高新区", Brand: "党建引领·攸然向新", Footer: "主办：攸县高新区党群工作部（演示数据）"}, 80, 22},
}

// demoFirstPark is what the demonstration sets of the article's park.
var demoFirstPark = store.ParkChange{Slug: ptr("tianyuan"), Footer: ptr("主办：株洲高新区（天元区）党群工作部（演示数据）")}

func ptr(s string) *string { return &s }

// loadDemoDistrict adds the demonstration district's other parks, each
// with its synthetic records, to a database holding the article's park.
func loadDemoDistrict(ctx context.Context, s *store.Store) ([]store.ParkInfo, error) {
	// The article's park is park 1, named by its import; its id in
	// addresses is the one the park would choose.
	if _, err := s.SetPark(ctx, commandLine, "park", demoFirstPark); err != nil {
		return nil, fmt.Errorf("unable to name the demonstration park: %w", err)
	}
	var out []store.ParkInfo
	for _, d := range demoDistrict {
		p, err := s.AddPark(ctx, commandLine, d.park)
		if err != nil {
			return nil, fmt.Errorf("unable to add the demonstration park %s: %w", d.park.Slug, err)
		}
		var doc bytes.Buffer
		if err := demo.GeneratePark(&doc, d.enterprises, d.seed, store.Park{Name: d.park.Name, Brand: d.park.Brand}, demo.Sizes{}); err != nil {
			return nil, err
		}
		if _, err := s.Import(store.WithPark(ctx, p.ID), &doc, store.ImportOptions{Author: "demo"}); err != nil {
			printProblems(os.Stderr, err)
			return nil, fmt.Errorf("unable to load the demonstration park %s: %w", d.park.Slug, err)
		}
		out = append(out, p)
	}
	// The 2023 annual returns of the article's park and the first other
	// one, filed; the third has not filed, as the district's table says.
	for _, park := range []int64{store.FirstPark, out[0].ID} {
		if _, err := s.FileReturn(store.WithPark(ctx, park), commandLine, demoReturn); err != nil {
			return nil, fmt.Errorf("unable to file a demonstration return: %w", err)
		}
	}
	return out, nil
}

// demoReturn is the demonstration parks' 2023 annual return.
var demoReturn = store.ReturnFiling{Year: 2023, Head: "园区党工委", Preparer: "党建办", Phone: "0731-28888888"}

// demoSecretaryOrganization picks the organisation the demo secretary is
// bound to: the first by name.
func demoSecretaryOrganization(ctx context.Context, s *store.Store) (id, name string, err error) {
	orgs, err := s.OrganizationChoices(ctx)
	if err != nil || len(orgs) == 0 {
		return "", "", err
	}
	return orgs[0].ID, orgs[0].Name, nil
}

// randomPassword returns 16 characters from an unambiguous alphabet.
func randomPassword() string {
	const alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return string(b)
}
