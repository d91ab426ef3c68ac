package export

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/graphapi"
	"github.com/photodesk/photodesk/graphapi/sandbox"
	"github.com/photodesk/photodesk/graphapi/sandbox/sandboxtest"
)

// The performance model: 100 ms round trips, 20 ms of server time
// per photo, at most 4 photo requests at once per app.
const (
	benchPeople     = 1000
	benchLatency    = 100 * time.Millisecond
	benchServerTime = 20 * time.Millisecond
	benchConcurrent = 4
)

// benchFloor is the least any client can take: the server's photo work
// spread over the four slots it allows.
var benchFloor = time.Duration(benchPeople) * benchServerTime / benchConcurrent

// BenchmarkExport1000 exports 1,000 people's photos from the sandbox with
// the engine and with a one-at-a-time loop (what a PowerShell script does),
// and reports each as a multiple of the floor (x-floor).
func BenchmarkExport1000(b *testing.B) {
	tn := sandboxtest.Start(b, sandbox.Options{Users: benchPeople})
	group := tn.Dir.Examples().AllCompany
	newClient := func() *graphapi.Client { return tn.Client(tn.Token, graphapi.WithNetworkProbes()) }
	// Draw every photo once, untimed, so the runs measure the network
	// pattern rather than the sandbox's JPEG encoder.
	if _, err := Run(context.Background(), Options{Client: newClient(), Source: Source{GroupID: group.ID}, Dir: b.TempDir()}); err != nil {
		b.Fatal(err)
	}
	tn.SetFaults(sandbox.Faults{Latency: benchLatency, ServerTime: benchServerTime, MaxPhotoConcurrency: benchConcurrent})
	b.Logf("floor: %d x %s / %d = %s", benchPeople, benchServerTime, benchConcurrent, benchFloor)

	b.Run("engine", func(b *testing.B) {
		benchExport(b, tn.Server, func(ctx context.Context, dir string) (int, error) {
			c := newClient()
			sum, err := Run(ctx, Options{Client: c, Source: Source{GroupID: group.ID}, Dir: dir})
			b.Logf("pacing: %+v", c.Pacing())
			if err != nil {
				return 0, err
			}
			return sum.OK + sum.NoPhoto, nil
		})
	})
	b.Run("one-at-a-time", func(b *testing.B) {
		benchExport(b, tn.Server, func(ctx context.Context, dir string) (int, error) {
			return oneAtATime(ctx, newClient(), group.ID, dir)
		})
	})
}

// benchExport times export runs and reports them against the floor, with
// the photo requests and peak concurrency the sandbox saw.
func benchExport(b *testing.B, srv *sandbox.Server, export func(ctx context.Context, dir string) (int, error)) {
	srv.ResetStats()
	var total time.Duration
	for b.Loop() {
		b.StopTimer()
		dir := b.TempDir()
		b.StartTimer()
		start := time.Now()
		n, err := export(context.Background(), dir)
		total += time.Since(start)
		if err != nil {
			b.Fatal(err)
		}
		if n != benchPeople {
			b.Fatalf("%d people settled, want %d", n, benchPeople)
		}
	}
	st := srv.Stats()
	per := total / time.Duration(b.N)
	b.ReportMetric(per.Seconds()/benchFloor.Seconds(), "x-floor")
	b.ReportMetric(float64(st.Requests[sandbox.KindPhotoBytes])/float64(b.N), "photo-requests/op")
	b.ReportMetric(float64(st.Statuses[429])/float64(b.N), "429s/op")
	b.ReportMetric(float64(st.PeakPhotoConcurrency), "peak-concurrent")
}

// oneAtATime is the baseline: list the members, then download and save each
// photo in turn, one request at a time.
func oneAtATime(ctx context.Context, c *graphapi.Client, groupID, dir string) (int, error) {
	members := c.GroupMembers(groupID, graphapi.ListOptions{Top: pageSize})
	settled := 0
	for m, err := range members.All(ctx) {
		if err != nil {
			return settled, err
		}
		if !m.IsUser() {
			continue
		}
		p := app.PersonFromUser(m.UserInfo)
		ph, err := c.PhotoBytes(ctx, p.Subject, graphapi.SizeLargest)
		switch {
		case graphapi.IsNoPhoto(err):
			settled++
			continue
		case err != nil:
			return settled, err
		}
		img, err := app.DecodeImage(ph.Bytes, 0)
		if err != nil {
			return settled, fmt.Errorf("%s: %w", p, err)
		}
		if err := app.SaveAtomic(filepath.Join(dir, app.PhotoFileName(p, img.Format, img.Width, img.Height)), ph.Bytes, true); err != nil {
			return settled, err
		}
		settled++
	}
	return settled, nil
}
