-- Random implied-vol lookups on the cached latest forecast, paced like paced.lua when PACE is set.
math.randomseed(7)
local pace = os.getenv("PACE")
request = function()
  local t = 0.02 + math.random() * 1.0
  local k = 350 + math.random() * 300
  return wrk.format("GET", string.format("/api/v1/implied-vol/SYN/2025-02-14?maturity=%.6f&strike=%.4f", t, k))
end
function delay() if pace then return tonumber(pace) end return 0 end
