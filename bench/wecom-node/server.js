// Comparison peer for `dotnet run -c Release --project bench/Bot.Bench -- wecom-load --url …`:
// a bare Node HTTP server doing the same checks around Tencent's @wecom/crypto (which has none of its own,
// wecom.md §11): body cap, timestamp window, signature, decrypt, CorpID. It stores nothing (the bot also writes
// every callback into its SQLite inbox), so it is the upper bound of a Node implementation.
// With STORE=<file> it does the bot's whole job: each callback goes into a SQLite inbox (WAL, synchronous=NORMAL,
// unique on the MsgId, better-sqlite3) before it is answered, the callbacks of one event-loop turn in one
// transaction, as the bot's group commit does. That is the like-for-like peer.
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

const store = process.env.STORE ? openInbox(process.env.STORE) : null;

function openInbox(file) {
  const Database = require('better-sqlite3');
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`CREATE TABLE IF NOT EXISTS inbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT, channel TEXT NOT NULL, channel_message_id TEXT NOT NULL,
    conversation_id TEXT NOT NULL, payload TEXT NOT NULL, received_at INTEGER NOT NULL, status TEXT NOT NULL,
    UNIQUE (channel, channel_message_id))`);
  const insert = db.prepare(`INSERT OR IGNORE INTO inbox (channel, channel_message_id, conversation_id, payload, received_at, status)
    VALUES ('wecom', ?, ?, ?, ?, 'Pending')`);
  const commit = db.transaction((rows) => { for (const r of rows) insert.run(r.msgId, r.from, r.payload, r.receivedAt); });
  let waiting = [];
  return {
    // Answered only once its transaction has committed (a duplicate MsgId is ignored and answered the same).
    accept(row, res) {
      waiting.push({ row, res });
      if (waiting.length > 1) return;
      setImmediate(() => {
        const batch = waiting;
        waiting = [];
        try {
          commit(batch.map((w) => w.row));
          for (const w of batch) { w.res.statusCode = 200; w.res.end(); }
        } catch (e) {
          console.error(e);
          for (const w of batch) { w.res.statusCode = 500; w.res.end(); }
        }
      });
    },
  };
}

const field = (xml, name) => {
  const m = new RegExp(`<${name}>(?:<!\\[CDATA\\[([^\\]]*)\\]\\]>|([^<]*))</${name}>`).exec(xml);
  return m ? (m[1] ?? m[2]) : null;
};

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
    if (!store) { res.statusCode = 200; return res.end(); }
    const from = field(message, 'FromUserName');
    const payload = JSON.stringify({
      from, msgType: field(message, 'MsgType'), content: field(message, 'Content'),
      createTime: Number(field(message, 'CreateTime')), agentId: field(message, 'AgentID'),
    });
    store.accept({ msgId: field(message, 'MsgId'), from, payload, receivedAt: Date.now() }, res);
  });
}).listen(port, '127.0.0.1', () => console.log(`wecom-node peer on http://127.0.0.1:${port}/`));
