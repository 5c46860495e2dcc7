package transcoder

import (
	"math"
	"slices"
	"strconv"
)

// rendition is a rung sized for one source.
type rendition struct {
	Rung
	Width, Height int
}

// plan sizes the ladder for a source of info's size: rungs whose height
// exceeds the source's short side are dropped (no upscaling); when that
// drops them all, the lowest rung's bitrate is used at the source's size,
// named after its height ("240p"). The result
// is ordered from the highest rendition down.
func plan(rungs []Rung, info probeInfo) []rendition {
	short := min(info.Width, info.Height)
	var out []rendition
	for _, r := range rungs {
		if r.Height <= short {
			out = append(out, sized(r, r.Height, info))
		}
	}
	if len(out) == 0 {
		lowest := slices.MinFunc(rungs, func(a, b Rung) int { return a.Height - b.Height })
		side := max(2, short&^1)
		lowest.Name = strconv.Itoa(side) + "p"
		out = append(out, sized(lowest, side, info))
	}
	slices.SortStableFunc(out, func(a, b rendition) int { return b.Height*b.Width - a.Height*a.Width })
	return out
}

// sized sets the rendition's short side to side pixels, keeping the
// source's aspect ratio, both sides even (H.264 4:2:0).
func sized(r Rung, side int, info probeInfo) rendition {
	srcLong := max(info.Width, info.Height)
	long := min(even(float64(side)*float64(srcLong)/float64(min(info.Width, info.Height))), max(2, srcLong&^1))
	if info.Width >= info.Height {
		return rendition{Rung: r, Width: long, Height: side}
	}
	return rendition{Rung: r, Width: side, Height: long}
}

// even rounds to the nearest even number, at least 2.
func even(x float64) int {
	return max(2, int(math.Round(x/2))*2)
}
