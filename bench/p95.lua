-- wrk reporter: prints the latency percentiles the issues ask for.
done = function(summary, latency, requests)
  io.write(string.format("requests %d, errors %d\n", summary.requests, summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
  for _, p in ipairs({50, 90, 95, 99}) do
    io.write(string.format("p%d %.1f ms\n", p, latency:percentile(p) / 1000))
  end
end
