package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// chromium finds a headless-capable Chromium, or says why there is none.
func chromium() (string, error) {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", fmt.Errorf("no Chromium on PATH (Debian's chromium package)")
}

// pdfPages counts the pages of a PDF: its page objects.
func pdfPages(pdf []byte) int {
	return len(regexp.MustCompile(`/Type\s*/Page[^s]`).FindAll(pdf, -1))
}

// TestHTMLInBrowser opens the HTML review of the sample book in headless
// Chromium at a phone's width and checks what a reader would see: no
// console error, nothing wider than the screen, every chart drawn with a
// size, every section's heading, and a print of one page per section.
// Without Chromium it skips, unless SALESMETRICS_REQUIRE_BROWSER is set
// (as .ci/run sets it), when it fails.
func TestHTMLInBrowser(t *testing.T) {
	bin, err := chromium()
	if err != nil {
		if os.Getenv("SALESMETRICS_REQUIRE_BROWSER") != "" {
			t.Fatal(err)
		}
		t.Skip(err)
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "review.html")
	var out, errs bytes.Buffer
	if code := run([]string{"-html", file, "-by", "team", filepath.Join(sample, "salesforce")}, &out, &errs); code != 0 {
		t.Fatalf("exit %d: %s", code, errs.String())
	}
	raw, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	sections := strings.Count(string(raw), "<section")

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(bin),
		chromedp.UserDataDir(filepath.Join(dir, "profile")),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
	)
	if os.Geteuid() == 0 {
		opts = append(opts, chromedp.NoSandbox)
	}
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, 90*time.Second)
	defer cancel()

	// The console, from before the page is opened: errors and warnings of
	// the page and of the browser's log.
	lctx, stopListening := context.WithCancel(ctx)
	messages := chromedp.Console(lctx)
	var mu sync.Mutex
	var problems []string
	listened := make(chan struct{})
	go func() {
		defer close(listened)
		for m, err := range messages {
			if err != nil {
				return
			}
			if m.IsException() || m.Type == "error" || m.Type == "warning" {
				mu.Lock()
				problems = append(problems, m.String())
				mu.Unlock()
			}
		}
	}()

	if err := chromedp.Do(ctx,
		chromedp.EmulateViewport(390, 844),
		chromedp.Navigate("file://"+file),
		chromedp.WaitReady("body"),
	); err != nil {
		t.Fatal(err)
	}
	eval := func(expr string, dst any) {
		t.Helper()
		raw, err := chromedp.Run(ctx, chromedp.Evaluate[[]byte](expr))
		if err != nil {
			t.Fatalf("%s: %v", expr, err)
		}
		if err := json.Unmarshal(raw, dst); err != nil {
			t.Fatalf("%s: %s: %v", expr, raw, err)
		}
	}
	var scrollWidth, viewWidth int
	var charts []struct{ Width, Height float64 }
	var headings []string
	eval(`document.documentElement.scrollWidth`, &scrollWidth)
	eval(`window.innerWidth`, &viewWidth)
	eval(`Array.from(document.querySelectorAll('figure svg')).map(s => { const r = s.getBoundingClientRect(); return {Width: r.width, Height: r.height}; })`, &charts)
	eval(`Array.from(document.querySelectorAll('h2')).map(h => h.textContent)`, &headings)
	pdf, err := chromedp.Run(ctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4)))
	if err != nil {
		t.Fatal(err)
	}
	stopListening()
	<-listened

	mu.Lock()
	defer mu.Unlock()
	if len(problems) > 0 {
		t.Errorf("the browser reported: %q", problems)
	}
	if viewWidth != 390 || scrollWidth > viewWidth {
		t.Errorf("the page is %d px wide in a %d px screen", scrollWidth, viewWidth)
	}
	if len(charts) != 5 {
		t.Errorf("%d charts drawn, want 5", len(charts))
	}
	for i, c := range charts {
		if c.Width < 100 || c.Height < 50 || c.Width > float64(viewWidth) {
			t.Errorf("chart %d drawn %v × %v px", i, c.Width, c.Height)
		}
	}
	want := []string{"Outcomes", "Funnel", "Attainment", "Next quarter", "Bookings trend", "Activity against results", "By team", "Read"}
	if strings.Join(headings, "|") != strings.Join(want, "|") {
		t.Errorf("headings %q, want %q", headings, want)
	}
	// Printed, each section begins a page and fits on it.
	if n := pdfPages(pdf); n != sections {
		t.Errorf("printed %d pages, want one for each of the %d sections", n, sections)
	}
}

func TestPDFPages(t *testing.T) {
	pdf := []byte("<< /Type /Pages /Count 2 >> << /Type /Page /Parent 1 0 R >> <</Type/Page/Parent 1 0 R>>")
	if n := pdfPages(pdf); n != 2 {
		t.Errorf("pdfPages = %d, want 2 (the /Pages tree node is not a page)", n)
	}
}
