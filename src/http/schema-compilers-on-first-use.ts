import { createRequire } from 'node:module';
import type { FastifyServerOptions } from 'fastify';

type SchemaController = NonNullable<FastifyServerOptions['schemaController']>;
type CompilersFactory = NonNullable<SchemaController['compilersFactory']>;
type Factory = (...args: unknown[]) => unknown;

/** Fastify's own dependencies, resolved from Fastify's directory, as Fastify itself requires them. */
const requireFromFastify = createRequire(createRequire(import.meta.url).resolve('fastify'));

/** The factory a compiler package's selector builds, built on the first call and kept. */
function builtOnFirstCall(selectorPackage: string): Factory {
  let factory: Factory | undefined;
  return (...args) => {
    factory ??= (requireFromFastify(selectorPackage) as () => Factory)();
    return factory(...args);
  };
}

/**
 * Fastify's default schema compilers (Ajv and fast-json-stringify, some 250 kB of code) loaded when a
 * route first declares a schema, not with every Fastify instance: no route of the gateway or of the
 * simulators declares one, and parsing and evaluating them was about 5 % of start-up. This is Fastify's
 * documented `schemaController.compilersFactory` option, given Fastify's own compilers.
 */
export const schemaCompilersOnFirstUse: SchemaController = {
  compilersFactory: {
    buildValidator: builtOnFirstCall('@fastify/ajv-compiler') as CompilersFactory['buildValidator'],
    buildSerializer: builtOnFirstCall(
      '@fastify/fast-json-stringify-compiler',
    ) as CompilersFactory['buildSerializer'],
  },
};
