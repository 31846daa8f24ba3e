#!/usr/bin/env node
/**
 * npm start: build the add-in (development mode) and serve it at https://localhost:3000, the origin
 * written in manifest.xml, then print how to sideload the manifest. The same server serves the
 * preview page (webpack.preview.config.js) at "/": the pane beside a simulated workbook, no Excel
 * needed. Its files live under /preview/ and /index.html, so they never clash with the add-in's.
 *
 * Certificates come from office-addin-dev-certs (~/.office-addin-dev-certs). Trusting its CA needs
 * `sudo` on Linux; on a fresh Debian machine as root there is no sudo, and the library's install
 * step fails (its CLI even exits 0). This script checks what really happened and says so:
 *   - certificate made, CA trusted     -> https, no browser warning;
 *   - certificate made, CA not trusted -> https with that certificate anyway: a browser warns until
 *                                         you trust the CA (the command is printed); Office clients on
 *                                         this machine will refuse the add-in until then;
 *   - no certificate could be made, or --http / BJ_DEV_HTTP=1 -> http://localhost:3000 for the local
 *                                         preview only: Office never loads an http add-in.
 *
 * Options: --http (serve plain http), --no-install-ca (do not try to install the CA).
 */
import { X509Certificate, createPrivateKey } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { homedir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const args = new Set(process.argv.slice(2));
const forceHttp = args.has("--http") || process.env.BJ_DEV_HTTP === "1";
const tryInstallCa = !args.has("--no-install-ca");

const CERT_DIR = join(homedir(), ".office-addin-dev-certs");
const CA_PATH = join(CERT_DIR, "ca.crt");
const CERT_PATH = join(CERT_DIR, "localhost.crt");
const KEY_PATH = join(CERT_DIR, "localhost.key");
/** Where office-addin-dev-certs' Linux install script puts the CA (Debian's update-ca-certificates). */
const LINUX_TRUSTED_CA = "/usr/local/share/ca-certificates/office-addin-dev-certs/ca.crt";

const say = (line = "") => process.stdout.write(`${line}\n`);
const warn = (line) => process.stdout.write(`[start] ${line}\n`);

/** Whether the localhost certificate and key exist, match, and stay valid for another day. */
function usableCertificate() {
  if (!existsSync(CERT_PATH) || !existsSync(KEY_PATH) || !existsSync(CA_PATH)) return false;
  try {
    const cert = new X509Certificate(readFileSync(CERT_PATH));
    const key = createPrivateKey(readFileSync(KEY_PATH));
    const dayAhead = Date.now() + 24 * 3600 * 1000;
    return cert.checkPrivateKey(key) && new Date(cert.validTo).getTime() > dayAhead && cert.checkHost("localhost") !== undefined;
  } catch (error) {
    warn(`The existing certificate in ${CERT_DIR} cannot be used (${error.message}); making a new one.`);
    return false;
  }
}

/**
 * Whether this machine trusts our CA. On Linux the library's own check is unreliable (its script
 * prints output even when nothing is installed), so compare the installed file with ours.
 */
function caTrusted(devCerts) {
  if (process.platform === "linux") {
    return existsSync(LINUX_TRUSTED_CA) && existsSync(CA_PATH) && readFileSync(LINUX_TRUSTED_CA).equals(readFileSync(CA_PATH));
  }
  const status = devCerts.getCaCertificateStatus();
  if (status.status === devCerts.CertificateStatus.Error) throw status.error;
  return status.status === devCerts.CertificateStatus.Installed;
}

/**
 * Makes (or reuses) the localhost certificate and tries to get its CA trusted.
 * @returns {Promise<{ key: Buffer, cert: Buffer, ca: Buffer, trusted: boolean } | null>} null when
 *   no certificate could be made.
 */
async function certificates() {
  const devCerts = require("office-addin-dev-certs");
  if (!usableCertificate()) {
    say(`Making a localhost certificate with office-addin-dev-certs in ${CERT_DIR} ...`);
    try {
      await devCerts.generateCertificates(CA_PATH, CERT_PATH, KEY_PATH);
    } catch (error) {
      warn(`Could not make a certificate: ${error.message}`);
      return null;
    }
    if (!usableCertificate()) {
      warn(`office-addin-dev-certs reported success, but ${CERT_PATH} / ${KEY_PATH} are missing or invalid.`);
      return null;
    }
  }

  let trusted = caTrusted(devCerts);
  if (!trusted && tryInstallCa) {
    say("Installing the development CA so that browsers and Office trust https://localhost:3000 ...");
    try {
      await devCerts.installCaCertificate(CA_PATH);
    } catch (error) {
      warn(`The CA was not installed: ${error.message.trim()}`);
    }
    trusted = caTrusted(devCerts);
  }
  if (!trusted) {
    warn("The development CA is NOT trusted by this machine.");
    warn("Serving https with the generated certificate anyway: browsers will warn about it, and an");
    warn("Office client on this machine will not load the add-in until the CA is trusted.");
    if (process.platform === "linux" && process.getuid?.() === 0) {
      warn("As root (no sudo needed), trust it with:");
      warn(`  mkdir -p ${dirname(LINUX_TRUSTED_CA)} && cp ${CA_PATH} ${LINUX_TRUSTED_CA} && update-ca-certificates`);
    } else {
      warn("Trust it with: npx office-addin-dev-certs install   (needs administrator rights)");
    }
    warn("On another machine (e.g. the one running Excel), import this CA into its trust store:");
    warn(`  ${CA_PATH}`);
  }
  return { key: readFileSync(KEY_PATH), cert: readFileSync(CERT_PATH), ca: readFileSync(CA_PATH), trusted };
}

function printSideloadHelp(origin) {
  const manifest = join(root, "manifest.xml");
  say();
  say("Sideload the add-in (manifest: " + manifest + ", also served at " + origin + "/manifest.xml)");
  say("  Excel on the web : open a workbook, then Home (or Insert) > Add-ins > More add-ins / Advanced >");
  say("                     Upload My Add-in, and choose manifest.xml. Open " + origin + "/taskpane.html once");
  say("                     in the same browser first if it warns about the certificate.");
  say("  Windows          : share a folder holding manifest.xml, add its \\\\host\\share path under");
  say("                     File > Options > Trust Center > Trust Center Settings > Trusted Add-in Catalogs");
  say("                     (tick Show in Menu), restart Excel, then Home > Add-ins > Advanced > Shared Folder.");
  say("                     On a machine with desktop Excel, `npx office-addin-debugging start manifest.xml`");
  say("                     sideloads it for you (not installed here: it needs libsecret).");
  say("  Mac              : copy manifest.xml into ~/Library/Containers/com.microsoft.Excel/Data/Documents/wef");
  say("                     (create the folder if needed), restart Excel, then Home > Add-ins.");
  say();
}

async function main() {
  if (process.env.ADDIN_URL) {
    warn(`Ignoring ADDIN_URL=${process.env.ADDIN_URL}: npm start serves the localhost manifest.`);
    delete process.env.ADDIN_URL;
  }

  const certs = forceHttp ? null : await certificates();
  const webpack = require("webpack");
  const WebpackDevServer = require("webpack-dev-server");
  const makeConfig = require(join(root, "webpack.config.js"));
  const config = makeConfig({}, { mode: "development" });
  const previewConfig = require(join(root, "webpack.preview.config.js"))({}, { mode: "development" });
  // In memory only: the preview must not clean (or be cleaned by) the add-in's output directory.
  previewConfig.output = { ...previewConfig.output, clean: false };
  const port = makeConfig.DEV_PORT;

  let origin;
  if (certs) {
    config.devServer.server = { type: "https", options: { key: certs.key, cert: certs.cert, ca: certs.ca } };
    origin = `https://localhost:${port}`;
  } else {
    if (!forceHttp) warn("Falling back to plain http.");
    warn(`Serving http://localhost:${port} for the local preview only: Office loads add-ins over https`);
    warn("only, so Excel will not load this add-in from here.");
    config.devServer.server = "http";
    origin = `http://localhost:${port}`;
  }

  const compiler = webpack([config, previewConfig]);
  let first = true;
  compiler.hooks.done.tap("start", (stats) => {
    if (!first) return;
    first = false;
    // After the dev middleware has printed the build's stats, so the banner ends the output.
    setImmediate(() => banner(stats.hasErrors()));
  });
  const banner = (hasErrors) => {
    if (hasErrors) warn("The first build has errors (listed above); fix them and the server rebuilds.");
    say();
    say(`Preview page (the pane beside a simulated workbook, no Excel needed): ${origin}/`);
    say(`Serving the add-in at ${origin}/taskpane.html  (help: ${origin}/help.html)`);
    say(certs ? `Certificate: ${CERT_PATH} (${certs.trusted ? "CA trusted" : "CA NOT trusted: browsers warn"})` : "No certificate (http).");
    if (certs) printSideloadHelp(origin);
    else say("Sideloading needs https (the manifest points at https://localhost:3000): run npm start without --http.");
    say("Press Ctrl+C to stop.");
  };

  const server = new WebpackDevServer(config.devServer, compiler);
  const stop = async (signal) => {
    say(`\nStopping (${signal}) ...`);
    await server.stop();
    process.exit(0);
  };
  process.once("SIGINT", () => void stop("SIGINT"));
  process.once("SIGTERM", () => void stop("SIGTERM"));

  try {
    await server.start();
  } catch (error) {
    if (error && error.code === "EADDRINUSE") {
      warn(`Port ${port} is already in use: another dev server (or npm start) is running. The manifest`);
      warn(`points at port ${port}, so stop the other process and run npm start again.`);
    } else {
      warn(`The dev server did not start: ${error instanceof Error ? error.stack : String(error)}`);
    }
    process.exit(1);
  }
}

main().catch((error) => {
  warn(`npm start failed: ${error instanceof Error ? error.stack : String(error)}`);
  process.exit(1);
});
