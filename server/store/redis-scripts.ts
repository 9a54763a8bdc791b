/** The Lua scripts of the Redis store: one atomic round trip per batch and per checkpoint. */

/**
 * Append: stores a batch whose ids are all new as ONE stream entry, or stores nothing.
 * KEYS[1] = stream, KEYS[2] = the generations' sorted set, KEYS[3..n-1] = the id sets of the live
 * generations as the caller knows them (oldest first), KEYS[n] = the set a new generation would use.
 * ARGV[1] = now (ms), ARGV[2] = today (day index), ARGV[3] = expiry of an id stored today (ms),
 * ARGV[4] = batch token, ARGV[5] = the batch as a JSON array, ARGV[6] = the live generations as the
 * caller knows them (comma-separated), ARGV[7] = the new generation's name, ARGV[8] = days a
 * generation takes ids, ARGV[9] = most ids in one, ARGV[10..] = the ids (distinct, in batch order).
 * Returns { entry id, '' } when stored; { nil, '0,4,…' } (0-based positions of ids already stored)
 * with nothing written; or { nil, '', 'g1,g2' } when the caller's generations are out of date.
 * Commands per batch of up to 1,000 ids: 1 ZREMRANGEBYSCORE + 1 ZRANGE + 1 SMISMEMBER per live
 * generation + 1 SCARD + 1 SADD + 1 PEXPIREAT + 1 ZADD + 1 XADD.
 */
export const APPEND_LUA = `
local base = 9
local n = #ARGV - base
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', ARGV[1])
local live = redis.call('ZRANGE', KEYS[2], 0, -1)
local known = table.concat(live, ',')
if known ~= ARGV[6] then return { false, '', known } end
local seen, dups = {}, {}
for k = 3, #KEYS - 1 do
  for s = 1, n, 1000 do
    local e = math.min(s + 999, n)
    local member = redis.call('SMISMEMBER', KEYS[k], unpack(ARGV, base + s, base + e))
    for j = 1, #member do
      local pos = s + j - 2
      if member[j] == 1 and not seen[pos] then
        seen[pos] = true
        dups[#dups + 1] = pos
      end
    end
  end
end
if #dups > 0 then return { false, table.concat(dups, ',') } end
local target, gen = KEYS[#KEYS], ARGV[7]
if #live > 0 then
  local newest = live[#live]
  local start = tonumber(string.match(newest, '^(%d+)'))
  if start + tonumber(ARGV[8]) > tonumber(ARGV[2]) and redis.call('SCARD', KEYS[#KEYS - 1]) + n <= tonumber(ARGV[9]) then
    target, gen = KEYS[#KEYS - 1], newest
  end
end
for s = 1, n, 1000 do
  redis.call('SADD', target, unpack(ARGV, base + s, base + math.min(s + 999, n)))
end
redis.call('PEXPIREAT', target, ARGV[3])
redis.call('ZADD', KEYS[2], ARGV[3], gen)
return { redis.call('XADD', KEYS[1], '*', 'b', ARGV[4], 'e', ARGV[5]), '' }
`

/**
 * Register: records this process's checkpoint cursor, forgets processes silent longer than the
 * retention, and trims the stream before the lowest cursor left (every process still needs what
 * follows its own cursor). KEYS[1] = cursors hash, KEYS[2] = stream, KEYS[3] = trimmed marker.
 * ARGV[1] = node, ARGV[2] = cursor, ARGV[3] = now (ms), ARGV[4] = retention (ms; 0 = never forget),
 * ARGV[5] = '1' to trim. Returns the marker: the lowest stream id kept (after this call's trim).
 */
export const REGISTER_LUA = `
local function parse(id)
  local ms, seq = string.match(id, '^(%d+)-(%d+)$')
  return tonumber(ms), tonumber(seq)
end
local function less(a, b)
  local am, as = parse(a)
  local bm, bs = parse(b)
  return am < bm or (am == bm and as < bs)
end
local now = tonumber(ARGV[3])
local retain = tonumber(ARGV[4])
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2] .. '@' .. ARGV[3])
local all = redis.call('HGETALL', KEYS[1])
local low = nil
for i = 1, #all, 2 do
  local cursor, at = string.match(all[i + 1], '^([%d-]+)@(%d+)$')
  if retain > 0 and tonumber(at) < now - retain then
    redis.call('HDEL', KEYS[1], all[i])
  elseif low == nil or less(cursor, low) then
    low = cursor
  end
end
local marker = redis.call('GET', KEYS[3]) or '0-0'
if ARGV[5] == '1' and low ~= nil and less(marker, low) then
  redis.call('XTRIM', KEYS[2], 'MINID', low)
  redis.call('SET', KEYS[3], low)
  marker = low
end
return marker
`
