package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/sergi/go-diff/diffmatchpatch"

	"parkportal/store"
	"parkportal/views"
)

// Staff review: the queue of submitted filings, one filing's versions side
// by side, and the decision (publish, or return with a comment). A decision
// names the version the reviewer saw; the store refuses it when the filing
// changed meanwhile.

func reviewHref(id int64) string { return "/workbench/review/" + strconv.FormatInt(id, 10) }

// overdueAfter is how long a filing may wait before the queue flags it.
const overdueAfter = 7 * 24 * time.Hour

// showReviewQueue is /workbench/review: filters, the filings, a bulk
// publish.
func (s *Server) showReviewQueue(c echo.Context) error {
	return s.renderReviewQueue(c, http.StatusOK, nil)
}

func (s *Server) renderReviewQueue(c echo.Context, status int, errs views.Errors) error {
	ctx := c.Request().Context()
	// The filters as a ledger's query, so that the tags and the pager keep
	// the others, as on every ledger.
	q := parseLedgerQuery(c, "/workbench/review", nil)
	var kinds []store.Choice
	for _, k := range store.FilingKinds {
		kinds = append(kinds, store.Choice{Value: k})
	}
	f := store.ReviewFilter{
		Status: q.choice(c, "status", []store.Choice{{Value: store.FilingReturned}, {Value: store.FilingPublished}}),
		Kind:   q.choice(c, "kind", kinds),
	}
	q.text(c, "organization")
	org, err := s.organizationFilter(ctx, &q, "organization", "党组织")
	if err != nil {
		return err
	}
	f.Organization = org.ID
	if f.Status == "" {
		f.Status = store.FilingSubmitted
	}
	rows, total, err := s.store.ReviewQueue(ctx, f, ledgerPageSize, (q.Page-1)*ledgerPageSize)
	if err != nil {
		return err
	}
	pages, ok := q.pages(total)
	if !ok {
		return echo.ErrNotFound
	}
	now := s.now()
	_, overdue, err := s.store.ReviewCounts(ctx, now.Add(-overdueAfter).UTC().Format(time.RFC3339))
	if err != nil {
		return err
	}
	v := views.ReviewQueue{Status: f.Status, Overdue: overdue, Errors: errs, CSRF: s.csrfToken(c), ClearURL: "/workbench/review",
		Total: total, Pager: pager(q.Page, pages, q.href)}
	v.Notice = reviewNotice(c.QueryParam("done"), c.QueryParam("n"))
	for _, k := range store.FilingKinds {
		v.Kinds = append(v.Kinds, views.Option{Value: k, Label: store.FilingKindLabel(k), Selected: k == f.Kind})
	}
	v.Org = *org.Filter.Picker
	for _, st := range []string{store.FilingSubmitted, store.FilingReturned, store.FilingPublished} {
		if st != store.FilingSubmitted {
			v.Statuses = append(v.Statuses, views.Option{Value: st, Label: store.FilingStatusLabel(st), Selected: st == f.Status})
		}
	}
	v.Tags = q.tags(func(key, value string) string {
		switch key {
		case "status":
			return "状态：" + store.FilingStatusLabel(value)
		case "kind":
			return "类别：" + store.FilingKindLabel(value)
		default:
			return "党组织：" + org.Name
		}
	})
	for _, fl := range rows {
		r := filingRow(fl, reviewHref(fl.ID))
		if fl.Status == store.FilingSubmitted {
			r.Updated = views.DateTime(fl.SubmittedAt)
			if at, err := time.Parse(time.RFC3339, fl.SubmittedAt); err == nil {
				days := int(now.Sub(at) / (24 * time.Hour))
				r.Waiting, r.Overdue = fmt.Sprintf("已等待 %d 天", days), now.Sub(at) > overdueAfter
			}
			if fl.Kind != store.FilingServiceRequest {
				// Bound to the filing's version and to the ledger record's
				// its copy was based on: a record staff changed since is
				// not overwritten from the queue, only from its own page.
				r.Pick = fmt.Sprintf("%d:%d:%d", fl.ID, fl.Version, fl.RecordVersion)
			}
		}
		v.Rows = append(v.Rows, r)
	}
	return s.formPage(c, status, q.title("审核", pages), views.ReviewQueuePage(v))
}

