-- Mixed traffic for scripts/soak: v1 clients (translated by the gateway, the sample speaks v2) and v2 clients
-- (passed through, their bodies relayed), reads and writes. Writes update existing records rather than create new
-- ones, so that the sample API (in the demo's process) does not grow with the run.
local requests = {
  {"GET", "/purchase-orders", "v1"}, {"GET", "/purchase-orders", "v2"},
  {"GET", "/purchase-orders/po_1", "v1"}, {"GET", "/purchase-orders/po_1", "v2"},
  {"GET", "/inventory", "v1"}, {"GET", "/inventory", "v2"},
  {"GET", "/vendors/sup_1", "v1"}, {"GET", "/suppliers/sup_1", "v2"},
  {"GET", "/work-orders", "v1"}, {"GET", "/work-orders", "v2"},
  {"PATCH", "/work-orders/wo_1", "v1", '{"title":"Lubricate pump","status":"open"}'},
  {"PATCH", "/work-orders/wo_1", "v2", '{"status":"completed"}'},
}
local index = 0
request = function()
  index = index % #requests + 1
  local r = requests[index]
  local headers = {["API-Version"] = r[3]}
  if r[4] then headers["Content-Type"] = "application/json" end
  return wrk.format(r[1], r[2], headers, r[4])
end
