// The baseline of the /api/messages benchmark: the official Bot Framework JS SDK (botbuilder 4.23.3) echo bot,
// CloudAdapter with authentication disabled (no app id), on Node's own http server. Its "turn" is only the echo,
// while ours runs the real turn (directory, state, engine, inbox and outbox on SQLite).
//   npm ci && node index.js 3978     then    dotnet run -c Release --project ../Bot.Load -- --bot http://127.0.0.1:3978
const http = require('http');
const { CloudAdapter, ConfigurationBotFrameworkAuthentication } = require('botbuilder');

const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
adapter.onTurnError = async (context, error) => { console.error(error); };

const port = Number(process.argv[2] || 3978);
http.createServer((req, res) => {
  if (req.method !== 'POST' || req.url !== '/api/messages') { res.statusCode = 404; res.end(); return; }
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    let body;
    try { body = JSON.parse(Buffer.concat(chunks).toString('utf8')); } catch { res.statusCode = 400; res.end(); return; }
    // The restify/express shape CloudAdapter.process expects, over Node's plain response.
    const request = { body, headers: req.headers, method: req.method };
    const response = {
      socket: res.socket,
      header: (name, value) => res.setHeader(name, value),
      status: (code) => { res.statusCode = code; },
      send: (b) => { if (b !== undefined) res.write(typeof b === 'string' || Buffer.isBuffer(b) ? b : JSON.stringify(b)); },
      end: () => res.end(),
    };
    adapter.process(request, response, async (context) => {
      if (context.activity.type === 'message') await context.sendActivity(`Echo: ${context.activity.text}`);
    }).catch((e) => { console.error(e); if (!res.writableEnded) { res.statusCode = 500; res.end(); } });
  });
}).listen(port, '127.0.0.1', () => console.log(`echo bot on http://127.0.0.1:${port}/api/messages`));
