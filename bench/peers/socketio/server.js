// socket.io 4.8 peer of the load harness (bench/OrleansRealtime.LoadHarness).
// Each socket joins the room "u:<user>" (user from the CONNECT auth payload or the ?user= query), so a
// per-user publish is io.to(room).emit: the same per-user fan-out our gateway does. Connection state
// recovery is on, so a reconnecting client can resume (pid + offset) as ours does with last_seq.
// HTTP (same contract as every peer):
//   POST /publish/<user>  {"m": "..."}               -> emit "ev" to the user's room
//   POST /broadcast       {"m": "..."}               -> emit "ev" to everyone
//   POST /stream/<user>   {"m": "...", "chunks": K}  -> K "ev" emits to the room (AI chunk stream stand-in)
//   GET  /healthz
'use strict';
const http = require('http');
const { Server } = require('socket.io');

const port = Number(process.argv[2] || process.env.PORT || 9101);
const host = '127.0.0.1';

function readBody(req) {
  return new Promise((resolve) => {
    const parts = [];
    req.on('data', (c) => parts.push(c));
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
  });
}

const server = http.createServer(async (req, res) => {
  if (req.method === 'GET' && req.url === '/healthz') { res.writeHead(200); res.end('ok'); return; }
  if (req.method !== 'POST') { res.writeHead(404); res.end(); return; }
  const body = JSON.parse(await readBody(req) || '{}');
  const m = body.m;
  if (req.url.startsWith('/publish/')) {
    io.to('u:' + decodeURIComponent(req.url.slice(9))).emit('ev', m);
  } else if (req.url === '/broadcast') {
    io.emit('ev', m);
  } else if (req.url.startsWith('/stream/')) {
    const room = io.to('u:' + decodeURIComponent(req.url.slice(8)));
    // m is "~C<t>K0E"; chunk i carries index i, like an AI answer streamed back to back.
    const prefix = m.slice(0, m.indexOf('K') + 1);
    for (let i = 0; i < (body.chunks | 0); i++) room.emit('ev', prefix + i + 'E');
  } else { res.writeHead(404); res.end(); return; }
  res.writeHead(202); res.end();
});

const io = new Server(server, {
  transports: ['websocket'],
  serveClient: false,
  perMessageDeflate: false,
  connectionStateRecovery: { maxDisconnectionDuration: 2 * 60 * 1000, skipMiddlewares: true },
});

io.on('connection', (socket) => {
  if (socket.recovered) return; // rooms come back with the session
  const user = (socket.handshake.auth && socket.handshake.auth.user) || socket.handshake.query.user;
  socket.join('u:' + user);
});

server.listen(port, host, () => console.log(`socket.io peer listening on http://${host}:${port}`));
process.on('SIGTERM', () => process.exit(0));