func reviewNotice(done, n string) string {
	switch done {
	case "published":
		if n != "" {
			return "已发布 " + n + " 份报送。"
		}
		return "已发布。"
	case "returned":
		return "已退回，书记会收到通知和修改意见。"
	}
	return ""
}

// bulkPublish publishes the picked filings (each "id:version"), one by
// one through the store, which checks each: a filing changed since the
// queue was shown is left waiting and named.
func (s *Server) bulkPublish(c echo.Context) error {
	ctx := c.Request().Context()
	values, err := c.FormParams()
	if err != nil {
		return echo.NewHTTPError(http.StatusBadRequest, "bulk publish").SetInternal(err)
	}
	picks := values["pick"]
	if len(picks) == 0 {
		return s.renderReviewQueue(c, http.StatusUnprocessableEntity, views.Errors{{Field: "pick-", Message: "请先勾选要发布的报送"}})
	}
	if len(picks) > 200 {
		picks = picks[:200]
	}
	var errs views.Errors
	published := 0
	for _, p := range picks {
		// id:version:record version, as the queue names them.
		parts := strings.Split(p, ":")
		if len(parts) != 3 {
			continue
		}
		idText := parts[0]
		id, err1 := strconv.ParseInt(idText, 10, 64)
		version, err2 := strconv.Atoi(parts[1])
		recordVersion, err3 := strconv.ParseInt(parts[2], 10, 64)
		if err1 != nil || err2 != nil || err3 != nil {
			continue
		}
		_, err := s.store.PublishFiling(ctx, actorOf(c), id, version, recordVersion, nil)
		var refused *store.RecordError
		switch {
		case err == nil:
			published++
		case errors.Is(err, store.ErrFilingChanged), errors.Is(err, store.ErrNotFound):
			errs = append(errs, views.FieldError{Field: "pick-" + idText, Message: fmt.Sprintf("第 %s 号报送已被修改或处理，未发布，请打开查看", idText)})
		case errors.Is(err, store.ErrConflict):
			errs = append(errs, views.FieldError{Field: "pick-" + idText, Message: fmt.Sprintf("第 %s 号报送对应的台账记录在书记修改之后又被改过，未发布；请打开逐项核对后再发布", idText)})
		case errors.As(err, &refused):
			errs = append(errs, views.FieldError{Field: "pick-" + idText, Message: fmt.Sprintf("第 %s 号报送不符合台账规则（%s），未发布", idText, refused.Problems[0].Message)})
		case errors.Is(err, store.ErrServiceCosts):
			errs = append(errs, views.FieldError{Field: "pick-" + idText, Message: fmt.Sprintf("第 %s 号是服务申请，须逐条填写成本后办结", idText)})
		default:
			return err
		}
	}
	if len(errs) > 0 {
		if published > 0 {
			errs = append(views.Errors{{Field: "pick-", Message: fmt.Sprintf("已发布 %d 份；以下未发布：", published)}}, errs...)
		}
		return s.renderReviewQueue(c, http.StatusConflict, errs)
	}
	return c.Redirect(http.StatusSeeOther, "/workbench/review?done=published&n="+strconv.Itoa(published))
}

// reviewFilingOf is the filing of the URL, any organisation's.
func (s *Server) reviewFilingOf(c echo.Context) (store.Filing, error) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return store.Filing{}, echo.ErrNotFound
	}
	f, err := s.store.FilingOf(c.Request().Context(), id, "")
	if errors.Is(err, store.ErrNotFound) {
		return f, echo.ErrNotFound
	}
	return f, err
}

// showReview is one filing for review: the version waiting beside the
// published one (or any two versions, ?a=&b=), field by field.
func (s *Server) showReview(c echo.Context) error {
	f, err := s.reviewFilingOf(c)
	if err != nil {
		return err
	}
	return s.renderReview(c, http.StatusOK, f, nil, reviewInput{})
}

