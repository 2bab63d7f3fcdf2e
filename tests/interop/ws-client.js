// Drives the stock `ws` client against the gateway's raw endpoints and prints what it observes, one JSON
// object a line. Usage: node ws-client.js <url> <scenario>
//   env WS_TOKEN       sent as the `bearer` subprotocol pair when WS_AUTH=subprotocol, else already in the url
//   env WS_COUNT       how many balance:update events to wait for (default 1)
//   env WS_TIMEOUT_MS  overall deadline (default 20000): prints {"event":"timeout"} and exits 1
// Scenarios: subscribe-balance, collect-balance, bad-input, chat. Every scenario ends with {"event":"done"}.
"use strict";

const WebSocket = require("ws");

const [url, scenario] = process.argv.slice(2);
const count = Number(process.env.WS_COUNT || 1);
const deadline = setTimeout(() => finish(1, { event: "timeout" }), Number(process.env.WS_TIMEOUT_MS || 20000));
const protocols = process.env.WS_AUTH === "subprotocol" ? ["bearer", process.env.WS_TOKEN] : undefined;

function print(line) {
  process.stdout.write(JSON.stringify(line) + "\n");
}

let socket;
function finish(code, line) {
  if (line) print(line);
  clearTimeout(deadline);
  print({ event: "done" });
  if (socket && socket.readyState === WebSocket.OPEN) socket.close(1000, "done");
  setImmediate(() => process.exit(code));
}

socket = new WebSocket(url, protocols);
socket.on("unexpected-response", (_req, res) => finish(0, { event: "refused", status: res.statusCode }));
socket.on("error", (err) => print({ event: "error", message: String(err && err.message) }));
socket.on("close", (code, reason) => print({ event: "close", code, reason: reason.toString() }));
socket.on("open", () => print({ event: "open", protocol: socket.protocol }));

const balances = [];
let step = 0;
socket.on("message", (raw, isBinary) => {
  const message = JSON.parse(raw.toString());
  print({ event: "message", message });
  switch (scenario) {
    case "subscribe-balance":
      if (message.type === "connection_established") {
        socket.send(JSON.stringify({ type: "subscribe", id: "s1", data: { events: ["balance"] } }));
      } else if (message.type === "subscribed") {
        print({ event: "ready" });
      } else if (message.type === "balance:update") {
        balances.push(message);
        if (balances.length >= count) finish(0, { event: "balances", items: balances });
      }
      break;
    case "collect-balance":
      if (message.type === "connection_established") print({ event: "ready" });
      if (message.type === "balance:update") {
        balances.push(message);
        if (balances.length >= count) finish(0, { event: "balances", items: balances });
      }
      break;
    case "bad-input":
      if (message.type === "connection_established") {
        socket.send("{not json");
      } else if (message.type === "error" && step === 0) {
        step = 1;
        socket.send(JSON.stringify({ type: "ping", id: "after-error" }));
      } else if (message.type === "pong") {
        finish(0, { event: "pong", client_id: message.data.client_id });
      }
      break;
    case "chat":
      if (message.type === "connection_ack") {
        socket.send(JSON.stringify({ type: "chat_message", id: "interop-1", data: { content: "Hello from ws" } }));
      } else if (message.type === "chat_message") {
        finish(0, { event: "answer", message });
      }
      break;
    default:
      finish(2, { event: "unknown-scenario", scenario });
  }
});
