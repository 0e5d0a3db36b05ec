import { cpSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { parse } from 'yaml';

/**
 * What `docker compose up` would hand each container, worked out without Docker: the image's ENV
 * (Dockerfile), the service's `environment` with `${…}` interpolated from `.env`, and its Docker
 * secrets at `/run/secrets/<name>`.
 */
export interface ComposeService {
  name: string;
  environment: Record<string, string>;
  /** `/run/secrets/<name>` → the file compose mounts there. */
  secrets: Record<string, string>;
}

interface ComposeFile {
  services: Record<string, { build?: unknown; environment?: Record<string, unknown>; secrets?: string[] }>;
  secrets?: Record<string, { file: string }>;
}

export function readComposeFile(path: string): ComposeFile {
  return parse(readFileSync(path, 'utf8'), { merge: true }) as ComposeFile;
}

/** Compose's interpolation: `${X}`, `${X:-default}`, `${X-default}`, `${X:?message}`, `$$`. */
export function interpolate(value: string, env: Record<string, string | undefined>): string {
  return value.replace(/\$\$|\$\{(\w+)(?:(:?[-?])([^}]*))?\}|\$(\w+)/g, (match, braced, op, arg, bare) => {
    if (match === '$$') return '$';
    const name = (braced ?? bare) as string;
    const current = env[name];
    const unset = op?.startsWith(':') ? !current : current === undefined;
    if (op?.endsWith('?') && unset)
      throw new Error(`compose refuses to start: ${arg || `${name} is required`}`);
    if (op?.endsWith('-') && unset) return arg as string;
    return current ?? '';
  });
}

/** The gateway services (those built from the Dockerfile) with their container environment. */
export function gatewayServices(
  compose: ComposeFile,
  composeDirectory: string,
  dotenv: Record<string, string>,
  imageEnv: Record<string, string>,
): ComposeService[] {
  return Object.entries(compose.services)
    .filter(([, service]) => service.build !== undefined)
    .map(([name, service]) => {
      const environment: Record<string, string> = { ...imageEnv };
      for (const [key, value] of Object.entries(service.environment ?? {}))
        environment[key] = interpolate(String(value), dotenv);
      const secrets = Object.fromEntries(
        (service.secrets ?? []).map((secret) => [
          `/run/secrets/${secret}`,
          resolve(composeDirectory, compose.secrets![secret]!.file),
        ]),
      );
      return { name, environment, secrets };
    });
}

interface ImageStage {
  env: Record<string, string>;
  /** `COPY` sources of the final stage, each from the build stage (`--from`) or the build context. */
  copies: { from?: string; source: string; destination: string }[];
  workdir: string;
}

/** The final stage of the Dockerfile: its ENV, WORKDIR and COPY instructions. */
export function readImageStage(dockerfile: string): ImageStage {
  const lines = readFileSync(dockerfile, 'utf8')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim());
  const final = lines.slice(lines.map((line) => /^FROM\s/i.test(line)).lastIndexOf(true));
  const stage: ImageStage = { env: {}, copies: [], workdir: '/' };
  for (const line of final) {
    const [instruction, ...words] = line.split(/\s+/);
    if (instruction === 'ENV') {
      for (const word of words) {
        const [key, ...rest] = word.split('=');
        stage.env[key!] = rest.join('=');
      }
    } else if (instruction === 'WORKDIR') {
      stage.workdir = words[0]!;
    } else if (instruction === 'COPY') {
      const from = words.find((word) => word.startsWith('--from='))?.slice('--from='.length);
      const [source, destination] = words.filter((word) => !word.startsWith('--'));
      stage.copies.push({ from, source: source!, destination: destination! });
    }
  }
  return stage;
}

/**
 * The image's /app as a directory: each COPY of the final stage, the build stage's outputs taken from
 * this checkout (its `npm ci` and the build the tests' global setup ran are the build stage's), nothing else.
 */
export function assembleImage(repository: string, stage: ImageStage, into: string): string {
  const app = join(into, 'app');
  mkdirSync(app, { recursive: true });
  for (const { from, source, destination } of stage.copies) {
    // As Docker does: a destination ending in "/" is a directory the source goes into.
    const target = destination.endsWith('/')
      ? join(resolve(app, destination), basename(source))
      : resolve(app, destination);
    if (from) {
      // node_modules and dist, as the build stage leaves them: linked, not copied, for speed.
      const inRepository = join(repository, source.replace(/^\/app\/?/, ''));
      symlinkSync(inRepository, target);
    } else {
      cpSync(join(repository, source), target, { recursive: true });
    }
  }
  return app;
}
