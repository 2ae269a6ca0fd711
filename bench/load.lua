-- A weighted request mix for bench/load_mix.py.
--
-- wrk -t<T> -c<C> -d<S>s -s bench/load_mix.lua <base url> -- <requests file> <run> <T> <accept-encoding|->
--
-- The requests file has one request per line, tab-separated: weight, kind, method, path, body
-- (JSON, may be empty). Each request is picked at random by weight. Method UNCACHED is a GET of
-- path .. "&width=W&height=H" with a (W, H) no earlier request of this run or of another run
-- (a different <run> number) asked for, so every one is a fresh render.
--
-- done() prints exact latency percentiles (microseconds) — wrk's --latency table has no p95 —
-- and the responses by status (summed over threads): 503 apart from other 4xx/5xx, since the
-- image routes answer 503 by design when the renderer is saturated.

local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  run = tonumber(args[2]) or 0
  nthreads = tonumber(args[3]) or 1
  local encoding = args[4]
  entries, total = {}, 0
  for line in io.lines(args[1]) do
    local weight, _, method, path, body = line:match("^([^\t]*)\t([^\t]*)\t([^\t]*)\t([^\t]*)\t?(.*)$")
    if weight then
      local headers = {}
      if encoding and encoding ~= "-" then headers["Accept-Encoding"] = encoding end
      local entry = {path = path, headers = headers}
      if method == "UNCACHED" then
        entry.uncached = true
      elseif body ~= "" then
        headers["Content-Type"] = "application/json"
        entry.raw = wrk.format(method, path, headers, body)
      else
        entry.raw = wrk.format(method, path, headers)
      end
      total = total + tonumber(weight)
      entry.upto = total
      table.insert(entries, entry)
    end
  end
  math.randomseed(1000 * run + id + 1)
  counter, s503, other = 0, 0, 0
end

local function pick()
  local x = math.random() * total
  for _, entry in ipairs(entries) do
    if x < entry.upto then return entry end
  end
  return entries[#entries]
end

function request()
  local entry = pick()
  if entry.uncached then
    local n = counter * nthreads + id
    counter = counter + 1
    local path = entry.path .. "&width=" .. (400 + n % 2000)
      .. "&height=" .. (400 + 20 * run + math.floor(n / 2000))
    return wrk.format("GET", path, entry.headers)
  end
  return entry.raw
end

function response(status, headers, body)
  if status == 503 then
    s503 = s503 + 1
  elseif status >= 400 then
    other = other + 1
  end
end

function done(summary, latency, requests)
  local n503, nother = 0, 0
  for _, thread in ipairs(threads) do
    n503 = n503 + thread:get("s503")
    nother = nother + thread:get("other")
  end
  for _, p in ipairs({50, 95, 99}) do
    io.write(string.format("P%d %d\n", p, latency:percentile(p)))
  end
  local e = summary.errors
  io.write(string.format("REQUESTS %d\nDURATION_US %d\n", summary.requests, summary.duration))
  io.write(string.format("CONNECT %d\nREAD %d\nWRITE %d\nTIMEOUT %d\n", e.connect, e.read,
    e.write, e.timeout))
  io.write(string.format("S503 %d\nSOTHER %d\n", n503, nother))
end
