// Starts the peer (gewechaty, built from its own source) against the harness's GeWe sandbox, the way a
// user of gewechaty starts it: new GeweBot({...}).start(), with a 'message' listener that takes each
// message and does nothing with it, as the host does with chat from people who are not admins.
// The harness (benchmarks/run.sh --only peer) runs it with Node from the repository root; it is our code, not
// the peer's. Everything comes from the environment:
//   PEER_DIR        the gewechaty folder (its package.json and the built dist/index.js)
//   PEER_DATA       an empty folder: the peer's working directory, its ds.json and its SQLite cache
//   PEER_PORT       the port its callback endpoint listens on
//   PEER_ROUTE      the callback path (gewechaty's default is /getWechatCallBack)
//   GEWE_BASE_URL   the sandbox's base URL, GEWE_TOKEN its token, GEWE_APP_ID the logged-in account
//   PEER_ROOMS      group ids (comma-separated) put in the peer's group cache once it has started
//   PEER_PROFILE    where to write a CPU profile (.cpuprofile): SIGUSR2 starts V8's sampling profiler,
//                   the next SIGUSR2 stops it and writes the file
import { createRequire } from 'node:module';
import { renameSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';

const env = (name) => {
  const value = process.env[name];
  if (value === undefined || value === '') {
    console.error(`start-peer: ${name} is not set`);
    process.exit(2);
  }
  return value;
};

const peerDir = env('PEER_DIR');
const dataDir = env('PEER_DATA');
const port = Number(env('PEER_PORT'));
const route = env('PEER_ROUTE');
const token = env('GEWE_TOKEN');
const appId = env('GEWE_APP_ID');
const baseApi = env('GEWE_BASE_URL');

// An account already logged in, as the host is given one (its appId and token): gewechaty keeps them in
// ds.json, and when the container's token matches and checkOnline says true, it skips the QR login.
writeFileSync(join(dataDir, 'ds.json'), JSON.stringify({ token, appid: appId, uuid: '' }));
// gewechaty serves static files and keeps its database relative to the working directory.
process.chdir(dataDir);

const require = createRequire(join(peerDir, 'package.json'));
const { GeweBot } = require(peerDir);

const bot = new GeweBot({
  base_api: baseApi,
  file_api: baseApi,
  ip: '127.0.0.1',
  port,
  proxy: `http://127.0.0.1:${port}`,
  route,
  data_dir: dataDir,
  debug: false,
});

let messages = 0;
bot.on('message', (msg) => {
  // Taken and left alone: what a bot does with chat that is not addressed to it.
  if (msg.text() !== undefined) {
    messages++;
  }
});

let profiler = null;
process.on('SIGUSR2', () => {
  const file = process.env.PEER_PROFILE;
  if (!file) {
    return;
  }
  if (profiler === null) {
    profiler = new Session();
    profiler.connect();
    profiler.post('Profiler.enable', () => profiler.post('Profiler.start'));
    return;
  }
  const session = profiler;
  profiler = null;
  session.post('Profiler.stop', (err, result) => {
    if (err) {
      console.error('start-peer: no profile:', err);
    } else {
      // whole or not at all: the harness waits for the file to appear
      writeFileSync(file + '.part', JSON.stringify(result.profile));
      renameSync(file + '.part', file);
    }
    session.disconnect();
  });
});

process.on('SIGTERM', () => {
  console.log(`start-peer: ${messages} messages taken, stopping`);
  process.exit(0);
});

bot.start().then(() => {
  // GeWe has no such group for the sandbox to describe (it does not serve /group/getChatroomInfo): without
  // this, gewechaty would ask for the group on every message from it and log the failure each time.
  const rooms = (process.env.PEER_ROOMS || '').split(',').filter((r) => r !== '');
  for (const chatroomId of rooms) {
    bot.db.insertRoom({ chatroomId, nickName: chatroomId, memberList: [] });
  }
  console.log(`start-peer: ready on ${port}${route}, ${rooms.length} groups cached`);
}).catch((e) => {
  console.error('start-peer: the peer did not start:', e);
  process.exit(1);
});
