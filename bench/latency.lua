-- wrk script: print the measures of a run as one JSON line (latencies in microseconds).
-- wrk's own --latency table stops at 50/75/90/99; the 95th percentile is asked here.
done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    'BENCH {"requests": %d, "duration_us": %d, "bytes": %d, "p50": %d, "p95": %d, "p99": %d, ' ..
    '"max": %d, "mean": %.1f, "non_2xx": %d, "socket_errors": %d}\n',
    summary.requests, summary.duration, summary.bytes,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max,
    latency.mean, errors.status, errors.connect + errors.read + errors.write + errors.timeout))
end
