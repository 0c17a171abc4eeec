package store

import (
	"context"
	"database/sql"
	"fmt"
)

// enterpriseLinks is a link table that holds a record's enterprises in
// their order: the enterprises a staff member serves, those an
// organisation covers (owner is the record's column).
type enterpriseLinks struct{ table, owner string }

var (
	staffEnterprises        = enterpriseLinks{"staff_enterprises", "staff_id"}
	organizationEnterprises = enterpriseLinks{"organization_enterprises", "organization_id"}
)

// resolve is the rowids of the enterprises ids names, in their order,
// adding a problem at enterprises[n] for each that names none.
func (l enterpriseLinks) resolve(ctx context.Context, tx *writeTx, ps *problems, ids []string) ([]int64, error) {
	out := make([]int64, len(ids))
	for i, id := range ids {
		var err error
		if out[i], err = resolveRef(ctx, tx, ps, Enterprises, fmt.Sprintf("enterprises[%d]", i+1), id); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// write makes enterprises, in their order, record key's.
func (l enterpriseLinks) write(ctx context.Context, tx *writeTx, key int64, enterprises []int64) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM `+l.table+` WHERE `+l.owner+` = ?`, key); err != nil {
		return err
	}
	for i, e := range enterprises {
		if _, err := tx.ExecContext(ctx, `INSERT INTO `+l.table+` (`+l.owner+`, enterprise_id, position) VALUES (?, ?, ?)`, key, e, i+1); err != nil {
			return err
		}
	}
	return nil
}

// read appends the interchange ids of record key's enterprises, in their
// order, to ids.
func (l enterpriseLinks) read(ctx context.Context, q querier, key int64, ids []string) ([]string, error) {
	err := eachRow(ctx, q, `SELECT e.source_id FROM `+l.table+` l JOIN enterprises e ON e.id = l.enterprise_id
		WHERE l.`+l.owner+` = ? ORDER BY l.position`, []any{key}, func(rows *sql.Rows) error {
		var e string
		err := rows.Scan(&e)
		ids = append(ids, e)
		return err
	})
	return ids, err
}
