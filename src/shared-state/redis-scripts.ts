/** Deletes KEYS[1] only if it still holds ARGV[1] (the owner that set it). */
export const DELETE_IF_OWNER = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
`;
