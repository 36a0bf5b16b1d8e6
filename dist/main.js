import { createRequire as __wgCreateRequire } from 'node:module';
import { fileURLToPath as __wgFileURLToPath } from 'node:url';
import { dirname as __wgDirname } from 'node:path';
const require = __wgCreateRequire(import.meta.url);
const __filename = __wgFileURLToPath(import.meta.url);
const __dirname = __wgDirname(__filename);
import {
  HttpClient,
  STATE_KEPT,
  STATE_RUN_ID,
  endGroup,
  error,
  getInput,
  info,
  saveState,
  setFailed,
  setOutput,
  setSecret,
  startGroup,
  summary,
  warning
} from "./chunks/chunk-JZVNLOQE.js";
import {
  CHECKS,
  MATRIX_TARGET,
  actionOutputs,
  annotationsFor,
  buildView,
  exitCodeOf,
  explain,
  finishReport,
  fromActionInputs,
  mdCode,
  modeInputs,
  modeRequested,
  newReport,
  renderExplanation,
  renderers,
  resolveConfig,
  resolveMergeOptions,
  runMerge,
  runPipeline,
  runRedactor,
  summaryHeadOf,
  toolRoot,
  wantsExplain,
  writeReportFiles
} from "./chunks/chunk-SOLCLYDG.js";
import {
  InputError,
  Interrupted,
  Redactor,
  describeError,
  newRunId,
  redactingLog
} from "./chunks/chunk-ZUH5G2KF.js";

// src/action.ts
import path2 from "node:path";

// src/action-log-fence.ts
import { randomBytes } from "node:crypto";
var CommandFence = class {
  constructor(out, newToken = () => randomBytes(16).toString("hex")) {
    this.out = out;
    this.newToken = newToken;
  }
  out;
  newToken;
  token;
  /** Text that may hold anything: inside the fence. */
  text(line) {
    if (!this.token) {
      this.token = this.newToken();
      this.out.write(`::stop-commands::${this.token}`);
    }
    this.out.write(line);
  }
  /** One of worker-gate's own workflow commands: commands on again first. */
  command(fn) {
    this.close();
    return fn();
  }
  /** Commands on again (before worker-gate's own output, and at the end of the step). */
  close() {
    if (!this.token) return;
    this.out.write(`::${this.token}::`);
    this.token = void 0;
  }
};

// src/github/pr-comment.ts
import { readFileSync } from "node:fs";

// src/github/comment-api.ts
var GitHubApiError = class extends Error {
  constructor(method, url, status, reason, rateLimited = false) {
    super(`${method} ${url} \u2192 ${status === 0 ? "no answer" : status}: ${reason}`);
    this.method = method;
    this.url = url;
    this.status = status;
    this.reason = reason;
    this.rateLimited = rateLimited;
    this.name = "GitHubApiError";
  }
  method;
  url;
  status;
  reason;
  rateLimited;
};

// src/github/comment-body.ts
import { createHash } from "node:crypto";
import path from "node:path";
var MAX_HEAD_CHARS = 6e4;
function targetLabel(target, roots) {
  if (target.image) return target.image;
  const file = target.dockerfile;
  if (!file) return "Dockerfile";
  for (const root of roots) {
    if (!root.dir) continue;
    const rel = path.relative(root.dir, file);
    if (rel !== "" && !rel.startsWith("..") && !path.isAbsolute(rel)) {
      const posix = rel.split(path.sep).join("/");
      return root.label ? `${root.label} ${posix}` : posix;
    }
  }
  return file;
}
function commentScope(target, label, env, key) {
  const job = env.GITHUB_JOB || void 0;
  if (key) return { key, target: label, ...job ? { job } : {} };
  const args = Object.entries(target.buildArgs ?? {}).sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0);
  const identity = JSON.stringify([env.GITHUB_WORKFLOW ?? "", job ?? "", label, args]);
  const hash = createHash("sha256").update(identity).digest("hex").slice(0, 12);
  return { key: hash, target: label, ...job ? { job } : {} };
}
function commentMarker(key) {
  return `<!-- worker-gate:comment key=${key.replace(/-{2,}|[<>\s]/g, "_")} -->`;
}
function isOurComment(comment, marker) {
  const body = comment.body ?? "";
  return body.trimStart().startsWith(marker);
}
function renderCommentBody(report, scope, context = {}) {
  return commentBodyOf(buildView(report), scope, context);
}
function commentBodyOf(view, scope, context = {}) {
  let head = summaryHeadOf(view);
  if (head.length > MAX_HEAD_CHARS) {
    head = `${head.slice(0, MAX_HEAD_CHARS)}

\u2026 (cut: the comment would be too long; the run's summary has it all)`;
  }
  const facts = [`Gated ${mdCode(scope.target)}`];
  if (scope.job) facts.push(`job ${mdCode(scope.job)}`);
  if (context.headSha) facts.push(`commit ${mdCode(context.headSha.slice(0, 7))}`);
  if (context.runUrl) facts.push(`[the run's summary and reports](${context.runUrl})`);
  facts.push("updated in place on every run");
  return `${commentMarker(scope.key)}
${head}

<sub>${facts.join(" \xB7 ")}</sub>
`;
}
function runUrlFrom(env) {
  if (!env.GITHUB_REPOSITORY || !env.GITHUB_RUN_ID) return void 0;
  const server = (env.GITHUB_SERVER_URL || "https://github.com").replace(/\/+$/, "");
  return `${server}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`;
}

