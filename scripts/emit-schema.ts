import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { printPayGraphSchema } from '../src/schema/build-schema.js';

/** Writes schema/schema.graphql from the code-first schema (a test fails when it drifts). */
const sdl = await printPayGraphSchema();
writeFileSync(new URL('../schema/schema.graphql', import.meta.url), sdl);
console.log('schema/schema.graphql written');
