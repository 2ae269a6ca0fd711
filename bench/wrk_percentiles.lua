-- Prints exact latency percentiles (microseconds) after a wrk run: wrk's own --latency table
-- stops at 50/75/90/99, and the goals are stated at p95.
done = function(summary, latency, requests)
  for _, p in ipairs({50, 90, 95, 99}) do
    io.write(string.format("P%d %d\n", p, latency:percentile(p)))
  end
  io.write(string.format("REQUESTS %d\nDURATION_US %d\nERRORS %d\n", summary.requests,
    summary.duration, summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout))
end
