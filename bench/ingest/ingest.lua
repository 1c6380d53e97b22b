-- wrk script for `npm run bench`: posts the pre-generated envelopes of a templates file
-- (bench/ingest/body-template.ts writes it) with a fresh event id in every request.
--
--   wrk -s ingest.lua URL -- TEMPLATES_FILE RUN_TAG
--
-- RUN_TAG (8 hex digits) starts every id, so that two runs against one server never repeat one.
--
-- Plain bodies get the id spliced between their parts. Gzip bodies carry it in stored deflate
-- blocks between compressed parts; only the gzip trailer's CRC-32 depends on the id, and it is
-- finished from precomputed data (see body-template.ts). `done` prints one line
-- `BENCH-JSON {...}` with the counts and latencies for the caller to parse.

local bit = require("bit")
local band, bxor, bnot, rshift, tobit = bit.band, bit.bxor, bit.bnot, bit.rshift, bit.tobit

local CRC = {}
for n = 0, 255 do
  local c = n
  for _ = 1, 8 do
    if band(c, 1) ~= 0 then
      c = bxor(tobit(0xedb88320), rshift(c, 1))
    else
      c = rshift(c, 1)
    end
  end
  CRC[n] = c
end

local function crc_update(register, text)
  for i = 1, #text do
    register = bxor(CRC[band(bxor(register, text:byte(i)), 0xff)], rshift(register, 8))
  end
  return register
end

local function apply_stretch(register, stretch)
  local out, columns = stretch.constant, stretch.columns
  for i = 1, 32 do
    if band(register, 1) ~= 0 then out = bxor(out, columns[i]) end
    register = rshift(register, 1)
  end
  return out
end

local function le32(n)
  return string.char(band(n, 0xff), band(rshift(n, 8), 0xff), band(rshift(n, 16), 0xff),
    band(rshift(n, 24), 0xff))
end

-- Main state: the threads, for `done` to collect their counts.
local threads = {}

function setup(thread)
  threads[#threads + 1] = thread
  thread:set("thread_index", #threads)
end

-- Thread state.
local pools = { {}, {} }
local every = 0
local prefix = ""
sent = 0
every_sent = 0
statuses = {}

local function load_templates(file_name)
  local file = assert(io.open(file_name, "rb"))
  local data = file:read("*a")
  file:close()
  local pos = 1
  local function line()
    local stop = data:find("\n", pos, true)
    local text = data:sub(pos, stop - 1)
    pos = stop + 1
    return text
  end
  assert(line() == "outpost-bench-templates 1", "not a templates file: " .. file_name)
  local count, n = line():match("^(%d+) (%d+)$")
  every = tonumber(n)
  for _ = 1, tonumber(count) do
    local fields = {}
    for word in line():gmatch("%S+") do fields[#fields + 1] = tonumber(word) end
    local pool, gzip, part_count = fields[1], fields[2] == 1, fields[3]
    local template = { gzip = gzip, parts = {} }
    local k = 4 + part_count
    if gzip then
      template.start = tobit(fields[k])
      template.size = le32(tobit(fields[k + 1]))
      template.stretches = {}
      k = k + 2
      for s = 1, part_count - 1 do
        local stretch = { constant = tobit(fields[k]), columns = {} }
        for c = 1, 32 do stretch.columns[c] = tobit(fields[k + c]) end
        template.stretches[s] = stretch
        k = k + 33
      end
    end
    local length = 32 * (part_count - 1) + (gzip and 8 or 0)
    for i = 1, part_count do
      local size = fields[3 + i]
      template.parts[i] = data:sub(pos, pos + size - 1)
      pos = pos + size
      length = length + size
    end
    -- wrk.format would drop Content-Length without a body: write the head by hand.
    local head = {
      "POST " .. wrk.path .. " HTTP/1.1",
      "Host: " .. wrk.headers["Host"],
      "Content-Type: application/x-sentry-envelope",
      "Content-Length: " .. length,
    }
    if gzip then head[#head + 1] = "Content-Encoding: gzip" end
    template.head = table.concat(head, "\r\n") .. "\r\n\r\n"
    table.insert(pools[pool], template)
  end
end

function init(args)
  load_templates(args[1])
  assert(args[2] and args[2]:match("^%x%x%x%x%x%x%x%x$"), "the second argument is the run tag")
  math.randomseed(os.time() * 1000 + thread_index)
  -- Unique per run (its tag), thread (its index) and request (the counter): never a duplicate.
  prefix = string.format("%s%08x%08x", args[2]:lower(), math.random(0, 0x7fffffff), thread_index)
end

function request()
  sent = sent + 1
  local pool = pools[1]
  if every > 0 and sent % every == 0 then
    pool = pools[2]
    every_sent = every_sent + 1
  end
  local template = pool[math.random(#pool)]
  local id = prefix .. string.format("%08x", sent)
  local parts = template.parts
  local out = { template.head, parts[1] }
  for i = 2, #parts do
    out[#out + 1] = id
    out[#out + 1] = parts[i]
  end
  if template.gzip then
    local register = template.start
    for s = 1, #template.stretches do
      register = apply_stretch(crc_update(register, id), template.stretches[s])
    end
    out[#out + 1] = le32(bnot(register))
    out[#out + 1] = template.size
  end
  return table.concat(out)
end

function response(status)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency)
  local total_sent, total_every, by_status = 0, 0, {}
  for _, thread in ipairs(threads) do
    total_sent = total_sent + thread:get("sent")
    total_every = total_every + thread:get("every_sent")
    for status, count in pairs(thread:get("statuses")) do
      by_status[status] = (by_status[status] or 0) + count
    end
  end
  local status_json = {}
  for status, count in pairs(by_status) do
    status_json[#status_json + 1] = string.format('"%d":%d', status, count)
  end
  local percentiles = {}
  for _, p in ipairs({ 50, 90, 99, 99.9 }) do
    percentiles[#percentiles + 1] = string.format('"%s":%d', tostring(p), latency:percentile(p))
  end
  local e = summary.errors
  io.write(string.format(
    'BENCH-JSON {"durationMicros":%d,"responses":%d,"bytesRead":%d,"sent":%d,"everySent":%d,' ..
    '"statuses":{%s},"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},' ..
    '"latencyMicros":{"mean":%d,"max":%d,%s}}\n',
    summary.duration, summary.requests, summary.bytes, total_sent, total_every,
    table.concat(status_json, ","), e.connect, e.read, e.write, e.status, e.timeout,
    latency.mean, latency.max, table.concat(percentiles, ",")))
end
