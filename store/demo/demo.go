// Package demo holds the portal's demonstration data: the demonstration park
// (Park), a fictional 株洲高新区（天元区） whose 2023 report reproduces the
// figures of the article the portal is modelled on, and a generator of large
// synthetic parks for benchmarks (Generate). Both are parkportal/v1 documents
// as defined by the interchange specification.
package demo

import (
	_ "embed"
	"slices"
)

//go:generate go run ./gen -o park.json

//go:embed park.json
var parkJSON []byte

// Park returns the demonstration park as a parkportal/v1 JSON document. It
// spans 2022 to 30 November 2026 (park.AsOf), so that a portal running in
// 2026 headlines 2025, a complete year, and shows 2026 to date; its 2023
// figures are the article's. The caller owns the returned slice.
func Park() []byte { return slices.Clone(parkJSON) }
