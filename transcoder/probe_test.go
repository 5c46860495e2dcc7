package transcoder

import (
	"errors"
	"strings"
	"testing"
)

const probeVideo = `{"index":0,"codec_type":"video","codec_name":"h264","width":1920,"height":1080,"avg_frame_rate":"30000/1001","sample_aspect_ratio":"1:1"}`
const probeAudio = `{"index":1,"codec_type":"audio","codec_name":"aac"}`

var probeCases = []struct {
	name, json string
	want       probeInfo
	err        string
}{
	{"video and audio", streams(probeVideo, probeAudio), probeInfo{1920, 1080, 29.97002997002997, 12.5, 0, 1, 12.5}, ""},
	{"video only", streams(probeVideo), probeInfo{1920, 1080, 29.97002997002997, 12.5, 0, -1, 12.5}, ""},
	{"rotated phone video", streams(`{"index":0,"codec_type":"video","codec_name":"h264","width":1920,"height":1080,"r_frame_rate":"30/1","side_data_list":[{"rotation":-90}]}`),
		probeInfo{1080, 1920, 30, 12.5, 0, -1, 12.5}, ""},
	{"anamorphic PAL", streams(`{"index":0,"codec_type":"video","codec_name":"mpeg2video","width":720,"height":576,"sample_aspect_ratio":"16:11","avg_frame_rate":"25/1"}`),
		probeInfo{1047, 576, 25, 12.5, 0, -1, 12.5}, ""},
	{"variable frame rate phone clip: the maximum", streams(`{"index":0,"codec_type":"video","codec_name":"h264","width":1280,"height":720,"r_frame_rate":"30/1","avg_frame_rate":"2020/100"}`),
		probeInfo{1280, 720, 30, 12.5, 0, -1, 12.5}, ""},
	{"timebase as r_frame_rate: the average", streams(`{"index":0,"codec_type":"video","codec_name":"h264","width":1280,"height":720,"r_frame_rate":"90000/1","avg_frame_rate":"24/1"}`),
		probeInfo{1280, 720, 24, 12.5, 0, -1, 12.5}, ""},
	{"video ends before the audio", `{"streams":[{"index":0,"codec_type":"video","codec_name":"h264","width":320,"height":180,"r_frame_rate":"25/1","start_time":"0.000000","duration":"20.000000"},` +
		`{"index":1,"codec_type":"audio","codec_name":"aac","start_time":"0.000000","duration":"20.015601"}],"format":{"start_time":"0.000000","duration":"20.015601"}}`,
		probeInfo{320, 180, 25, 20.015601, 0, 1, 20}, ""},
	{"video starting after the audio", `{"streams":[{"index":0,"codec_type":"video","codec_name":"h264","width":320,"height":180,"r_frame_rate":"25/1","start_time":"1.500000","duration":"10.000000"},` +
		`{"index":1,"codec_type":"audio","codec_name":"aac","start_time":"1.000000","duration":"11.000000"}],"format":{"start_time":"1.000000","duration":"11.000000"}}`,
		probeInfo{320, 180, 25, 11, 0, 1, 10.5}, ""},
	{"Matroska DURATION tag", `{"streams":[{"index":0,"codec_type":"video","codec_name":"vp9","width":640,"height":360,"r_frame_rate":"30/1","start_time":"0.000000","tags":{"DURATION":"00:01:02.500000000"}},` +
		`{"index":1,"codec_type":"audio","codec_name":"opus","start_time":"-0.007000","tags":{"DURATION":"00:01:02.521000000"}}],"format":{"start_time":"-0.007000","duration":"62.521000"}}`,
		probeInfo{640, 360, 30, 62.521, 0, 1, 62.507}, ""},
	{"video duration beyond the file's: the file's", `{"streams":[{"index":0,"codec_type":"video","codec_name":"h264","width":320,"height":180,"r_frame_rate":"25/1","duration":"9999"}],"format":{"duration":"12.500000"}}`,
		probeInfo{320, 180, 25, 12.5, 0, -1, 12.5}, ""},
	{"cover art is not video", streams(probeAudio, `{"index":2,"codec_type":"video","codec_name":"mjpeg","width":500,"height":500,"disposition":{"attached_pic":1}}`), probeInfo{}, "no video stream"},
	{"audio only", streams(probeAudio), probeInfo{}, "no video stream"},
	{"unknown codec", streams(`{"index":0,"codec_type":"video","codec_tag_string":"XVID","width":0,"height":0}`), probeInfo{}, `unsupported video codec "XVID"`},
	{"no duration", `{"streams":[` + probeVideo + `],"format":{}}`, probeInfo{}, "no duration"},
	{"not json", `{"streams":`, probeInfo{}, "ffprobe output"},
}

func streams(s ...string) string {
	return `{"streams":[` + strings.Join(s, ",") + `],"format":{"duration":"12.500000"}}`
}

func TestParseProbe(t *testing.T) {
	for _, tc := range probeCases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := parseProbe([]byte(tc.json))
			if tc.err != "" {
				if !errors.Is(err, ErrBadSource) || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("err = %v, want ErrBadSource with %q", err, tc.err)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("parseProbe = %+v, %v; want %+v", got, err, tc.want)
			}
		})
	}
}

func FuzzParseProbe(f *testing.F) {
	for _, tc := range probeCases {
		f.Add(tc.json)
	}
	f.Fuzz(func(t *testing.T, data string) {
		info, err := parseProbe([]byte(data))
		if err == nil && (info.Width <= 0 || info.Height <= 0 || info.Duration <= 0 || info.VideoIndex < 0 || info.VideoEnd <= 0 || info.VideoEnd > info.Duration+1) {
			t.Fatalf("accepted unusable %+v", info)
		}
	})
}
