/* Build of the add-in's static files, three compilations into one dist/:
 *  - modern: the React task pane (taskpane.html chooses it everywhere but IE 11 / Edge Legacy) and
 *    the browser preview; what the first screen does not need (Word export: docx) is a chunk
 *    loaded on demand;
 *  - legacy: ES5 for Internet Explorer 11 (Trident) and Edge Legacy (EdgeHTML), the webviews of
 *    Office 2016/2019 volume-licensed — the plain pane (es5/legacy.js), the issues dialog
 *    (issues.js) and the core alone as a global (es5/selfeval-core.js, for the ES5-engine test):
 *    TypeScript, then babel preset-env for "ie 11" with core-js polyfills of what the code uses
 *    (useBuiltIns "usage"), node_modules included (docx, handlebars, nzh, decimal.js);
 *  - standalone: the page for users without the add-in (WPS, older Office), a folder of its own,
 *    dist/standalone/, that works from any web server and opened from the disk (file://), wherever
 *    the folder is put and whatever it is named: one plain script beside index.html (no modules,
 *    workers, fetch or chunks loaded by address — Word export and the report preview are inside).
 * office.js is copied from @microsoft/office-js into dist/office-js/ and loaded from the add-in's
 * own origin, so the pane works on an intranet with no internet. */
const path = require("node:path");
const webpack = require("webpack");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");

const urlDev = "https://localhost:3000/";
/** Where the built files are served in production (ADDIN_URL, with or without the trailing slash). */
function productionUrl() {
  const u = process.env.ADDIN_URL || urlDev;
  return u.endsWith("/") ? u : u + "/";
}
/** The production add-in's own <Id>: a development sideload and a unit's deployment are two add-ins. */
const PROD_ID = "b8d2e6f4-3c5a-4b71-9e0d-7a1f2c4e6b93";

/** manifest.xml for production: every dev URL rewritten, the dev-only AppDomain gone, its own Id. */
function productionManifest(xml, url) {
  const origin = url.replace(/\/$/, "").replace(/^(https?:\/\/[^/]+).*$/, "$1");
  return xml
    .replace(/<Id>[^<]*<\/Id>/, `<Id>${PROD_ID}</Id>`)
    .replace(/<AppDomain>https:\/\/localhost:3000<\/AppDomain>/g, `<AppDomain>${origin}</AppDomain>`)
    .replace(new RegExp(urlDev, "g"), url);
}

const OTHER_HOSTS = /^(access|word|outlook|powerpoint|onenote|project|visio|custom-functions)/;

async function getHttpsOptions() {
  const devCerts = require("office-addin-dev-certs");
  const httpsOptions = await devCerts.getHttpsServerOptions();
  return { ca: httpsOptions.ca, key: httpsOptions.key, cert: httpsOptions.cert };
}

const tsLoader = { loader: "ts-loader", options: { transpileOnly: true, compilerOptions: { module: "esnext", moduleResolution: "bundler" } } };
const resolve = {
  extensions: [".ts", ".tsx", ".js"],
  // handlebars' main entry registers a require.extensions hook; the browser build is the same library without it.
  alias: { handlebars$: "handlebars/dist/cjs/handlebars.js" },
  fallback: { fs: false, path: false, stream: false, crypto: false },
};

/** Babel for Internet Explorer 11: syntax down to ES5, core-js for what the code uses. */
const babelIE11 = {
  loader: "babel-loader",
  options: {
    babelrc: false,
    configFile: false,
    sourceType: "unambiguous",
    cacheDirectory: true,
    presets: [["@babel/preset-env", { targets: { ie: "11" }, useBuiltIns: "usage", corejs: "3.51", modules: false }]],
  },
};

