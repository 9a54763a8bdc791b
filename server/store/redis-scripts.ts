/** The Lua scripts of the Redis store: one atomic round trip per batch and per checkpoint. */

/**
 * Append: stores a batch whose ids are all new as ONE stream entry, or stores nothing.
 * KEYS[1] = stream, KEYS[2..] = id sets. ARGV[1] = id-set TTL (ms), ARGV[2] = batch token,
 * ARGV[3] = the batch as a JSON array, ARGV[4] = for each id the index in KEYS of its set
 * (comma-separated), ARGV[5..] = the ids (distinct, in batch order).
 * Returns { entry id, '' } when stored, or { nil, '0,4,…' } (0-based positions of ids already
 * stored) with nothing written: the caller drops those and tries again with the rest.
 * Commands per batch: 1 SMISMEMBER + 1 SADD + 1 PEXPIRE per day present (per 1,000 ids), + 1 XADD.
 */
export const APPEND_LUA = `
local groups = {}
for k = 2, #KEYS do groups[k] = {} end
local i = 0
for k in string.gmatch(ARGV[4], '%d+') do
  i = i + 1
  local g = groups[tonumber(k)]
  g[#g + 1] = i
end
local ids, dups = {}, {}
for k = 2, #KEYS do
  local g = groups[k]
  local list = {}
  for j = 1, #g do list[j] = ARGV[4 + g[j]] end
  ids[k] = list
  for s = 1, #list, 1000 do
    local e = math.min(s + 999, #list)
    local member = redis.call('SMISMEMBER', KEYS[k], unpack(list, s, e))
    for j = 1, #member do
      if member[j] == 1 then dups[#dups + 1] = g[s + j - 1] - 1 end
    end
  end
end
if #dups > 0 then return { false, table.concat(dups, ',') } end
for k = 2, #KEYS do
  local list = ids[k]
  for s = 1, #list, 1000 do
    redis.call('SADD', KEYS[k], unpack(list, s, math.min(s + 999, #list)))
  end
  if #list > 0 then redis.call('PEXPIRE', KEYS[k], ARGV[1]) end
end
return { redis.call('XADD', KEYS[1], '*', 'b', ARGV[2], 'e', ARGV[3]), '' }
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
if ARGV[3] ~= '0-0' then redis.call('XTRIM', KEYS[2], 'MINID', ARGV[3]) end
return 1
`
