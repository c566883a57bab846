-- A mix of functions and sizes for wrk: mostly small calls, some medium, a few large ones, each with
-- its parameters. Counts every status so that the script can report non-2xx answers exactly.

local function values(n, rows)
  local parts = {}
  for i = 1, n do
    parts[i] = string.format("%.6g", ((i * 7919) % 2001 - 1000) / 97)
  end
  if rows == nil then
    return "[" .. table.concat(parts, ",") .. "]"
  end
  local cols = math.floor(n / rows)
  local out = {}
  for r = 1, rows do
    out[r] = "[" .. table.concat(parts, ",", (r - 1) * cols + 1, r * cols) .. "]"
  end
  return "[" .. table.concat(out, ",") .. "]"
end

-- { weight, path, number of values, rows (nil for a vector) }
local mix = {
  { 30, "/activate/relu", 16 },
  { 15, "/activate/sigmoid", 100 },
  { 10, "/activate/gelu?approximate=tanh", 100 },
  { 10, "/activate/softmax?axis=-1", 1000, 10 },
  { 8, "/activate/leaky_relu?negative_slope=0.2", 1000 },
  { 8, "/activate/elu?alpha=0.5", 10000 },
  { 6, "/activate/log_softmax?axis=0", 10000, 100 },
  { 5, "/activate/swish", 10000 },
  { 4, "/activate/selu", 50000 },
  { 2, "/activate/softplus?beta=2", 100000 },
  { 2, "/activate/glu?axis=-1", 100000, 1000 },
}

local requests = {}
counts = {}

-- "wrk ... -s mix.lua -- large" keeps only the calls of 50,000 values or more, which take long enough for
-- many to be in flight at any moment.
function init(args)
  local headers = { ["Content-Type"] = "application/json" }
  local smallest = (args[1] == "large") and 50000 or 0
  for _, m in ipairs(mix) do
    if m[3] < smallest then
      goto continue
    end
    local request = wrk.format("POST", m[2], headers, '{"values": ' .. values(m[3], m[4]) .. '}')
    for _ = 1, m[1] do
      requests[#requests + 1] = request
    end
    ::continue::
  end
  math.randomseed(os.time() + math.floor(os.clock() * 1e6))
end

function request()
  return requests[math.random(#requests)]
end

function response(status, headers, body)
  counts[status] = (counts[status] or 0) + 1
end

local threads = {}

function setup(thread)
  threads[#threads + 1] = thread
end

function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    local c = thread:get("counts")
    for status, n in pairs(c) do
      total[status] = (total[status] or 0) + n
    end
  end
  local line = "statuses:"
  for status, n in pairs(total) do
    line = line .. " " .. status .. "=" .. n
  end
  print(line)
  local e = summary.errors
  print(string.format("socket errors: connect=%d read=%d write=%d status=%d timeout=%d",
    e.connect, e.read, e.write, e.status, e.timeout))
  print(string.format("requests=%d duration_s=%.1f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f",
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1e3, latency:percentile(99) / 1e3,
    latency.max / 1e3))
end
