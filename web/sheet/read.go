package sheet

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// The limits of an upload. A ledger of ten thousand enterprises exported
// by the portal is about 1 MB; these leave room and stop what no clerk's
// ledger needs.
const (
	MaxUploadBytes = 10 << 20  // the file
	MaxRows        = 20_000    // data rows of the first sheet
	MaxColumns     = 64        // columns read of each row
	maxCellBytes   = 64 << 10  // a cell, as the import's longest text
	unzipLimit     = 200 << 20 // all parts of the workbook, unzipped
	unzipXMLLimit  = 100 << 20 // one part, unzipped
	childTimeout   = 30 * time.Second
	childOutput    = 64 << 20 // what the child may write back
	childProcs     = 2        // the child's GOMAXPROCS
)

// The child's memory. A sheet as large as the limits let through (20,000
// rows of 64 columns of text, far past any ledger) peaks at about 320 MB
// resident. The soft limit makes the garbage collector keep the heap near
// it; the hard cap ends a child whose live data goes past it (a small
// file that expands hugely) at about 600 MB resident, so that two readers
// together stay under 1.5 GB. The cap is on address space, which a Go
// program reserves far more of than it uses (about 1.6 GB before it reads
// anything), so it is set this much above what the child has reserved
// when it starts (limits_unix.go).
const (
	childMemory       = 384 << 20 // the soft limit (debug.SetMemoryLimit)
	childAddressSpace = 640 << 20 // the hard cap, above the address space at start
)

// ChildEnv marks the portal's own binary started as a sheet reader: a
// program that sees it set calls ChildMain and nothing else.
const ChildEnv = "PORTAL_SHEET_CHILD"

// ErrUnreadable is a file the reader could not read as a workbook, or that
// broke a limit; its message says which, in Chinese.
type ErrUnreadable struct{ Reason string }

func (e *ErrUnreadable) Error() string { return e.Reason }

// result is what the child writes back.
type result struct {
	Rows    [][]string `json:"rows,omitempty"`
	Problem string     `json:"problem,omitempty"`
}

// ChildMain is the child's whole life: read a workbook from stdin, write
// its first sheet's cells (raw values: dates as serial numbers) as JSON to
// stdout, and exit. A panic or runaway ends only this process.
func ChildMain() {
	// Few threads: each new thread's stack takes address space past what
	// setLimits measures, and a reader needs no more than two.
	runtime.GOMAXPROCS(min(childProcs, runtime.GOMAXPROCS(0)))
	debug.SetMemoryLimit(childMemory)
	setLimits()
	rows, err := readWorkbook(io.LimitReader(os.Stdin, MaxUploadBytes+1))
	res := result{Rows: rows}
	var unreadable *ErrUnreadable
	if errors.As(err, &unreadable) {
		res = result{Problem: unreadable.Reason}
	} else if err != nil {
		res = result{Problem: "文件无法作为 Excel 工作簿读取，请确认它是 .xlsx 文件"}
	}
	if err := json.NewEncoder(os.Stdout).Encode(res); err != nil {
		os.Exit(2)
	}
	os.Exit(0)
}

func readWorkbook(r io.Reader) ([][]string, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	if len(data) > MaxUploadBytes {
		return nil, &ErrUnreadable{fmt.Sprintf("文件超过 %d MB", MaxUploadBytes>>20)}
	}
	book, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: unzipLimit, UnzipXMLSizeLimit: unzipXMLLimit})
	if err != nil {
		return nil, err
	}
	defer book.Close()
	sheets := book.GetSheetList()
	if len(sheets) == 0 {
		return nil, &ErrUnreadable{"工作簿里没有工作表"}
	}
	it, err := book.Rows(sheets[0])
	if err != nil {
		return nil, err
	}
	defer it.Close()
	var out [][]string
	for it.Next() {
		if len(out) > MaxRows { // the header row and MaxRows data rows
			return nil, &ErrUnreadable{fmt.Sprintf("第一个工作表超过 %d 行；请分成几个文件导入", MaxRows)}
		}
		cols, err := it.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, err
		}
		if len(cols) > MaxColumns {
			// A copy: the row's cells up to its last column (16,384 for a
			// cell in XFD) would otherwise stay behind the kept 64.
			cols = slices.Clone(cols[:MaxColumns])
		}
		for i, c := range cols {
			if len(c) > maxCellBytes {
				return nil, &ErrUnreadable{fmt.Sprintf("第 %d 行第 %d 列的内容过长（超过 %d KB）", len(out)+1, i+1, maxCellBytes>>10)}
			}
			if !utf8.ValidString(c) || strings.IndexByte(c, 0) >= 0 {
				return nil, &ErrUnreadable{fmt.Sprintf("第 %d 行第 %d 列含有无法识别的字符", len(out)+1, i+1)}
			}
		}
		out = append(out, cols)
	}
	return out, it.Error()
}

