/** The Lua scripts of the Redis store: one atomic round trip per batch and per checkpoint. */

/**
 * Append: dedupes a batch against the per-day id sets and XADDs the new events as ONE
 * stream entry. KEYS[1] = stream, KEYS[2..] = id sets. ARGV[1] = id-set TTL (ms),
 * ARGV[2] = batch token, then n key indexes, n ids, n event JSONs.
 * Returns { entry id or nil, flags } where flags[i] is '1' for a fresh event.
 * Commands per batch: 1 SMISMEMBER + 1 SADD + 1 PEXPIRE per day present (per 1,000 ids), + 1 XADD.
 */
export const APPEND_LUA = `
local ttl = ARGV[1]
local n = (#ARGV - 2) / 3
local groups, order = {}, {}
for i = 1, n do
  local k = tonumber(ARGV[2 + i])
  local g = groups[k]
  if not g then g = {}; groups[k] = g; order[#order + 1] = k end
  g[#g + 1] = i
end
local fresh, seen = {}, {}
for _, k in ipairs(order) do
  local g = groups[k]
  local key = KEYS[k]
  local ids = {}
  for j = 1, #g do ids[j] = ARGV[2 + n + g[j]] end
  local add = {}
  for s = 1, #ids, 1000 do
    local e = math.min(s + 999, #ids)
    local member = redis.call('SMISMEMBER', key, unpack(ids, s, e))
    for j = s, e do
      local id = ids[j]
      if member[j - s + 1] == 0 and not seen[id] then
        seen[id] = true
        fresh[g[j]] = true
        add[#add + 1] = id
      end
    end
  end
  for s = 1, #add, 1000 do
    redis.call('SADD', key, unpack(add, s, math.min(s + 999, #add)))
  end
  if #add > 0 then redis.call('PEXPIRE', key, ttl) end
end
local flags, out = {}, {}
for i = 1, n do
  if fresh[i] then
    flags[i] = '1'
    out[#out + 1] = ARGV[2 + 2 * n + i]
  else
    flags[i] = '0'
  end
end
if #out == 0 then return { false, table.concat(flags) } end
local entry = redis.call('XADD', KEYS[1], '*', 'b', ARGV[2], 'e', '[' .. table.concat(out, ',') .. ']')
return { entry, table.concat(flags) }
`

/**
 * Checkpoint: keeps the newer of the stored and the given checkpoint, then trims the log
 * before ARGV[3] (a stream id; '0-0' keeps everything). KEYS[1] = checkpoint hash,
 * KEYS[2] = stream. ARGV[1] = cursor, ARGV[2] = state. Returns 1 when stored, 0 when older.
 */
export const CHECKPOINT_LUA = `
local function parse(id)
  local ms, seq = string.match(id, '^(%d+)-(%d+)$')
  return tonumber(ms), tonumber(seq)
end
local cur = redis.call('HGET', KEYS[1], 'cursor')
if cur then
  local am, as = parse(ARGV[1])
  local bm, bs = parse(cur)
  if am < bm or (am == bm and as <= bs) then return 0 end
end
redis.call('HSET', KEYS[1], 'cursor', ARGV[1], 'state', ARGV[2])
if ARGV[3] ~= '0-0' then redis.call('XTRIM', KEYS[2], 'MINID', '~', ARGV[3]) end
return 1
`
