package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"parkportal/store"
	"parkportal/store/demo"
)

// The records subcommands: import, export, report and demo.

// runImport loads a parkportal/v1 document, all or nothing. Every problem
// goes to standard error, one per line; the counts go to standard output.
func runImport(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags("import")
	replace := fs.Bool("replace", false, "delete every record of the park first, in the same transaction")
	park := fs.String("park", "", "the park the records go to (needed when there are several)")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return fmt.Errorf("%w: import needs exactly one file (- for standard input)", errUsage)
	}
	var in io.Reader = env.stdin
	if pos[0] != "-" {
		f, err := os.Open(pos[0])
		if err != nil {
			return fmt.Errorf("无法打开导入文件：%w", err)
		}
		defer f.Close()
		in = f
	}
	s, err := env.open(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	ctx, _, err = parkContext(ctx, s, *park, true)
	if err != nil {
		return err
	}
	res, err := s.Import(ctx, bufio.NewReaderSize(in, 1<<20), store.ImportOptions{
		Replace:  *replace,
		Author:   "import",
		Progress: env.stderr,
	})
	if err != nil {
		printProblems(env.stderr, err)
		return err
	}
	printImportResult(env.stdout, res)
	return nil
}

// printProblems lists the problems of a refused import, one per line.
func printProblems(w io.Writer, err error) {
	var refused *store.ImportError
	if !errors.As(err, &refused) {
		return
	}
	for _, p := range refused.Problems {
		fmt.Fprintln(w, p.String())
	}
	if refused.Truncated {
		fmt.Fprintf(w, "（问题太多，只列出了前 %d 个；改正后再导入可看到其余问题）\n", len(refused.Problems))
	}
}

// printImportResult writes how many records of each collection were
// imported, and what deserves a look.
func printImportResult(w io.Writer, res store.ImportResult) {
	if res.Replaced {
		fmt.Fprintln(w, "原有记录已全部替换。")
	}
	fmt.Fprintln(w, "已导入：")
	if res.Park {
		fmt.Fprintln(w, "  园区信息（park）")
	}
	for _, c := range store.Collections {
		label := store.CollectionLabel(c) + "（" + string(c) + "）"
		fmt.Fprintf(w, "  %s%s %8d\n", label, strings.Repeat(" ", max(0, 30-displayWidth(label))), res.Counts[c])
	}
	fmt.Fprintf(w, "共 %d 条记录。\n", res.Total)
	if len(res.Ignored) > 0 {
		fields := make([]string, 0, len(res.Ignored))
		for f := range res.Ignored {
			fields = append(fields, f)
		}
		sort.Strings(fields)
		fmt.Fprintln(w, "提示：以下字段不属于 parkportal/v1 格式，已忽略，没有保存：")
		for _, f := range fields {
			fmt.Fprintf(w, "  %s（%d 处）\n", f, res.Ignored[f])
		}
	}
	if len(res.OrphanUsers) > 0 {
		fmt.Fprintln(w, "提示：以下书记账号所属的党组织不在导入的记录中，账号保留，但在补上该组织前看不到本组织的内容：")
		for _, u := range res.OrphanUsers {
			fmt.Fprintf(w, "  %s\n", u)
		}
	}
}

// displayWidth is how many columns s takes in a terminal: Chinese
// characters and full-width punctuation take two.
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		switch {
		case r >= 0x1100 && r <= 0x115F, r >= 0x2E80 && r <= 0xA4CF, r >= 0xAC00 && r <= 0xD7A3,
			r >= 0xF900 && r <= 0xFAFF, r >= 0xFE30 && r <= 0xFE4F, r >= 0xFF00 && r <= 0xFF60, r >= 0xFFE0 && r <= 0xFFE6:
			n += 2
		default:
			n++
		}
	}
	return n
}

