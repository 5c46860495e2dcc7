package transcoder

import (
	"fmt"
	"testing"
)

var planCases = []struct {
	name          string
	width, height int
	want          string
}{
	{"1080p source", 1920, 1080, "1080p 1920x1080, 720p 1280x720, 480p 854x480, 360p 640x360"},
	{"720p source: no upscaling", 1280, 720, "720p 1280x720, 480p 854x480, 360p 640x360"},
	{"between rungs", 1000, 600, "480p 800x480, 360p 600x360"},
	{"portrait", 1080, 1920, "1080p 1080x1920, 720p 720x1280, 480p 480x854, 360p 360x640"},
	{"below the lowest rung", 320, 180, "180p 320x180"},
	{"odd size", 333, 201, "200p 332x200"},
	{"odd long side", 1281, 720, "720p 1280x720, 480p 854x480, 360p 640x360"},
	{"4:3", 1440, 1080, "1080p 1440x1080, 720p 960x720, 480p 640x480, 360p 480x360"},
}

func TestPlan(t *testing.T) {
	for _, tc := range planCases {
		t.Run(tc.name, func(t *testing.T) {
			got := ""
			for i, r := range plan(DefaultLadder(), probeInfo{Width: tc.width, Height: tc.height}) {
				if i > 0 {
					got += ", "
				}
				got += fmt.Sprintf("%s %dx%d", r.Name, r.Width, r.Height)
				if r.VideoBitrate == 0 {
					t.Errorf("%s has no bitrate", r.Name)
				}
			}
			if got != tc.want {
				t.Fatalf("plan = %s, want %s", got, tc.want)
			}
		})
	}
}
