-- wrk script for build/bench.sh: prints one machine-readable line at the end.
--   BENCH requests=N duration_s=S rps=R p50_ms=A p95_ms=B p99_ms=C max_ms=D errors=E non2xx3xx=F
-- wrk counts only status >= 400 as "status" errors; bench.sh checks each URL
-- with curl first, so a redirect to the login page cannot pass for a page.
done = function(summary, latency, requests)
   local seconds = summary.duration / 1e6
   local e = summary.errors
   io.write(string.format(
      "BENCH requests=%d duration_s=%.2f rps=%.1f p50_ms=%.2f p95_ms=%.2f p99_ms=%.2f max_ms=%.2f errors=%d non2xx3xx=%d\n",
      summary.requests, seconds, summary.requests / seconds,
      latency:percentile(50) / 1000, latency:percentile(95) / 1000,
      latency:percentile(99) / 1000, latency.max / 1000,
      e.connect + e.read + e.write + e.timeout, e.status))
end
