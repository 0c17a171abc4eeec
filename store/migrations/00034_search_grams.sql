-- +goose Up
-- Nothing changes on SQLite: its FTS5 indexes already keep two-character
-- tokens for short terms (00026). PostgreSQL's migration of the same
-- number indexes its searched texts' characters and pairs of characters
-- likewise; the versions stay equal on both engines.
SELECT 1;

-- +goose Down
SELECT 1;
