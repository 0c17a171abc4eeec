-- User names are unique regardless of the case of their letters: "ADMIN"
-- and "admin" are one account. (Fails on a database that already holds two
-- such names: rename one first.)
-- +goose Up
CREATE UNIQUE INDEX users_username_nocase ON users (username COLLATE NOCASE);

-- +goose Down
DROP INDEX users_username_nocase;
