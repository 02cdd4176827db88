/* Build of the add-in's static files (yo-office shape): task pane, ribbon commands, browser preview.
 * office.js is copied from @microsoft/office-js into dist/office-js/ and loaded from the add-in's
 * own origin, so the pane works on an intranet with no internet. */
const path = require("node:path");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");

const urlDev = "https://localhost:3000/";
// Where the built files are served in production: set ADDIN_URL when building for a unit's intranet.
const urlProd = process.env.ADDIN_URL || "https://localhost:3000/";

const OTHER_HOSTS = /^(access|word|outlook|powerpoint|onenote|project|visio|custom-functions)/;

async function getHttpsOptions() {
  const devCerts = require("office-addin-dev-certs");
  const httpsOptions = await devCerts.getHttpsServerOptions();
  return { ca: httpsOptions.ca, key: httpsOptions.key, cert: httpsOptions.cert };
}

module.exports = async (env, options) => {
  const dev = options.mode === "development";
  const https = env && env.http ? undefined : dev && !env.WEBPACK_BUILD ? await getHttpsOptions() : undefined;
  return {
    devtool: dev ? "source-map" : false,
    entry: {
      taskpane: "./src/taskpane/index.tsx",
      commands: "./src/commands/commands.ts",
      issues: "./src/commands/issues.ts",
      preview: "./src/preview/index.tsx",
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "[name].js",
      clean: true,
    },
    resolve: {
      extensions: [".ts", ".tsx", ".js"],
      // handlebars' main entry registers a require.extensions hook; the browser build is the same library without it.
      alias: { handlebars: "handlebars/dist/cjs/handlebars.js" },
      fallback: { fs: false, path: false, stream: false, crypto: false },
    },
    module: {
      rules: [{ test: /\.tsx?$/, exclude: /node_modules/, use: { loader: "ts-loader", options: { transpileOnly: true, compilerOptions: { module: "esnext", moduleResolution: "bundler" } } } }],
    },
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
            transform: (content) => (dev ? content : content.toString().replace(new RegExp(urlDev, "g"), urlProd)),
          },
        ],
      }),
      new HtmlWebpackPlugin({ filename: "taskpane.html", template: "./src/taskpane/taskpane.html", chunks: ["taskpane"] }),
      new HtmlWebpackPlugin({ filename: "commands.html", template: "./src/commands/commands.html", chunks: ["commands"] }),
      new HtmlWebpackPlugin({ filename: "issues.html", template: "./src/commands/issues.html", chunks: ["issues"] }),
      new HtmlWebpackPlugin({ filename: "preview.html", template: "./src/preview/preview.html", chunks: ["preview"] }),
    ],
    devServer: {
      static: { directory: path.resolve(__dirname, "dist") },
      headers: { "Access-Control-Allow-Origin": "*" },
      server: https ? { type: "https", options: https } : "http",
      port: Number(process.env.npm_package_config_dev_server_port || 3000),
      hot: false,
    },
  };
};
