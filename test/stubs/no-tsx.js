// Preloaded by a test: any attempt to compile TypeScript at run time (tsx) fails loudly.
/* eslint-disable @typescript-eslint/no-require-imports */
const Module = require("node:module");
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (request === "tsx" || request.startsWith("tsx/")) throw new Error("tsx loaded: TypeScript compiled at run time");
  return resolve.call(this, request, ...rest);
};
