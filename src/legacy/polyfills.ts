/**
 * What core-js does not polyfill and the core uses in IE 11 / ES5 engines: String.prototype.normalize
 * (the core reads amounts and headers in NFKC, src/core/parse.ts). unorm installs it where missing.
 * The rest (Map, Set, Promise, Array.from, Math.imul, …) comes from core-js through babel.
 */
import "unorm";