// src/github/pr-event.ts
var PULL_REQUEST_EVENTS = ["pull_request", "pull_request_target"];
function pullRequestFromEvent(eventName, payload) {
  if (!eventName || !PULL_REQUEST_EVENTS.includes(eventName)) {
    return { kind: "skip", reason: `the ${eventName || "unknown"} event is not a pull request` };
  }
  const event = payload ?? {};
  const pr = event.pull_request;
  const number = pr?.number ?? event.number;
  if (!pr || typeof number !== "number") {
    return { kind: "skip", reason: `the ${eventName} event payload has no pull request number` };
  }
  const head = pr.head?.repo?.full_name;
  const base = pr.base?.repo?.full_name;
  if (typeof head !== "string" || typeof base !== "string" || head.toLowerCase() !== base.toLowerCase()) {
    const from = typeof head === "string" ? head : "a deleted repository";
    return {
      kind: "skip",
      reason: `pull request #${number} comes from a fork (${from}), where the workflow's token cannot write`
    };
  }
  const sha = pr.head?.sha;
  return typeof sha === "string" ? { kind: "pull-request", number, headSha: sha } : { kind: "pull-request", number };
}

// src/github/http-transport.ts
function httpClientTransport(userAgent, timeoutMs) {
  return async (method, url, headers, body) => {
    const client = new HttpClient(userAgent, [], { allowRetries: false, socketTimeout: timeoutMs });
    try {
      const response = await client.request(method, url, body ?? null, headers);
      const text = await response.readBody();
      const raw = response.message.headers;
      return {
        status: response.message.statusCode ?? 0,
        header: (name) => {
          const value = raw[name.toLowerCase()];
          return Array.isArray(value) ? value.join(", ") : value;
        },
        text
      };
    } finally {
      client.dispose();
    }
  };
}

// src/github/retry.ts
var DEFAULT_RETRY = { attempts: 4, baseDelayMs: 1e3, maxWaitMs: 6e4 };
function isRateLimited(answer) {
  return answer.status === 429 || answer.status === 403 && (answer.header("x-ratelimit-remaining") === "0" || answer.header("retry-after") !== void 0);
}
function retryDelay(answer, attempt, policy, nowMs) {
  if (attempt >= policy.attempts) return void 0;
  if (isRateLimited(answer)) {
    const wait = rateLimitWait(answer, nowMs);
    return wait !== void 0 && wait <= policy.maxWaitMs ? wait : void 0;
  }
  if (answer.status >= 500 && answer.status <= 599) return policy.baseDelayMs * 2 ** (attempt - 1);
  return void 0;
}
function rateLimitWait(answer, nowMs) {
  const after = answer.header("retry-after");
  if (after !== void 0 && /^\d+$/.test(after.trim())) return Number(after) * 1e3;
  const reset = answer.header("x-ratelimit-reset");
  if (reset !== void 0 && /^\d+$/.test(reset.trim())) return Math.max(0, Number(reset) * 1e3 - nowMs);
  return void 0;
}

