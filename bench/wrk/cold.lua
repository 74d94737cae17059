-- Cycles through 20 as-of dates; with volsurf.server.forecast-cache-size=1 every request is a cold forecast.
local dates = {"2025-01-07","2025-01-08","2025-01-10","2025-01-13","2025-01-14","2025-01-15","2025-01-16","2025-01-17","2025-01-21","2025-01-22","2025-01-23","2025-01-24","2025-01-27","2025-01-28","2025-01-29","2025-01-30","2025-01-31","2025-02-03","2025-02-04","2025-02-05"}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", "/api/v1/svi-params/SYN/" .. dates[(i % #dates) + 1])
end
