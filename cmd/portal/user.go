package main

import (
	"context"
	"errors"
)

func runUser(ctx context.Context, env *cliEnv, args []string) error {
	return errors.New("user: not yet available")
}
