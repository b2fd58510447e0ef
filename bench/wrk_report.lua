-- Print latency percentiles and throughput as one JSON line at the end of a run.
local body_template = os.getenv("WRK_BODY")
local content_type = os.getenv("WRK_CONTENT_TYPE")

local function uuid()
  local template = "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx"
  return (template:gsub("[xy]", function(c)
    local v = (c == "x") and math.random(0, 0xf) or math.random(8, 0xb)
    return string.format("%x", v)
  end))
end

function setup(thread)
  thread:set("id", tostring(math.random(1, 1e9)))
end

function init(args)
  math.randomseed(os.time() + tonumber(id or 0))
end

request = function()
  if body_template then
    wrk.method = "POST"
    wrk.headers["Content-Type"] = content_type
    wrk.body = body_template:gsub("{uuid}", uuid())
  end
  return wrk.format()
end

done = function(summary, latency, requests)
  io.write(string.format(
    '{"median_ms": %.2f, "p95_ms": %.2f, "rps": %.1f, "requests": %d, "errors": %d, "non_2xx_3xx": %d}\n',
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    summary.requests / (summary.duration / 1e6), summary.requests,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status))
end
