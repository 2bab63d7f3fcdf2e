// Drives the stock socket.io-client against a server and prints what it observes, one JSON object a line.
// Usage: node socketio-client.js <url> <scenario>
//   env SIO_TOKEN      auth.token sent in CONNECT (default "ok")
//   env SIO_TRANSPORTS comma-separated transports (default "polling,websocket", socket.io-client's own)
//   env SIO_TIMEOUT_MS overall deadline (default 20000): prints {"event":"timeout"} and exits 1
// Every scenario ends with {"event":"done"} and exit code 0.
"use strict";

const { io } = require("socket.io-client");

const [url, scenario] = process.argv.slice(2);
if (!url || !scenario) {
  console.error("usage: node socketio-client.js <url> <scenario>");
  process.exit(2);
}

const transports = (process.env.SIO_TRANSPORTS || "polling,websocket").split(",");
const token = process.env.SIO_TOKEN ?? "ok";
const deadline = setTimeout(() => finish(1, { event: "timeout" }), Number(process.env.SIO_TIMEOUT_MS || 20000));

function print(line) {
  process.stdout.write(JSON.stringify(line) + "\n");
}

let socket;
function finish(code, line) {
  if (line) print(line);
  clearTimeout(deadline);
  if (socket) socket.close();
  print({ event: "done" });
  process.exitCode = code;
  // Let stdout drain; nothing else keeps the loop alive once the socket is closed.
  setImmediate(() => process.exit(code));
}

function transportName() {
  return socket.io.engine && socket.io.engine.transport ? socket.io.engine.transport.name : null;
}

function connect(path = "/") {
  socket = io(url + (path === "/" ? "" : path), {
    auth: { token },
    transports,
    reconnection: false,
    timeout: 10000,
  });
  socket.on("connect_error", (err) => {
    print({ event: "connect_error", message: err.message, data: err.data ?? null });
    if (scenario === "auth-bad" || scenario === "namespace") finish(0);
    else finish(1);
  });
  socket.on("disconnect", (reason) => {
    print({ event: "disconnect", reason });
    if (scenario === "server-disconnect") finish(0);
  });
  return socket;
}

const scenarios = {
  // Connect with auth, report id and transport, echo once.
  "auth-ok": () => {
    connect().on("connect", () => {
      print({ event: "connect", id: socket.id, recovered: Boolean(socket.recovered), transport: transportName() });
      socket.emit("echo", "hello", { n: 1 });
    });
    socket.on("echo", (...args) => finish(0, { event: "echo", args, transport: transportName() }));
  },
  "auth-bad": () => {
    connect().on("connect", () => finish(1, { event: "connect", id: socket.id }));
  },
  // client -> server ack: the server answers with the arguments it got.
  "client-ack": () => {
    connect().on("connect", () => {
      socket.emit("ack", { n: 1 }, "two", (...args) => finish(0, { event: "ack", args }));
    });
  },
  // server -> client ack: the server asks "question", we answer, it reports our answer as "answer".
  "server-ack": () => {
    connect();
    socket.on("question", (q, callback) => callback({ answer: q.n + 1 }));
    socket.on("answer", (...args) => finish(0, { event: "answer", args }));
    socket.on("connect", () => socket.emit("ask", { n: 41 }));
  },
  // The default transports: polling first, then the upgrade (which may finish before or after CONNECT);
  // echo once both happened.
  "upgrade": () => {
    let connected = false;
    let upgraded = false;
    const echoWhenReady = () => {
      if (connected && upgraded) socket.emit("echo", "after-upgrade");
    };
    connect();
    socket.io.on("open", () => {
      print({ event: "open", transport: transportName() });
      socket.io.engine.once("upgrade", (transport) => {
        print({ event: "upgrade", transport: transport.name });
        upgraded = true;
        echoWhenReady();
      });
    });
    socket.on("connect", () => {
      print({ event: "connect", id: socket.id, transport: transportName() });
      connected = true;
      echoWhenReady();
    });
    socket.on("echo", (...args) => finish(0, { event: "echo", args, transport: transportName() }));
  },
  // Several round trips on one transport (SIO_TRANSPORTS=polling or websocket).
  "round-trips": () => {
    let n = 0;
    connect().on("connect", () => {
      print({ event: "connect", id: socket.id, transport: transportName() });
      socket.emit("echo", n);
    });
    socket.on("echo", (value) => {
      if (value !== n) finish(1, { event: "out-of-order", expected: n, got: value });
      else if (++n === 20) finish(0, { event: "echoes", count: n, transport: transportName() });
      else socket.emit("echo", n);
    });
  },
  "server-disconnect": () => {
    connect().on("connect", () => socket.emit("bye"));
  },
  "namespace": () => {
    connect("/admin").on("connect", () => finish(1, { event: "connect", id: socket.id }));
  },
  // The recovery hook: an event with a trailing offset argument.
  "offset": () => {
    connect().on("connect", () => socket.emit("offset"));
    socket.on("tick", (...args) => finish(0, { event: "tick", args }));
  },
};

if (!scenarios[scenario]) {
  console.error(`unknown scenario ${scenario}`);
  process.exit(2);
}

scenarios[scenario]();
