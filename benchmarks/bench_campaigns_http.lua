-- wrk script for benchmarks/bench_campaigns_http.py: volunteers' phones posting reports.
--
--   wrk -t2 -c32 -d60s -s benchmarks/bench_campaigns_http.lua http://127.0.0.1:8765 -- \
--       <sessions file> <report path> <log dir> <run tag> <repeat every n> [<days>]
--
-- The sessions file has one signed-in volunteer a line: "<sessionid> <csrftoken> <organisation id>".
-- Every request is a new report with a device-made id (unique per run, thread and request),
-- except every n-th, which sends again a report this thread sent a little earlier, with the same
-- volunteer's cookies (the phone that did not hear back). The dates spread over the campaign's
-- 257 days, or over its last <days> days (7: every report in the final week, as on election
-- week, when every report adds to the same weekly tally rows of the nation). Each thread logs what it sent
-- ("S <volunteer> <body>") and what it was answered ("R <status> <id>"), so the Python side can
-- account for every report: resend what was still in flight when wrk stopped, then check the
-- database. Nothing is counted here.
--
-- With BENCH_PEER=1 in the environment it only reports wrk's figures (the ``done`` line): the
-- peer's plain GET then stays wrk's static, pre-built request.

local thread_count = 0
local threads = {}

function setup(thread)
  thread:set("thread_index", thread_count)
  thread_count = thread_count + 1
  table.insert(threads, thread)
end

local volunteers = {}
local path, log, tag, every, first_day
local counter = 0
local recent = {}
local RECENT = 64
local places = { "Stationen", "Centrum", "Torget", "Valdistrikt 12" }
local activities = { "door_knocking", "street_stall", "phone", "meeting" }
local topics = { "skola", "vård", "jobb" }

if os.getenv("BENCH_PEER") ~= "1" then

function init(args)
  for line in io.lines(args[1]) do
    local session, csrf, organisation = line:match("^(%S+) (%S+) (%d+)$")
    if session then
      table.insert(volunteers, {
        headers = {
          ["Content-Type"] = "application/json",
          ["Cookie"] = "sessionid=" .. session .. "; csrftoken=" .. csrf,
          ["X-CSRFToken"] = csrf,
          ["Referer"] = "http://127.0.0.1/",
        },
        organisation = organisation,
      })
    end
  end
  path = args[2]
  log = assert(io.open(args[3] .. "/wrk-" .. thread_index .. ".log", "w"))
  tag = tonumber(args[4])
  every = tonumber(args[5])
  first_day = 257 - (tonumber(args[6] or "257"))
  math.randomseed(tag + thread_index * 7919)
end

local function new_report()
  counter = counter + 1
  local volunteer = math.random(#volunteers)
  -- A version-4-shaped UUID: run tag, thread, request number.
  local id = string.format("%08x-%04x-4000-8000-%012x", tag, thread_index, counter)
  local day = math.random(first_day, 256)
  local year_day = os.time({ year = 2014, month = 1, day = 1, hour = 12 }) + day * 86400
  local body = string.format(
    '{"id": "%s", "organisation": %s, "date": "%s", "place": "%s", "activity": "%s", ' ..
    '"conversations": %d, "topics": ["%s"]}',
    id, volunteers[volunteer].organisation, os.date("!%Y-%m-%d", year_day), places[math.random(#places)],
    activities[math.random(#activities)], math.random(1, 40), topics[math.random(#topics)])
  recent[(counter % RECENT) + 1] = { volunteer, body }
  return volunteer, body
end

local sent = 0

function request()
  sent = sent + 1
  local volunteer, body
  if every > 0 and sent % every == 0 and counter > RECENT then
    -- A repeat of a report sent about half the window ago, by the same volunteer.
    local entry = recent[((counter - RECENT / 2) % RECENT) + 1]
    volunteer, body = entry[1], entry[2]
  else
    volunteer, body = new_report()
  end
  log:write("S ", volunteer, " ", body, "\n")
  return wrk.format("POST", path, volunteers[volunteer].headers, body)
end

function response(status, headers, body)
  local id = body:match('"id":%s*"([%x%-]+)"')
  if id then
    log:write("R ", status, " ", id, "\n")
  else
    log:write("E ", status, " ", (body:gsub("\n", " ")):sub(1, 200), "\n")
  end
end

end

function done(summary, latency, requests)
  io.write(string.format("WRK requests=%d duration_us=%d connect=%d read=%d write=%d status=%d timeout=%d " ..
    "p50_us=%d p95_us=%d p99_us=%d\n",
    summary.requests, summary.duration, summary.errors.connect, summary.errors.read, summary.errors.write,
    summary.errors.status, summary.errors.timeout, latency:percentile(50), latency:percentile(95),
    latency:percentile(99)))
end
