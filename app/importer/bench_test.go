package importer

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/photodesk/photodesk/app/change"
	"github.com/photodesk/photodesk/app/photoedit"
	"github.com/photodesk/photodesk/graphapi"
	"github.com/photodesk/photodesk/graphapi/sandbox"
	"github.com/photodesk/photodesk/graphapi/sandbox/identity"
	"github.com/photodesk/photodesk/graphapi/sandbox/sandboxtest"
)

// The performance model: 100 ms round trips, 20 ms of server time
// a photo request, at most 4 photo requests at once per app.
const (
	benchFiles      = 500
	benchLatency    = 100 * time.Millisecond
	benchServerTime = 20 * time.Millisecond
	benchConcurrent = 4
)

// benchFloor is the least any client can take to upload the files: the
// server's photo work spread over the four slots it allows.
var benchFloor = time.Duration(benchFiles) * benchServerTime / benchConcurrent

// BenchmarkImport500 imports 500 photos (a folder named by UPN, people
// without a photo) into the sandbox with the engine — backup read and
// upload for each, four photo requests in flight — and with a
// one-at-a-time loop that only uploads (what a PowerShell script does, no
// backup), and reports each as a multiple of the floor (x-floor). The
// preview (lookups and photo checks, all in $batch) is timed on its own.
func BenchmarkImport500(b *testing.B) {
	tn := sandboxtest.Start(b, sandbox.Options{Users: 5000})
	dir := b.TempDir()
	n := 0
	for _, u := range tn.Dir.Users() {
		if u.Photo == sandbox.PhotoNone && n < benchFiles {
			n++
			picture(b, dir, u.UserPrincipalName+".jpg", 96, 96)
		}
	}
	if n < benchFiles {
		b.Fatalf("only %d people without a photo", n)
	}
	tok, err := tn.UserToken(identity.DemoUPN, "User.ReadBasic.All", "ProfilePhoto.ReadWrite.All")
	if err != nil {
		b.Fatal(err)
	}
	files, err := Scan(dir)
	if err != nil {
		b.Fatal(err)
	}
	tn.SetFaults(sandbox.Faults{Latency: benchLatency, ServerTime: benchServerTime, MaxPhotoConcurrency: benchConcurrent})
	b.Logf("floor: %d x %s / %d = %s", benchFiles, benchServerTime, benchConcurrent, benchFloor)
	newPlan := func() *Plan {
		p, err := BuildPlan(context.Background(), GraphDirectory{Client: tn.Client(tok)}, dir, files, []Rule{RuleUPN})
		if err != nil {
			b.Fatal(err)
		}
		if p.ToSend() != benchFiles {
			b.Fatalf("%d files to send, want %d", p.ToSend(), benchFiles)
		}
		return p
	}

	b.Run("preview", func(b *testing.B) {
		tn.ResetStats()
		var total time.Duration
		for b.Loop() {
			start := time.Now()
			newPlan()
			total += time.Since(start)
		}
		report(b, tn.Server, total)
	})
	b.Run("engine", func(b *testing.B) {
		tn.ResetStats()
		var total time.Duration
		for b.Loop() {
			b.StopTimer()
			tn.Dir.ResetPhotos()
			p := newPlan()
			c := &change.Changer{Graph: tn.Client(tok), Dir: filepath.Join(b.TempDir(), "backups"), Account: identity.DemoUPN, Tenant: "sandbox"}
			j, err := OpenJournal(filepath.Join(b.TempDir(), "j.jsonl"))
			if err != nil {
				b.Fatal(err)
			}
			defer j.Close()
			tn.ResetStats()
			b.StartTimer()
			start := time.Now()
			sum, err := Run(context.Background(), p, Options{Changer: c, Journal: j, Reader: c.Graph.(PhotoReader)})
			total += time.Since(start)
			if err != nil || sum.Uploaded != benchFiles {
				b.Fatalf("%+v, %v", sum.Progress, err)
			}
		}
		report(b, tn.Server, total)
	})
	b.Run("one-at-a-time", func(b *testing.B) {
		var total time.Duration
		for b.Loop() {
			b.StopTimer()
			tn.Dir.ResetPhotos()
			p := newPlan()
			tn.ResetStats()
			b.StartTimer()
			start := time.Now()
			if err := oneAtATime(context.Background(), tn.Client(tok), p); err != nil {
				b.Fatal(err)
			}
			total += time.Since(start)
		}
		report(b, tn.Server, total)
	})
}

// oneAtATime is the baseline: each file prepared the same way and
// uploaded in turn, one request at a time, without a backup.
func oneAtATime(ctx context.Context, c *graphapi.Client, p *Plan) error {
	for _, it := range p.Items {
		data, err := os.ReadFile(it.File.Path)
		if err != nil {
			return err
		}
		src, err := photoedit.Load(data)
		if err != nil {
			return err
		}
		prepared, err := photoedit.Prepare(src, photoedit.Edit{})
		if err != nil {
			return err
		}
		if err := c.SetPhoto(ctx, it.User.Person().Subject, prepared.Bytes, prepared.ContentType); err != nil {
			return err
		}
	}
	return nil
}

// report adds the time per run against the floor, and what the sandbox
// saw: photo requests, 429s and peak concurrency.
func report(b *testing.B, srv *sandbox.Server, total time.Duration) {
	st := srv.Stats()
	per := total / time.Duration(b.N)
	b.ReportMetric(per.Seconds(), "s/import")
	b.ReportMetric(benchFloor.Seconds(), "s-floor")
	b.ReportMetric(per.Seconds()/benchFloor.Seconds(), "x-floor")
	photo := st.Requests[sandbox.KindPhotoBytes] + st.Requests[sandbox.KindPhotoMeta] + st.Requests[sandbox.KindPhotoWrite]
	b.ReportMetric(float64(photo)/float64(b.N), "photo-requests/op")
	b.ReportMetric(float64(st.Requests[sandbox.KindBatch])/float64(b.N), "batches/op")
	b.ReportMetric(float64(st.Statuses[429])/float64(b.N), "429s/op")
	b.ReportMetric(float64(st.PeakPhotoConcurrency), "peak-concurrent")
}