// reviewQueueKey names a review queue page in the page cache: its query and
// the hour, since the queue says how long each filing has waited and which
// are overdue (so a kept page is at most an hour behind the clock, and a
// change to the records renders it again at once).
func (s *Server) reviewQueueKey(c echo.Context) string {
	return queryKey(c) + " " + s.now().UTC().Truncate(time.Hour).Format(time.RFC3339)
}

// reviewInput is what the reviewer typed, kept when a decision is refused.
type reviewInput struct {
	comment, effective, market, actual string
}

func (s *Server) renderReview(c echo.Context, status int, f store.Filing, errs views.Errors, in reviewInput) error {
	ctx := c.Request().Context()
	versions, err := s.store.FilingVersions(ctx, f.ID)
	if err != nil {
		return err
	}
	byVersion := map[int]store.FilingVersion{}
	for _, v := range versions {
		byVersion[v.Version] = v
	}
	ff := filingForms[f.Kind]
	o, err := s.orgChoices(ctx, f.Organization)
	if err != nil {
		return err
	}
	v := views.ReviewView{
		ID: strconv.FormatInt(f.ID, 10), Title: f.Title, Kind: store.FilingKindLabel(f.Kind), Org: f.OrganizationName,
		Status: f.Status, StatusLabel: store.FilingStatusLabel(f.Status), Version: strconv.Itoa(f.Version),
		CanDecide: f.Status == store.FilingSubmitted, Service: f.Kind == store.FilingServiceRequest, ServiceLabel: labelsOf(store.Services),
		Effective: in.effective, MarketCost: in.market, ActualCost: in.actual, Comment: in.comment,
		Versions: versionRows(versions, reviewHref(f.ID)), Errors: errs, CSRF: s.csrfToken(c),
		Notice: reviewNotice(c.QueryParam("done"), ""),
	}
	v.Destination, _ = publishedTo(f.Kind)
	// The return this version answers (or, while returned, the return
	// itself), with its comment, beside whatever is compared.
	returned, wasReturned := byVersion[f.Version-1]
	if f.Status == store.FilingReturned {
		returned, wasReturned = byVersion[f.Version]
	}
	if wasReturned && returned.Decision == store.FilingReturned {
		v.Returned = &views.ReturnNote{Version: strconv.Itoa(returned.Version), By: returned.DecidedByName,
			At: views.DateTime(returned.DecidedAt), Comment: returned.Comment}
	}
	// Which two bodies: ?a=&b= versions; else the latest submission beside
	// the ledger record it changes, as the record is now (so that a
	// correction staff made since is seen, not undone); else beside the
	// version returned before it; else it is new.
	var oldBody, newBody json.RawMessage
	v.OldLabel, v.NewLabel = "已发布版本（无，新报送）", "第 "+v.Version+" 版"
	a, _ := strconv.Atoi(c.QueryParam("a"))
	b, _ := strconv.Atoi(c.QueryParam("b"))
	if va, ok := byVersion[a]; ok && a != b {
		if vb, ok := byVersion[b]; ok {
			oldBody, newBody = va.Body, vb.Body
			v.OldLabel, v.NewLabel = "第 "+strconv.Itoa(a)+" 版", "第 "+strconv.Itoa(b)+" 版"
		}
	}
	var record store.FilingRecord
	if f.RecordKey != 0 {
		record, err = s.store.FilingRecordOf(ctx, f)
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			return err
		}
		v.RecordVersion = strconv.FormatInt(record.Version, 10)
	}
	compareRecord := false
	if newBody == nil {
		newBody = f.Body
		if latest, ok := byVersion[f.Version]; ok {
			newBody = latest.Body
		}
		switch {
		case record.Body != nil:
			oldBody, v.OldLabel, compareRecord = record.Body, "台账现有记录", true
		case v.Returned != nil && returned.Version != f.Version:
			oldBody, v.OldLabel = returned.Body, "退回的第 "+v.Returned.Version+" 版"
		}
	}
	rows, newPhotos, err := diffBodies(ff, o, oldBody, newBody)
	if err != nil {
		return err
	}
	if compareRecord && len(record.Since) > 0 {
		v.LaterChanges = changedBy(record.Since)
		markOverwrites(ff, o, rows, record)
	}
	// Compared with the record, a resubmission after a return also says
	// what the secretary changed in answer to it.
	if compareRecord && v.Returned != nil && returned.Version != f.Version {
		answer, _, err := diffBodies(ff, o, returned.Body, newBody)
		if err != nil {
			return err
		}
		v.ShowAnswer = true
		for _, r := range answer {
			if r.Changed {
				v.SinceReturn = append(v.SinceReturn, views.FieldChange{Label: r.Label, Before: r.Old, After: r.New})
			}
		}
	}
	v.Rows, v.NewPhotos = rows, newPhotos
	return s.formPage(c, status, "审核："+f.Title, views.ReviewPage(v))
}

