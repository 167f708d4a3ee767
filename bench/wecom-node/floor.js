// The HTTP floor on Node, for `dotnet run -c Release --project bench/Bot.Bench -- http-floor` to be read against:
// read the request body, answer an empty 200, nothing else. Load both with `wecom-load --url`, as the servers in
// server.js and the bot are loaded (README, "WeCom callback load").
'use strict';
const http = require('node:http');

const port = Number(process.env.PORT || 5395);
http.createServer((req, res) => {
  req.on('data', () => {});
  req.on('end', () => { res.statusCode = 200; res.end(); });
}).listen(port, '127.0.0.1', () => console.log(`HTTP floor (Node) on http://127.0.0.1:${port}/`));
