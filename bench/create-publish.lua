-- wrk: each connection creates a draft, then publishes it, again and again.
-- Two requests per posting; slugs are unique per thread and run.
local counter, pending, thread_id = 0, nil, 0
local key = os.getenv("BENCH_KEY")
local run = os.getenv("BENCH_RUN") or tostring(os.time())

function setup(thread)
  thread_id = thread_id + 1
  thread:set("tid", thread_id)
end

function request()
  local headers = { ["Authorization"] = "Bearer " .. key, ["Content-Type"] = "application/json" }
  if pending then
    local id = pending
    pending = nil
    return wrk.format("POST", "/v1/admin/postings/" .. id .. "/publish", headers, "")
  end
  counter = counter + 1
  local slug = "bench-" .. run .. "-" .. tid .. "-" .. counter
  local body = '{"department":"Engineering","workplaceType":"remote","employmentType":"full_time","countries":["DE","FR"],'
    .. '"language":"en","translation":{"slug":"' .. slug .. '","title":"Benchmark Engineer ' .. counter .. '","summary":"Load test.",'
    .. '"sections":[{"kind":"requirements","heading":"Requirements","items":["Go","PostgreSQL"]}]}}'
  return wrk.format("POST", "/v1/admin/postings", headers, body)
end

function response(status, headers, body)
  if status == 201 then
    pending = string.match(body, '"id":"([^"]+)"')
  end
end