// runExport writes every record as one document, to standard output or to
// a file that appears whole or not at all (written beside it, then renamed).
func runExport(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags("export")
	park := fs.String("park", "", "the park whose records are written (needed when there are several)")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 1 {
		return fmt.Errorf("%w: export takes at most one file", errUsage)
	}
	s, err := env.open(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	ctx, _, err = parkContext(ctx, s, *park, true)
	if err != nil {
		return err
	}
	if len(pos) == 0 || pos[0] == "-" {
		return s.Export(ctx, env.stdout)
	}
	if err := exportToFile(ctx, s, pos[0]); err != nil {
		return err
	}
	fmt.Fprintf(env.stderr, "已导出到 %s\n", pos[0])
	return nil
}

// exportToFile writes the export to a temporary file in the destination's
// folder, flushes it to disk and renames it over dest. The file is readable
// by its owner only: it holds members' personal data.
func exportToFile(ctx context.Context, s *store.Store, dest string) error {
	tmp, err := os.CreateTemp(filepath.Dir(dest), "."+filepath.Base(dest)+".*.tmp")
	if err != nil {
		return fmt.Errorf("无法创建导出文件：%w", err)
	}
	done := false
	defer func() {
		if !done {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err := s.Export(ctx, tmp); err != nil {
		return err
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("无法写入导出文件：%w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("无法写入导出文件：%w", err)
	}
	if err := os.Rename(tmp.Name(), dest); err != nil {
		return fmt.Errorf("无法写入导出文件 %s：%w", dest, err)
	}
	done = true
	return nil
}

// runReport prints the annual report of one year, as JSON (the spec's
// object, indented) or as a short Chinese text. A year that has not begun
// on the clock has no report; the year in progress has one, labelled with
// the day its figures run to: in the text's title and, since the JSON is
// the spec's object field for field, in a note on standard error.
func runReport(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags("report")
	year := fs.String("year", "", "the year to report on, such as 2023")
	format := fs.String("format", "json", "json or text")
	park := fs.String("park", "", "the park to report on (needed when there are several)")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 0 {
		return fmt.Errorf("%w: report takes no arguments besides --year, --park and --format", errUsage)
	}
	y, err := strconv.Atoi(*year)
	if err != nil || y < 1000 || y > 9999 {
		return fmt.Errorf("%w: report needs --year with a four-digit year, such as --year 2023", errUsage)
	}
	if *format != "json" && *format != "text" {
		return fmt.Errorf("%w: --format is json or text, not %q", errUsage, *format)
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
	if *park == "" && len(parks) > 1 {
		return printDistrictReport(ctx, env, s, parks, y, *format)
	}
	ctx, _, err = parkContext(ctx, s, *park, true)
	if err != nil {
		return err
	}
	today := s.Today()
	if y > today.Year() {
		return fmt.Errorf("%d年尚未开始，没有年度报告（今天是%d年%d月%d日）", y, today.Year(), today.Month(), today.Day())
	}
	r, err := s.Report(ctx, y)
	if err != nil {
		return err
	}
	through := ""
	if y == today.Year() {
		through = fmt.Sprintf("截至%d月%d日", today.Month(), today.Day())
		fmt.Fprintf(env.stderr, "注意：%d年尚未结束，报告为%s的数据。\n", y, through)
	}
	if *format == "text" {
		text := r.Text()
		if through != "" {
			title, rest, _ := strings.Cut(text, "\n")
			text = title + "（" + through + "）\n" + rest
		}
		_, err := io.WriteString(env.stdout, text)
		return err
	}
	enc := json.NewEncoder(env.stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(r)
}

// runDemo loads the demonstration park into an empty database.
func runDemo(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags("demo")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 0 {
		return fmt.Errorf("%w: demo takes no arguments", errUsage)
	}
	loaded, err := loadDemo(ctx, env, env.stderr)
	if err != nil {
		return err
	}
	if !loaded {
		return fmt.Errorf("数据库 %s 中已有记录，演示园区只能载入空数据库；请用 --db 指定一个新的数据库文件: %w", redacted(env.dbPath), store.ErrNotEmpty)
	}
	fmt.Fprintf(env.stdout, "已载入演示园区（数据库 %s）。\n", redacted(env.dbPath))
	return nil
}

// loadDemo loads the demonstration park into an empty database; serve --demo
// calls it on first start. It reports whether anything was loaded: a
// database that holds records is left as it is.
func loadDemo(ctx context.Context, env *cliEnv, progress io.Writer) (bool, error) {
	s, err := env.open(ctx)
	if err != nil {
		return false, err
	}
	defer s.Close()
	res, err := s.Import(ctx, bytes.NewReader(demo.Park()), store.ImportOptions{Author: "demo"})
	if errors.Is(err, store.ErrNotEmpty) {
		return false, nil
	}
	if err != nil {
		printProblems(progress, err)
		return false, fmt.Errorf("unable to load the demonstration park: %w", err)
	}
	if progress != nil {
		fmt.Fprintf(progress, "演示园区：%d 条记录\n", res.Total)
	}
	return true, nil
}

// printDistrictReport prints the district's report of year y (its parks'
// figures added up, ratios from the summed parts) followed by each park's,
// as JSON ({"year", "district", "parks": [{"park", "name", "report"}]})
// or as text.
func printDistrictReport(ctx context.Context, env *cliEnv, s *store.Store, parks []store.ParkInfo, y int, format string) error {
	today := s.Today()
	if y > today.Year() {
		return fmt.Errorf("%d年尚未开始，没有年度报告（今天是%d年%d月%d日）", y, today.Year(), today.Month(), today.Day())
	}
	district, err := s.Report(store.WithPark(ctx, store.District), y)
	if err != nil {
		return err
	}
	type parkReport struct {
		Park   string       `json:"park"`
		Name   string       `json:"name"`
		Report store.Report `json:"report"`
	}
	out := struct {
		Year     int          `json:"year"`
		District store.Report `json:"district"`
		Parks    []parkReport `json:"parks"`
	}{Year: y, District: district}
	for _, p := range parks {
		r, err := s.Report(store.WithPark(ctx, p.ID), y)
		if err != nil {
			return err
		}
		out.Parks = append(out.Parks, parkReport{Park: p.Slug, Name: p.Name, Report: r})
	}
	if y == today.Year() {
		fmt.Fprintf(env.stderr, "注意：%d年尚未结束，报告为截至%d月%d日的数据。\n", y, today.Month(), today.Day())
	}
	if format == "text" {
		var b strings.Builder
		b.WriteString("【全区合计（" + strconv.Itoa(len(parks)) + " 个园区）】\n" + district.Text())
		for _, p := range out.Parks {
			b.WriteString("\n【" + p.Name + "（" + p.Park + "）】\n" + p.Report.Text())
		}
		_, err := io.WriteString(env.stdout, b.String())
		return err
	}
	enc := json.NewEncoder(env.stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}