const config = async (env, options) => {
  const dev = options.mode === "development";
  const https = env && env.http ? undefined : dev && !env.WEBPACK_BUILD ? await getHttpsOptions() : undefined;
  const url = dev ? urlDev : productionUrl();

  const modern = {
    name: "modern",
    devtool: dev ? "source-map" : false,
    entry: {
      taskpane: "./src/taskpane/index.tsx",
      preview: "./src/preview/index.tsx",
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "[name].js",
      chunkFilename: "chunks/[name].[contenthash:8].js",
      publicPath: "",
      // The legacy and standalone compilations write into the same folder.
      clean: { keep: /^(es5\/|issues\.|standalone\/)/ },
    },
    resolve,
    module: { rules: [{ test: /\.tsx?$/, exclude: /node_modules/, use: tsLoader }] },
    performance: { hints: false },
    plugins: [
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          { from: "assets/help.html", to: "help.html" },
          { from: "assets/samples/bishan-2020.xlsx", to: "samples/bishan-2020.xlsx" },
          {
            from: "node_modules/@microsoft/office-js/dist",
            to: "office-js",
            // Microsoft's files as published: not run through the minifier again.
            info: { minimized: true },
            filter: (file) => {
              const rel = path.relative(path.resolve(__dirname, "node_modules/@microsoft/office-js/dist"), file);
              const base = path.basename(rel);
              if (OTHER_HOSTS.test(rel)) return false;
              if (base === "office-vsdoc.js" || base.endsWith(".d.ts")) return false;
              if (!dev && base.endsWith(".debug.js")) return false;
              return true;
            },
          },
          {
            from: "manifest.xml",
            to: dev ? "manifest.dev.xml" : "manifest.prod.xml",
            transform: (content) => (dev ? content : productionManifest(content.toString(), url)),
          },
        ],
      }),
      // taskpane.html picks the bundle itself (modern, or es5/legacy.js in IE 11 / Edge Legacy).
      new HtmlWebpackPlugin({ filename: "taskpane.html", template: "./src/taskpane/taskpane.html", inject: false, modernSrc: "taskpane.js", legacySrc: "es5/legacy.js" }),
      new HtmlWebpackPlugin({ filename: "preview.html", template: "./src/preview/preview.html", chunks: ["preview"] }),
    ],
    devServer: {
      static: { directory: path.resolve(__dirname, "dist") },
      headers: { "Access-Control-Allow-Origin": "*" },
      server: https ? { type: "https", options: https } : "http",
      port: Number(process.env.npm_package_config_dev_server_port || 3000),
      hot: false,
      client: false,
    },
  };

  const legacy = {
    name: "legacy",
    devtool: false,
    target: ["web", "es5"],
    entry: {
      "es5/legacy": "./src/legacy/index.ts",
      issues: "./src/commands/issues.ts",
      "es5/selfeval-core": { import: "./src/legacy/core-global.ts", library: { name: "selfevalCore", type: "var" } },
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "[name].js",
      chunkFilename: "es5/[name].[contenthash:8].js",
      publicPath: "",
      environment: { arrowFunction: false, const: false, destructuring: false, forOf: false, module: false, dynamicImport: false, optionalChaining: false, templateLiteral: false, bigIntLiteral: false },
    },
    resolve,
    module: {
      rules: [
        { test: /\.tsx?$/, exclude: /node_modules/, use: [babelIE11, tsLoader] },
        // Libraries too (docx and its dependencies ship ES2015+); not core-js itself.
        { test: /\.m?js$/, exclude: /node_modules[\\/](core-js|@babel[\\/]runtime|webpack)[\\/]/, use: babelIE11 },
      ],
    },
    performance: { hints: false },
    optimization: { minimize: !dev },
    plugins: [new HtmlWebpackPlugin({ filename: "issues.html", template: "./src/commands/issues.html", chunks: ["issues"] })],
  };

  const standalone = {
    name: "standalone",
    devtool: false,
    entry: { standalone: "./src/standalone/index.tsx" },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "standalone/[name].js",
      publicPath: "",
      clean: { keep: (file) => !file.startsWith("standalone/") },
    },
    resolve,
    module: { rules: [{ test: /\.tsx?$/, exclude: /node_modules/, use: tsLoader }] },
    performance: { hints: false },
    plugins: [
      new webpack.optimize.LimitChunkCountPlugin({ maxChunks: 1 }),
      new CopyWebpackPlugin({ patterns: [{ from: "assets/icon-32.png", to: "standalone/icon-32.png" }] }),
      // The script by its name beside the page (no path above it): the folder may be renamed or moved.
      new HtmlWebpackPlugin({ filename: "standalone/index.html", template: "./src/standalone/standalone.html", inject: false }),
    ],
  };

  return [modern, legacy, standalone];
};

module.exports = config;
// For test/manifest.test.ts: the production manifest exactly as the build writes it.
module.exports.productionManifest = productionManifest;
module.exports.productionUrl = productionUrl;
