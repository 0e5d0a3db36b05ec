/**
 * Merges into a user's session state (a hash: `v` credential version, `e:<id>` ended sessions, `complete`
 * once a whole copy from the ledger was written). Versions only grow and ended sessions stay, so merges
 * commute. KEYS[1]: the hash. ARGV[1]: a version or ''; ARGV[2]: '1' for a whole copy from the ledger;
 * ARGV[3]: lifetime in ms; ARGV[4..]: ended session ids. A whole copy renews the lifetime; a revocation
 * does not (it only starts one for a new hash), so a copy that missed a write still expires.
 */
export const MERGE_SESSION_STATE = `
local key = KEYS[1]
if ARGV[1] ~= '' then
  local current = tonumber(redis.call('HGET', key, 'v') or '-1')
  if tonumber(ARGV[1]) > current then redis.call('HSET', key, 'v', ARGV[1]) end
end
for i = 4, #ARGV do redis.call('HSET', key, 'e:' .. ARGV[i], '1') end
if ARGV[2] == '1' then
  redis.call('HSET', key, 'complete', '1')
  redis.call('PEXPIRE', key, ARGV[3])
elseif redis.call('PTTL', key) < 0 then
  redis.call('PEXPIRE', key, ARGV[3])
end
return 1
`;