// markOverwrites marks the rows where publishing would overwrite a change
// made to the ledger record after the version the filing's copy is based
// on: the record moved there since, and the submission says otherwise.
// Where the log does not hold that version, every row the submission
// changes is marked.
func markOverwrites(ff filingForm, o orgChoices, rows []views.DiffRow, record store.FilingRecord) {
	var then []fieldText
	if record.Base != nil {
		v := ff.empty()
		if err := json.Unmarshal(record.Base, v); err == nil {
			then = describe(ff, o, v)
		}
	}
	for i := range rows {
		moved := then == nil || (i < len(then) && then[i].value != rows[i].Old)
		rows[i].Overwrites = moved && rows[i].Changed
	}
}

// diffBodies compares two bodies field by field; a long text changed is
// compared by character (a word diff takes a Chinese sentence as one word).
func diffBodies(ff filingForm, o orgChoices, oldBody, newBody json.RawMessage) ([]views.DiffRow, []views.PhotoRef, error) {
	decode := func(b json.RawMessage) (any, error) {
		v := ff.empty()
		if len(b) == 0 {
			return v, nil
		}
		return v, json.Unmarshal(b, v)
	}
	ov, err := decode(oldBody)
	if err != nil {
		return nil, nil, err
	}
	nv, err := decode(newBody)
	if err != nil {
		return nil, nil, err
	}
	olds, news := describe(ff, o, ov), describe(ff, o, nv)
	rows := make([]views.DiffRow, len(news))
	dmp := diffmatchpatch.New()
	for i, n := range news {
		r := views.DiffRow{Label: n.label, New: n.value}
		if oldBody != nil {
			r.Old = olds[i].value
			r.Changed = r.Old != r.New
		} else {
			r.Old, r.Changed = "—", n.value != ""
		}
		if n.photos != nil && oldBody != nil { // photos compared by photo, not by count
			r.Changed = !slices.Equal(olds[i].photos, n.photos)
			r.New = photoWords(n.logo, olds[i].photos, n.photos)
		}
		if r.Changed && n.long && oldBody != nil && r.Old != "" && r.New != "" {
			diffs := dmp.DiffCleanupSemantic(dmp.DiffMain(r.Old, r.New, false))
			for _, d := range diffs {
				op := "="
				switch d.Type {
				case diffmatchpatch.DiffInsert:
					op = "+"
				case diffmatchpatch.DiffDelete:
					op = "-"
				}
				r.Parts = append(r.Parts, views.DiffPart{Text: d.Text, Op: op})
			}
		}
		rows[i] = r
	}
	var photos []views.PhotoRef
	if ff.photos != nil {
		photos = photoRefs(*ff.photos(nv), photoRef)
	}
	return rows, photos, nil
}

