-- wrk script for `scripts/load-test.sh`: each request takes the next of these /api/search
-- queries (the 24 of examples/bench.rs), so the load is a mix, not one cached answer.
local paths = {
  "/api/search?q=oil+prices",
  "/api/search?q=%22interest+rates%22",
  "/api/search?q=OPEC+production+quota",
  "/api/search?q=trade+deficit+Japan",
  "/api/search?q=Texaco+Pennzoil",
  "/api/search?q=%22Federal+Reserve%22",
  "/api/search?q=dividend",
  "/api/search?q=wheat+exports+Soviet",
  "/api/search?q=%22stock+split%22",
  "/api/search?q=Brazil+debt+moratorium",
  "/api/search?q=%22American+Motors%22+Chrysler",
  "/api/search?q=earnings+per+share",
  "/api/search?q=coffee&from=2000&to=2005",
  "/api/search?q=oil+prices&from=1990&to=1999",
  "/api/search?q=merger+acquisition&from=2010&to=2010",
  "/api/search?q=%22interest+rates%22+Bundesbank&from=1985&to=2000",
  "/api/search?q=sugar&from=2024-06&to=2024-06",
  "/api/search?person=Volcker",
  "/api/search?q=dollar&person=Baker",
  "/api/search?q=trade&person=Reagan",
  "/api/search?q=yen&person=Nakasone",
  "/api/search?q=bank&sort=newest",
  "/api/search?q=gold+mine&sort=newest",
  "/api/search?q=%22crude+oil%22&from=2015&to=2025&sort=newest",
}

local counter = 0

request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end

-- Any answer but 200 is an error of the server under load.
local failures = 0
response = function(status, headers, body)
  if status ~= 200 then
    failures = failures + 1
  end
end

done = function(summary, latency, requests)
  io.write(string.format("requests: %d, non-2xx: %d, socket errors: %d\n",
    summary.requests,
    summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
  io.write(string.format("req/s: %.0f\n", summary.requests / (summary.duration / 1e6)))
  for _, p in ipairs({ 50, 90, 99, 99.9 }) do
    io.write(string.format("p%s: %.2f ms\n", p, latency:percentile(p) / 1000))
  end
end
