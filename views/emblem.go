package views

import (
	"hash/fnv"
	"unicode"
)

// Emblem is a brand's seal, drawn from its name until brands can upload a
// logo: up to four characters of the name in gold on party red, in a square
// or round seal chosen by the name, so that every brand looks its own.
type Emblem struct {
	Name   string   // the brand's name, for the text alternative
	Chars  []string // one to four characters, read left to right, top to bottom
	Round  bool
	Shade  string // CSS class of the red: seal-red, seal-deep, seal-dark
	Corner bool   // a small star in the corner
}

// NewEmblem picks the characters and the look of a brand's seal.
func NewEmblem(name string) Emblem {
	var chars []string
	for _, r := range name {
		if unicode.IsLetter(r) || unicode.IsNumber(r) {
			chars = append(chars, string(r))
		}
	}
	switch {
	case len(chars) >= 4:
		chars = chars[:4]
	case len(chars) == 3:
		chars = chars[:2]
	case len(chars) == 0:
		chars = []string{"党"}
	}
	h := fnv.New32a()
	h.Write([]byte(name))
	sum := h.Sum32()
	shades := []string{"seal-red", "seal-deep", "seal-dark"}
	return Emblem{Name: name, Chars: chars, Round: sum%3 == 0, Shade: shades[(sum/3)%3], Corner: sum%2 == 0}
}

// sealChar is one character placed in the 100×100 seal.
type sealChar struct {
	X, Y, Size string
	Char       string
}

func (e Emblem) placed() []sealChar {
	switch len(e.Chars) {
	case 1:
		return []sealChar{{"50", "66", "46", e.Chars[0]}}
	case 2:
		if e.Round {
			return []sealChar{{"50", "47", "30", e.Chars[0]}, {"50", "79", "30", e.Chars[1]}}
		}
		return []sealChar{{"31", "62", "32", e.Chars[0]}, {"69", "62", "32", e.Chars[1]}}
	default:
		if e.Round {
			return []sealChar{
				{"36", "49", "24", e.Chars[0]}, {"64", "49", "24", e.Chars[1]},
				{"36", "76", "24", e.Chars[2]}, {"64", "76", "24", e.Chars[3]},
			}
		}
		return []sealChar{
			{"32", "46", "29", e.Chars[0]}, {"68", "46", "29", e.Chars[1]},
			{"32", "81", "29", e.Chars[2]}, {"68", "81", "29", e.Chars[3]},
		}
	}
}