// Reader reads uploaded workbooks in child processes of the portal's own
// binary, a few at a time.
type Reader struct {
	exe     string
	env     []string
	slot    chan struct{}
	timeout time.Duration
}

// NewReader is a reader that starts exe (the portal's binary) as its
// child, at most parallel children at once.
func NewReader(exe string, parallel int) *Reader {
	return &Reader{exe: exe, env: []string{ChildEnv + "=1"}, slot: make(chan struct{}, max(1, parallel)), timeout: childTimeout}
}

// limitedBuffer keeps at most limit bytes and says when more came.
type limitedBuffer struct {
	bytes.Buffer
	limit int
	over  bool
}

func (b *limitedBuffer) Write(p []byte) (int, error) {
	if b.Len()+len(p) > b.limit {
		b.over = true
		return 0, errors.New("sheet: the reader wrote too much")
	}
	return b.Buffer.Write(p)
}

// Read returns the cells of data's first sheet, row by row, as raw text.
// A file that is no workbook, breaks a limit, or makes the child crash or
// run too long gives an *ErrUnreadable.
func (r *Reader) Read(ctx context.Context, data []byte) ([][]string, error) {
	if len(data) > MaxUploadBytes {
		return nil, &ErrUnreadable{fmt.Sprintf("文件超过 %d MB", MaxUploadBytes>>20)}
	}
	select {
	case r.slot <- struct{}{}:
		defer func() { <-r.slot }()
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	ctx, cancel := context.WithTimeout(ctx, r.timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, r.exe)
	cmd.Env = r.env
	cmd.Stdin = bytes.NewReader(data)
	out := &limitedBuffer{limit: childOutput}
	cmd.Stdout = out
	cmd.Stderr = io.Discard
	err := cmd.Run()
	switch {
	case ctx.Err() == context.DeadlineExceeded:
		return nil, &ErrUnreadable{"读取文件用时过长，已停止；请确认文件是台账导出的格式"}
	case out.over:
		return nil, &ErrUnreadable{"文件内容过多，无法读取"}
	case err != nil:
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			// A crash, or the memory cap reached by a file that expands
			// hugely: the child's death says no more than that.
			return nil, &ErrUnreadable{"文件无法读取：内容过多或格式异常，读取已停止；请确认它是台账导出的 .xlsx 文件"}
		}
		return nil, fmt.Errorf("sheet: unable to start the reader: %w", err)
	}
	var res result
	if err := json.Unmarshal(out.Bytes(), &res); err != nil {
		return nil, &ErrUnreadable{"文件无法读取；请确认它是 .xlsx 文件"}
	}
	if res.Problem != "" {
		return nil, &ErrUnreadable{res.Problem}
	}
	return res.Rows, nil
}

// DateCell reads a date as a clerk's spreadsheet holds it: YYYY-MM-DD,
// 2023/1/2, 2023.1.2, 2023年1月2日, or an Excel serial date. It gives
// YYYY-MM-DD, or the text itself when it is none of these (for the rules
// to refuse with their message).
func DateCell(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	if n, err := strconv.ParseFloat(s, 64); err == nil && n > 0 && n < 2958466 && !strings.ContainsAny(s, "-/.年") {
		if t, err := excelize.ExcelDateToTime(n, false); err == nil {
			return t.Format("2006-01-02")
		}
	}
	norm := strings.NewReplacer("/", "-", ".", "-", "年", "-", "月", "-", "日", "").Replace(s)
	for _, layout := range []string{"2006-01-02", "2006-1-2"} {
		if t, err := time.Parse(layout, norm); err == nil {
			return t.Format("2006-01-02")
		}
	}
	return s
}