// src/github/rest-comment-api.ts
var PER_PAGE = 100;
var MAX_PAGES = 100;
function restCommentApi(options) {
  const transport = options.transport ?? httpClientTransport("worker-gate", options.timeoutMs ?? 3e4);
  const policy = options.retry ?? DEFAULT_RETRY;
  const sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  const apiUrl = (options.apiUrl || "https://api.github.com").replace(/\/+$/, "");
  const apiOrigin = new URL(apiUrl).origin;
  const repoUrl = `${apiUrl}/repos/${options.repository}`;
  async function send(method, url, body) {
    const headers = {
      accept: "application/vnd.github+json",
      authorization: `Bearer ${options.token}`,
      "x-github-api-version": "2022-11-28",
      ...body === void 0 ? {} : { "content-type": "application/json" }
    };
    for (let attempt = 1; ; attempt++) {
      let answer;
      try {
        answer = await transport(method, url, headers, body === void 0 ? void 0 : JSON.stringify(body));
      } catch (err) {
        throw new GitHubApiError(method, url, 0, err instanceof Error ? err.message : String(err));
      }
      const wait = retryDelay(answer, attempt, policy, Date.now());
      if (wait === void 0) return answer;
      await sleep(wait);
    }
  }
  async function call(method, url, body) {
    const answer = await send(method, url, body);
    const { text } = answer;
    if (answer.status < 200 || answer.status > 299) {
      throw new GitHubApiError(method, url, answer.status, githubMessage(text), isRateLimited(answer));
    }
    const next = nextLink(answer.header("link") ?? null);
    let json;
    try {
      json = text === "" ? void 0 : JSON.parse(text);
    } catch {
      throw new GitHubApiError(method, url, answer.status, "the answer is not JSON");
    }
    return next ? { json, next } : { json };
  }
  return {
    async listComments(issueNumber) {
      const comments = [];
      let url = `${repoUrl}/issues/${issueNumber}/comments?per_page=${PER_PAGE}`;
      for (let page = 0; url && page < MAX_PAGES; page++) {
        const { json, next } = await call("GET", url);
        if (!Array.isArray(json)) throw new GitHubApiError("GET", url, 200, "expected a list of comments");
        comments.push(...json);
        url = next && new URL(next).origin === apiOrigin ? next : void 0;
      }
      return comments;
    },
    async createComment(issueNumber, body) {
      const { json } = await call("POST", `${repoUrl}/issues/${issueNumber}/comments`, { body });
      return json;
    },
    async updateComment(commentId, body) {
      const { json } = await call("PATCH", `${repoUrl}/issues/comments/${commentId}`, { body });
      return json;
    }
  };
}
function nextLink(header) {
  if (!header) return void 0;
  for (const part of header.split(",")) {
    const match = /<([^>]+)>\s*;\s*rel="?([^";]+)"?/.exec(part.trim());
    if (match?.[2]?.split(/\s+/).includes("next")) return match[1];
  }
  return void 0;
}
function githubMessage(text) {
  try {
    const parsed = JSON.parse(text);
    if (typeof parsed.message === "string" && parsed.message) return parsed.message;
  } catch {
  }
  return text.trim().slice(0, 200) || "no message";
}