// publishReview publishes the version the reviewer saw.
func (s *Server) publishReview(c echo.Context) error {
	f, err := s.reviewFilingOf(c)
	if err != nil {
		return err
	}
	version, _ := strconv.Atoi(c.FormValue("version"))
	recordVersion, _ := strconv.ParseInt(c.FormValue("record_version"), 10, 64)
	in := reviewInput{effective: c.FormValue("effective"), market: strings.TrimSpace(c.FormValue("market_cost")), actual: strings.TrimSpace(c.FormValue("actual_cost"))}
	var closing *store.ServiceClose
	if f.Kind == store.FilingServiceRequest {
		// The closing is the service's own fields, read as its form reads
		// them.
		values, err := c.FormParams()
		if err != nil {
			return echo.NewHTTPError(http.StatusBadRequest, "review form").SetInternal(err)
		}
		v, unread := readServiceForm(values).record()
		if len(unread) > 0 {
			return s.renderReview(c, http.StatusUnprocessableEntity, f, formErrors(store.Services, unread), in)
		}
		closing = &store.ServiceClose{Effective: v.Effective, MarketCost: v.MarketCost, ActualCost: v.ActualCost}
	}
	_, err = s.store.PublishFiling(c.Request().Context(), actorOf(c), f.ID, version, recordVersion, closing)
	var refused *store.RecordError
	var moved *store.ConflictError
	switch {
	case err == nil:
		return c.Redirect(http.StatusSeeOther, reviewHref(f.ID)+"?done=published")
	case errors.Is(err, store.ErrFilingChanged):
		f, _ = s.reviewFilingOf(c)
		return s.renderReview(c, http.StatusConflict, f, views.Errors{{Field: "publish", Message: "这份报送在您打开后已被修改或处理，未发布。请查看下面的最新版本后再决定。"}}, in)
	case errors.As(err, &moved):
		return s.renderReview(c, http.StatusConflict, f, views.Errors{{Field: "publish",
			Message: "台账记录在您打开此页后已由 " + changedBy(moved.Since) + " 修改，未发布。下面是与台账现有记录的最新对比，请核对后再决定。"}}, in)
	case errors.As(err, &refused):
		return s.renderReview(c, http.StatusUnprocessableEntity, f, formErrors(filingForms[f.Kind].collection, refused.Problems), in)
	}
	return err
}

// returnReview sends the version back with the reviewer's comment.
func (s *Server) returnReview(c echo.Context) error {
	f, err := s.reviewFilingOf(c)
	if err != nil {
		return err
	}
	version, _ := strconv.Atoi(c.FormValue("version"))
	in := reviewInput{comment: strings.TrimSpace(c.FormValue("comment"))}
	err = s.store.ReturnFiling(c.Request().Context(), actorOf(c), f.ID, version, in.comment)
	switch {
	case err == nil:
		return c.Redirect(http.StatusSeeOther, "/workbench/review?done=returned")
	case errors.Is(err, store.ErrCommentRequired):
		return s.renderReview(c, http.StatusUnprocessableEntity, f, views.Errors{{Field: "comment", Message: "修改意见：退回时必须写明要修改什么"}}, in)
	case errors.Is(err, store.ErrFilingChanged):
		f, _ = s.reviewFilingOf(c)
		return s.renderReview(c, http.StatusConflict, f, views.Errors{{Field: "comment", Message: "这份报送在您打开后已被修改或处理，未退回。请查看最新版本后再决定。"}}, in)
	}
	return err
}

// staffOnly is the staff routes' check, which also gives their pages the
// review queue's size for the navigation; it is counted only when a page
// renders its navigation (a cached page is rendered once per revision, and
// every change to the queue moves the revision).
func (s *Server) staffOnly(alsoRoles ...store.Role) echo.MiddlewareFunc {
	check := requireRole(append(slices.Clone(areaRoles["/workbench"]), alsoRoles...)...)
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return check(func(c echo.Context) error {
			r := c.Request()
			ctx := views.WithReviewCount(r.Context(), func() int {
				n, _, err := s.store.ReviewCounts(r.Context(), "")
				if err != nil {
					return 0
				}
				return n
			})
			c.SetRequest(r.WithContext(ctx))
			return next(c)
		})
	}
}
