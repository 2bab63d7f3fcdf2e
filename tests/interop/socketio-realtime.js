// Drives the stock socket.io-client against the gateway's document 001 endpoint and prints what it observes,
// one JSON object a line. Usage: node socketio-realtime.js <url> <scenario>
//   env SIO_TOKEN         auth.token of every CONNECT
//   env SIO_WALLETS       comma-separated wallet addresses to join, one after the other (each after the previous
//                         join's ack); joined again after every connect that was not recovered
//   env SIO_ACK           "0": join without an ack callback (then only one wallet is joined)
//   env SIO_TRANSPORTS    comma-separated transports (default "polling,websocket")
//   env SIO_WAIT_UPGRADE  "1": "ready" also waits for the upgrade to websocket
//   env SIO_RECONNECT     "1": socket.io-client reconnects by itself (short delays); default off
//   env SIO_TIMEOUT_MS    overall deadline (default 60000): prints {"event":"timeout"} and exits 1
// Lines: connect {socket, id, recovered, transport}, join-ack {socket, args}, sio {socket, name, args, transport}
// for every server event (args include the trailing offset), disconnect, connect_error, ready, done.
// Scenarios:
//   connect   connect, print, exit.
//   listen    socket "a": join, print every event until killed.
//   pair      sockets "a" and "b" of the same token, both join; "ready" when both did; with SIO_TYPING "1", "a"
//             then emits typing true (with an ack, printed as typing-ack) and, once "b" saw it, typing false.
//   recover   "a" and a witness "b" join. After "a" got its first balance:update, "a" drops its connection
//             ("dropped"); once "b" has seen SIO_MISSED (default 2) balance:update events after the first, "a" connects
//             again, as socket.io-client does after a network loss, with its pid and offset.
"use strict";

const { io } = require("socket.io-client");

const [url, scenario] = process.argv.slice(2);
if (!url || !scenario) {
  console.error("usage: node socketio-realtime.js <url> <scenario>");
  process.exit(2);
}

const token = process.env.SIO_TOKEN ?? "";
const wallets = (process.env.SIO_WALLETS || "").split(",").filter((w) => w.length > 0);
const withAck = process.env.SIO_ACK !== "0";
const transports = (process.env.SIO_TRANSPORTS || "polling,websocket").split(",");
const waitUpgrade = process.env.SIO_WAIT_UPGRADE === "1";
const reconnect = process.env.SIO_RECONNECT === "1";
const missed = Number(process.env.SIO_MISSED || 2);
const deadline = setTimeout(() => finish(1, { event: "timeout" }), Number(process.env.SIO_TIMEOUT_MS || 60000));
const sockets = {};

function print(line) {
  process.stdout.write(JSON.stringify(line) + "\n");
}

function finish(code, line) {
  if (line) print(line);
  clearTimeout(deadline);
  for (const s of Object.values(sockets)) s.close();
  print({ event: "done" });
  process.exitCode = code;
  setImmediate(() => process.exit(code));
}

function transportOf(s) {
  return s.io.engine && s.io.engine.transport ? s.io.engine.transport.name : null;
}

// One socket (its own Manager, so each has its own Engine.IO connection). onJoined runs after its joins.
function open(label, onJoined) {
  const s = io(url, {
    auth: { token },
    transports,
    forceNew: true,
    reconnection: reconnect,
    reconnectionDelay: 100,
    reconnectionDelayMax: 500,
    randomizationFactor: 0,
    timeout: 10000,
  });
  sockets[label] = s;
  let upgraded = !waitUpgrade;
  let joined = false;
  const readyIfBoth = () => {
    if (upgraded && joined && onJoined) onJoined();
  };
  s.io.on("open", () => {
    if (waitUpgrade && s.io.engine.transport.name !== "websocket") {
      s.io.engine.once("upgrade", (transport) => {
        print({ event: "upgraded", socket: label, transport: transport.name });
        upgraded = true;
        readyIfBoth();
      });
    }
  });
  s.onAny((name, ...args) => print({ event: "sio", socket: label, name, args, transport: transportOf(s) }));
  s.on("connect_error", (err) => print({ event: "connect_error", socket: label, message: err.message, data: err.data ?? null }));
  s.on("disconnect", (reason) => print({ event: "disconnect", socket: label, reason }));
  s.on("connect", () => {
    print({ event: "connect", socket: label, id: s.id, recovered: Boolean(s.recovered), transport: transportOf(s) });
    if (s.recovered) return; // the binding came back with the pid: no join needed
    joinAll(s, label, 0, () => {
      joined = true;
      readyIfBoth();
    });
  });
  return s;
}

function joinAll(s, label, index, done) {
  if (index >= wallets.length) return done();
  if (!withAck) {
    s.emit("join", wallets[index]);
    return done();
  }
  s.emit("join", wallets[index], (...args) => {
    print({ event: "join-ack", socket: label, wallet: wallets[index], args });
    joinAll(s, label, index + 1, done);
  });
}

const scenarios = {
  connect: () => {
    const a = open("a");
    a.on("connect", () => finish(0));
    a.on("connect_error", () => finish(0));
  },
  listen: () => {
    let ready = false;
    open("a", () => {
      if (!ready) print({ event: "ready", socket: "a", transport: transportOf(sockets.a) });
      else print({ event: "rejoined", socket: "a" });
      ready = true;
    });
  },
  pair: () => {
    const joined = new Set();
    const onJoined = (label) => () => {
      joined.add(label);
      if (joined.size !== 2) return;
      print({ event: "ready" });
      if (process.env.SIO_TYPING !== "1") return;
      sockets.a.emit("typing", true, (...args) => print({ event: "typing-ack", socket: "a", args }));
    };
    open("a", onJoined("a"));
    open("b", onJoined("b"));
    sockets.b.on("typing", (value) => {
      if (value === true) sockets.a.emit("typing", false);
    });
  },
  recover: () => {
    const joined = new Set();
    let phase = "live";
    let seenByWitness = 0; // balance:update events the witness got, the first one included
    const onJoined = (label) => () => {
      joined.add(label);
      if (joined.size === 2 && phase === "live") print({ event: "ready" });
    };
    const a = open("a", onJoined("a"));
    open("b", onJoined("b"));
    a.on("balance:update", () => {
      if (phase !== "live") return;
      phase = "dropped";
      // A network loss as socket.io-client sees one, with its own reconnection held back until the witness
      // proves the missed events were published.
      a.io.reconnection(false);
      a.io.engine.close();
      print({ event: "dropped", socket: "a" });
    });
    sockets.b.on("balance:update", () => {
      seenByWitness++;
      if (phase !== "dropped" || seenByWitness < 1 + missed) return;
      phase = "reconnecting";
      print({ event: "reconnecting", socket: "a" });
      a.connect();
    });
  },
};

if (!scenarios[scenario]) {
  console.error(`unknown scenario ${scenario}`);
  process.exit(2);
}

scenarios[scenario]();