// src/github/pr-comment.ts
async function postPullRequestComment(input) {
  const { options, env, log } = input;
  if (!options.comment) return "skipped: comment is off";
  const skip = (reason, warn = false) => {
    const line = `worker-gate: no pull-request comment: ${reason}.`;
    if (warn) log.warn(line);
    else log.info(line);
    return `skipped: ${reason}`;
  };
  const eventName = env.GITHUB_EVENT_NAME;
  if (!eventName || !PULL_REQUEST_EVENTS.includes(eventName)) {
    return skip(`the ${eventName || "unknown"} event is not a pull request`);
  }
  if (!options.githubToken) {
    return skip("github-token is empty (leave it at its default, the workflow's token, or set one)", true);
  }
  if (!env.GITHUB_EVENT_PATH)
    return skip("GITHUB_EVENT_PATH is not set, so the pull request is unknown", true);
  let payload;
  try {
    payload = JSON.parse((input.readFile ?? ((f) => readFileSync(f, "utf8")))(env.GITHUB_EVENT_PATH));
  } catch (err) {
    return skip(`the event payload ${env.GITHUB_EVENT_PATH} cannot be read: ${errorText(err)}`, true);
  }
  const pr = pullRequestFromEvent(eventName, payload);
  if (pr.kind === "skip") return skip(pr.reason);
  const repository = env.GITHUB_REPOSITORY;
  if (!repository) return skip("GITHUB_REPOSITORY is not set", true);
  const scope = commentScope(options, targetLabel(options, targetRoots(env)), env, input.key);
  const body = renderCommentBody(input.report, scope, {
    ...pr.headSha ? { headSha: pr.headSha } : {},
    ...withRunUrl(runUrlFrom(env))
  });
  const marker = commentMarker(scope.key);
  const api = input.api ?? restCommentApi({
    token: options.githubToken,
    repository,
    ...env.GITHUB_API_URL ? { apiUrl: env.GITHUB_API_URL } : {}
  });
  try {
    const ours = (await api.listComments(pr.number)).find((c) => isOurComment(c, marker));
    if (ours) {
      const updated = await api.updateComment(ours.id, body);
      log.info(`worker-gate: updated the comment on pull request #${pr.number}: ${urlOf(updated, ours)}`);
      return "updated";
    }
    const created = await api.createComment(pr.number, body);
    log.info(`worker-gate: commented on pull request #${pr.number}: ${urlOf(created)}`);
    return "created";
  } catch (err) {
    const message = apiFailureMessage(err, pr.number);
    log.warn(message);
    return `failed: ${message}`;
  }
}
function apiFailureMessage(err, prNumber) {
  const lead = `worker-gate could not write its comment on pull request #${prNumber}`;
  const after = "The gate verdict is not affected.";
  if (!(err instanceof GitHubApiError)) return `${lead}: ${errorText(err)}. ${after}`;
  const said = `GitHub answered ${err.status} to ${err.method} ${err.url}: ${err.reason}`;
  if (err.status === 0) {
    return `${lead}: no answer from ${err.url} (${err.reason}). Check GITHUB_API_URL and the runner's network. ${after}`;
  }
  if (err.rateLimited)
    return `${lead}: ${said}. The token's API rate limit is used up; the next run will retry. ${after}`;
  if (err.status === 401) {
    return `${lead}: ${said}. The github-token input is not a valid token (expired or revoked?). ${after}`;
  }
  if (err.status === 403 || err.status === 404) {
    return `${lead}: ${said}. The workflow's token needs write access to pull requests: add \`permissions: pull-requests: write\` to the job (or the workflow), or set \`comment: false\`. ` + after;
  }
  return `${lead}: ${said}. ${after}`;
}
function targetRoots(env) {
  let shipped;
  try {
    shipped = toolRoot();
  } catch {
  }
  return [
    { ...env.GITHUB_WORKSPACE ? { dir: env.GITHUB_WORKSPACE } : {} },
    { ...shipped ? { dir: shipped } : {}, label: "shipped" }
  ];
}
function withRunUrl(runUrl) {
  return runUrl ? { runUrl } : {};
}
function urlOf(...comments) {
  return comments.find((c) => c?.html_url)?.html_url ?? `comment ${comments[0]?.id}`;
}
function errorText(err) {
  return err instanceof Error ? err.message : String(err);
}

