/**
 * `node bench/probes/spaced-work.mjs [--neighbour]`: does the same synchronous work cost more CPU when the
 * process slept before it? Parses, validates and executes one introspection document against PayGraph's
 * schema (pure JavaScript, no I/O), back to back and after sleeps of 1, 10 and 50 ms, interleaved in rounds,
 * and prints the median CPU and wall time of the work itself. `--neighbour` runs a spinning child process
 * beside it, as the load generator, the upstream and the host's other guests run while a gateway sleeps.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { setImmediate, setTimeout } from 'node:timers';
import { URL } from 'node:url';
import { buildSchema, execute, parse, validate } from 'graphql';

const schema = buildSchema(readFileSync(new URL('../../schema/schema.graphql', import.meta.url), 'utf8'));
const source = '{ __schema { queryType { name } types { name kind fields { name } } } }';
const spacingsMs = [0, 1, 10, 50];
const rounds = 5;
const perRound = 60;

function timedWork() {
  const wallStart = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  const document = parse(source);
  validate(schema, document);
  execute({ schema, document });
  const cpu = process.cpuUsage(cpuStart);
  return { cpuUs: cpu.user + cpu.system, wallUs: Number(process.hrtime.bigint() - wallStart) / 1000 };
}

const pause = (ms) => new Promise((resolve) => (ms > 0 ? setTimeout(resolve, ms) : setImmediate(resolve)));
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const neighbour = process.argv.includes('--neighbour')
  ? spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' })
  : undefined;
try {
  for (let i = 0; i < 300; i++) timedWork(); // warm: compiled, caches filled
  const samples = new Map(spacingsMs.map((ms) => [ms, []]));
  for (let round = 0; round < rounds; round++) {
    for (const ms of spacingsMs) {
      for (let i = 0; i < perRound; i++) {
        await pause(ms);
        samples.get(ms).push(timedWork());
      }
    }
  }
  const backToBack = median(samples.get(0).map((s) => s.cpuUs));
  for (const [ms, taken] of samples) {
    const cpu = median(taken.map((s) => s.cpuUs));
    const wall = median(taken.map((s) => s.wallUs));
    console.log(
      `${ms === 0 ? 'back to back' : `after ${ms} ms asleep`}: CPU ${cpu} µs (${(cpu / backToBack).toFixed(2)} ×), wall ${wall.toFixed(0)} µs, n=${taken.length}`,
    );
  }
} finally {
  neighbour?.kill();
}
