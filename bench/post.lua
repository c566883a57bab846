-- wrk script of bench/load.sh: POSTs the file $BODY with $CONTENT_TYPE (and $ACCEPT, if set)
-- and prints one machine-readable RESULT line. Non-2xx answers are counted, so a run that
-- measured errors shows it.
local function env(name, default)
  local value = os.getenv(name)
  if value == nil or value == "" then
    return default
  end
  return value
end

local file = assert(io.open(env("BODY", ""), "rb"))
wrk.method = "POST"
wrk.body = file:read("*a")
file:close()
wrk.headers["Content-Type"] = env("CONTENT_TYPE", "application/json")
local accept = env("ACCEPT", "")
if accept ~= "" then
  wrk.headers["Accept"] = accept
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT requests=%d rps=%.1f p50_ms=%.3f p99_ms=%.3f mean_ms=%.3f non2xx=%d errors=%d\n",
    summary.requests, summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    latency.mean / 1000, summary.errors.status, errors))
end