// src/action.ts
var fence = new CommandFence({ write: (line) => info(line) });
var actionLog = {
  info: (m) => fence.text(m),
  warn: (m) => fence.command(() => warning(m)),
  group: async (title, fn) => {
    fence.command(() => startGroup(title));
    try {
      return await fn();
    } finally {
      fence.command(() => endGroup());
    }
  },
  detail: (line) => fence.text(line)
};
async function runAction() {
  const token = getInput("github-token");
  if (token) setSecret(token);
  const runId = newRunId();
  saveState(STATE_RUN_ID, runId);
  let config;
  let report;
  let redactor = new Redactor();
  let command = "verify";
  try {
    let overrides = fromActionInputs((name) => getInput(name));
    if (wantsExplain(overrides)) return explainInAction(overrides);
    if (modeRequested(overrides, "merge")) return await mergeInAction(overrides);
    if (modeRequested(overrides, "audit")) {
      command = "audit";
      overrides = auditOnly(overrides);
    }
    config = resolveConfig({
      frontDoor: "action",
      command,
      overrides,
      env: process.env,
      cwd: process.env.GITHUB_WORKSPACE ?? process.cwd(),
      assetsDir: toolRoot(),
      checks: CHECKS
    });
    redactor = runRedactor(config, process.env);
    for (const secret of redactor.values()) setSecret(secret);
    const control = new AbortController();
    const stop = (signal) => () => {
      if (!control.signal.aborted) control.abort(new Interrupted(signal));
    };
    process.once("SIGINT", stop("SIGINT"));
    process.once("SIGTERM", stop("SIGTERM"));
    fence.text(`worker-gate run ${runId}`);
    for (const warning2 of config.engineWarnings ?? []) actionLog.warn(warning2);
    report = await runPipeline(command, config, { log: actionLog, runId, signal: control.signal, redactor });
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    for (const line of err.details) fence.command(() => error(redactor.text(line)));
    report = redactor.deep(finishReport({ ...newReport(command), error: describeError(err) }));
  }
  if (report.e2e?.kept) saveState(STATE_KEPT, report.e2e.kept.container);
  publish(report, config, runId);
  if (config) {
    const log = redactingLog(actionLog, redactor);
    await postPullRequestComment({ report, options: config, env: process.env, log });
  }
  fence.close();
}
async function mergeInAction(raw) {
  const { overrides, ignored } = modeInputs(raw, "merge");
  if (ignored.length > 0)
    info(`merge: true: merging the cells' reports; these inputs are ignored: ${ignored.join(", ")}`);
  const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();
  let report;
  let options;
  try {
    options = resolveMergeOptions(overrides, "action");
    report = runMerge({
      reports: options.reports,
      cwd: workspace,
      reportsInput: "reports input",
      ...options.baselineReport ? { baselineReport: options.baselineReport } : {},
      baselineReportInput: options.baselineReportInput
    });
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    for (const line of err.details) fence.command(() => error(line));
    report = finishReport({ ...newReport("merge"), error: describeError(err) });
  }
  const inWorkspace = (file) => file ? path2.resolve(workspace, file) : void 0;
  publish(
    report,
    {
      report: inWorkspace(options?.report),
      junit: inWorkspace(options?.junit),
      html: inWorkspace(options?.html),
      jobSummary: options?.summary !== false,
      reportOnly: options?.reportOnly ?? false
    },
    ""
  );
  if (options) {
    const comment = { comment: options.comment, githubToken: options.githubToken, image: MATRIX_TARGET };
    await postPullRequestComment({ report, options: comment, env: process.env, log: actionLog });
  }
  fence.close();
}
function explainInAction(overrides) {
  const explanation = explain({
    frontDoor: "action",
    overrides,
    env: process.env,
    cwd: process.env.GITHUB_WORKSPACE ?? process.cwd(),
    assetsDir: toolRoot()
  });
  for (const line of renderExplanation(explanation).trimEnd().split("\n")) info(line);
  if (explanation.problems.length > 0) {
    for (const problem of explanation.problems) error(problem);
    setFailed(`worker-gate explain: ${explanation.problems.length} problem(s) in the inputs`);
    process.exitCode = 2;
  }
}
function auditOnly(raw) {
  const { overrides, ignored } = modeInputs(raw, "audit");
  const which = ignored.length > 0 ? ` (given: ${ignored.join(", ")})` : "";
  info(
    `audit: true: auditing the live workers; the build, contract and end-to-end inputs are ignored${which}`
  );
  return overrides;
}
function publish(report, config, runId) {
  fence.close();
  const reportPath = config?.report ?? path2.join(process.env.RUNNER_TEMP ?? process.cwd(), "worker-gate-report.json");
  try {
    writeReportFiles(report, { ...config, report: reportPath, summaryFile: void 0 }, renderers);
  } catch (err) {
    warning(`worker-gate could not write its report files: ${describeError(err).message}`);
  }
  const run = { runId, html: config?.html, junit: config?.junit };
  for (const [name, value] of Object.entries(actionOutputs(report, reportPath, run)))
    setOutput(name, value);
  for (const a of annotationsFor(report)) {
    const props = { title: a.title, file: a.file, startLine: a.line };
    if (a.level === "error") error(a.message, props);
    else warning(a.message, props);
  }
  if (config?.jobSummary !== false && renderers.summary) {
    summary.addRaw(renderers.summary(report)).write().catch((err) => {
      fence.command(
        () => warning(`worker-gate could not write the job summary: ${describeError(err).message}`)
      );
    });
  }
  const failed = `${report.failures.length} gate(s) failed: ${report.failures.map((f) => f.gate).join(", ")}`;
  if (report.verdict === "fail" && config?.reportOnly)
    warning(`worker-gate: ${failed} (report-only: reported, the step passes)`);
  else if (report.verdict !== "pass") {
    setFailed(`worker-gate: ${report.error ? report.error.message : failed}`);
    process.exitCode = exitCodeOf(report);
  }
}

// src/main.ts
runAction().catch((err) => {
  fence.close();
  setFailed(
    `worker-gate: internal error: ${err instanceof Error ? err.stack ?? err.message : String(err)}`
  );
  process.exitCode = 2;
}).finally(() => setTimeout(() => process.exit(), 200).unref());
