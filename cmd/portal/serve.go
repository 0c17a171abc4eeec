package main

import (
	"context"
	"errors"
)

func runServe(ctx context.Context, env *cliEnv, args []string) error {
	return errors.New("serve: not yet available")
}
