-- wrk script: three reads of one participant for each unconditional PATCH of another; counts answers by class.
local token = os.getenv("TOKEN")
local reader = os.getenv("READER")
local writer = os.getenv("WRITER")
local n = 0
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  counts = { ok = 0, conflict = 0, c4 = 0, c5 = 0 }
end

function request()
  n = n + 1
  local headers = { ["Authorization"] = "Bearer " .. token }
  if n % 4 == 0 then
    headers["Content-Type"] = "application/merge-patch+json"
    return wrk.format("PATCH", writer, headers, '{"displayName":"Grace ' .. n .. '"}')
  end
  return wrk.format("GET", reader, headers)
end

function response(status, headers, body)
  if status >= 500 then
    counts.c5 = counts.c5 + 1
  elseif status == 409 then
    -- concurrent-modification: other writers of the same participant kept winning, as documented
    counts.conflict = counts.conflict + 1
  elseif status >= 400 then
    counts.c4 = counts.c4 + 1
  else
    counts.ok = counts.ok + 1
  end
end

function done(summary, latency, requests)
  local ok, conflict, c4, c5 = 0, 0, 0, 0
  for _, thread in ipairs(threads) do
    local c = thread:get("counts")
    ok, conflict, c4, c5 = ok + c.ok, conflict + c.conflict, c4 + c.c4, c5 + c.c5
  end
  io.write(string.format("requests: %d, throughput: %.0f/s, p50: %.1f ms, p99: %.1f ms\n",
    summary.requests, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
  io.write(string.format("2xx: %d\n409 (concurrent writers): %d\nother 4xx: %d\n5xx: %d\n", ok, conflict, c4, c5))
end
