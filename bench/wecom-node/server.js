// Comparison peer for `dotnet run -c Release --project bench/Bot.Bench -- wecom-load --url …`:
// a bare Node HTTP server doing the same checks around Tencent's @wecom/crypto (which has none of its own,
// wecom.md §11): body cap, timestamp window, signature, decrypt, CorpID. It stores nothing (the bot also writes
// every callback into its SQLite inbox), so it is the upper bound of a Node implementation.
'use strict';
const http = require('node:http');
const crypto = require('node:crypto');
const { getSignature, decrypt } = require('@wecom/crypto');

// Official vector A's credentials (wecom.md §5), the same as the load generator's.
const TOKEN = 'hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo';
const AES_KEY = '6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt';
const CORP_ID = 'ww1436e0e65a779aee';
const MAX_BODY = 65536;
const port = Number(process.env.PORT || 5391);

http.createServer((req, res) => {
  const url = new URL(req.url, 'http://localhost');
  const q = url.searchParams;
  const chunks = [];
  let size = 0;
  req.on('data', (c) => { size += c.length; if (size <= MAX_BODY) chunks.push(c); });
  req.on('end', () => {
    if (size > MAX_BODY) { res.statusCode = 413; return res.end(); }
    const ts = Number(q.get('timestamp'));
    if (!Number.isFinite(ts) || Math.abs(Date.now() / 1000 - ts) > 300) { res.statusCode = 401; return res.end(); }
    const body = Buffer.concat(chunks).toString('utf8');
    const m = /<Encrypt><!\[CDATA\[([^\]]*)\]\]><\/Encrypt>/.exec(body);
    if (!m) { res.statusCode = 400; return res.end(); }
    const expected = Buffer.from(getSignature(TOKEN, q.get('timestamp'), q.get('nonce'), m[1]));
    const given = Buffer.from(String(q.get('msg_signature') || '').toLowerCase());
    if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) { res.statusCode = 401; return res.end(); }
    const { message, id } = decrypt(AES_KEY, m[1]);
    if (id !== CORP_ID || !/<MsgId>\d+<\/MsgId>/.test(message)) { res.statusCode = 401; return res.end(); }
    res.statusCode = 200;
    res.end();
  });
}).listen(port, '127.0.0.1', () => console.log(`wecom-node peer on http://127.0.0.1:${port}/`));
